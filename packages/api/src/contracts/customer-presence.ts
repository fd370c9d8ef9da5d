/**
 * Whether a widget customer is still there, and the idle reminder / auto-end of a conversation. The timings are
 * explained in docs/decisions.md ("Customers who leave").
 */
import { z } from "zod";
import { BOT_TEXT_MAX, RESOLUTION_CATEGORY_MAX } from "./limits.ts";

/** the open widget reports every this many seconds (and at once when the page becomes visible again) */
export const WIDGET_HEARTBEAT_SECONDS = 20;
/**
 * No heartbeat for this long: the customer is gone. Above a background tab's throttled timers (one run a minute)
 * so a hidden tab is not taken for a closed one.
 */
export const CUSTOMER_GONE_AFTER_SECONDS = 90;
/** After the page's goodbye (pagehide), this long for a heartbeat to say it was only a reload or a link. */
export const CUSTOMER_LEAVE_GRACE_SECONDS = 15;
/** How often the worker looks for customers who left and for idle conversations. */
export const CUSTOMER_PRESENCE_SWEEP_SECONDS = 15;

/** The widget's presence signal (`POST /api/v1/widget/presence`): `here` is the heartbeat, `gone` the page's goodbye. */
export const widgetPresenceInput = z.object({
  state: z.enum(["here", "gone"]),
});

export const IDLE_MINUTES_MAX = 24 * 60;
const idleMinutes = z.number().int().min(1).max(IDLE_MINUTES_MAX);
const idleText = z.string().trim().min(1).max(BOT_TEXT_MAX);

/**
 * 访客无响应提醒 / 自动结束 (settings key `conversation.idle`): the customer silent this many minutes after the
 * agent's last message is reminded once; the conversation ends `autoEndMinutes` after the reminder (after the
 * agent's last message when reminders are off). Texts are shown to the customer as written.
 */
export const idleSettingsInput = z.object({
  reminderEnabled: z.boolean(),
  reminderMinutes: idleMinutes,
  reminderMessage: idleText,
  autoEndEnabled: z.boolean(),
  autoEndMinutes: idleMinutes,
  autoEndMessage: idleText,
  /** the resolution category an auto-ended conversation is recorded with */
  autoEndCategory: z.string().trim().min(1).max(RESOLUTION_CATEGORY_MAX),
});

export type IdleSettingsInput = z.infer<typeof idleSettingsInput>;
