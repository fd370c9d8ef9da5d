/**
 * 访客无响应提醒 / 自动结束 (setting `conversation.idle`). A conversation an agent holds (ACTIVE) is idle while the
 * customer has not written since the agent's last message; its silence starts at that message, or at the customer's
 * return after leaving (customer-presence.ts), whichever is later. After `reminderMinutes` of silence the customer
 * gets the reminder text once (a BOT message); `autoEndMinutes` after the reminder (after the start of the silence
 * when reminders are off) the conversation is RESOLVED with the end text, the `autoEndCategory` and the event detail
 * `{ closedBy: "idle" }`, without a satisfaction survey. A customer message ends the silence, so it cancels both.
 */
import { Prisma, type Db } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { logger } from "../../logger.ts";
import { getSetting, type SettingValue } from "../settings/index.ts";
import { lockConversation, pausedSecondsAt } from "./conversation-row.ts";
import { triggerRouting } from "./routing.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendMessage, appendSystemMessage } from "./timeline.ts";

type IdleSettings = SettingValue<"conversation.idle">;
const MINUTE_MS = 60_000;
const SWEEP_BATCH = 200;

export interface IdleClock {
  status: string;
  lastAgentMessageAt: Date | null;
  lastCustomerMessageAt: Date | null;
  customerReturnedAt: Date | null;
  idleRemindedAt: Date | null;
}

export type IdleStep = "remind" | "end";

/** When the current silence started, or null when the customer is not the one who owes an answer. */
export function silenceStart(clock: IdleClock): Date | null {
  if (clock.status !== "ACTIVE" || clock.lastAgentMessageAt === null) return null;
  if (clock.lastCustomerMessageAt !== null && clock.lastCustomerMessageAt >= clock.lastAgentMessageAt) return null;
  return clock.customerReturnedAt !== null && clock.customerReturnedAt > clock.lastAgentMessageAt ? clock.customerReturnedAt : clock.lastAgentMessageAt;
}

/** What is due for this conversation at `now`, if anything. */
export function idleStepDue(clock: IdleClock, settings: IdleSettings, now: Date): IdleStep | null {
  const start = silenceStart(clock);
  if (!start) return null;
  const silentMs = now.getTime() - start.getTime();
  if (!settings.reminderEnabled) return settings.autoEndEnabled && silentMs >= settings.autoEndMinutes * MINUTE_MS ? "end" : null;
  const remindedAt = clock.idleRemindedAt !== null && clock.idleRemindedAt >= start ? clock.idleRemindedAt : null;
  if (!remindedAt) return silentMs >= settings.reminderMinutes * MINUTE_MS ? "remind" : null;
  return settings.autoEndEnabled && now.getTime() - remindedAt.getTime() >= settings.autoEndMinutes * MINUTE_MS ? "end" : null;
}

const clockSelect = {
  status: true,
  lastAgentMessageAt: true,
  lastCustomerMessageAt: true,
  customerReturnedAt: true,
  idleRemindedAt: true,
} as const;

export interface IdleSweep {
  reminded: number[];
  ended: number[];
}

/** The worker's look for idle conversations; each is decided again under its row lock. */
export async function sweepIdleConversations(db: Db, now = new Date()): Promise<IdleSweep> {
  const settings = await getSetting(db, "conversation.idle");
  const outcome: IdleSweep = { reminded: [], ended: [] };
  if (!settings.reminderEnabled && !settings.autoEndEnabled) return outcome;
  const firstStepMinutes = settings.reminderEnabled ? settings.reminderMinutes : settings.autoEndMinutes;
  const silentSince = new Date(now.getTime() - firstStepMinutes * MINUTE_MS);
  const candidates = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    SELECT id FROM \`Conversation\`
    WHERE status = 'ACTIVE' AND lastAgentMessageAt IS NOT NULL AND lastAgentMessageAt <= ${silentSince}
      AND (lastCustomerMessageAt IS NULL OR lastCustomerMessageAt < lastAgentMessageAt)
    ORDER BY id LIMIT ${SWEEP_BATCH}`);
  for (const { id } of candidates) {
    const step = await takeIdleStep(db, Number(id), settings, now).catch((error: unknown) => {
      logger.warn({ err: error, conversationId: id }, "idle close: step failed");
      return null;
    });
    if (step === "remind") outcome.reminded.push(Number(id));
    if (step === "end") outcome.ended.push(Number(id));
  }
  if (outcome.ended.length > 0) await triggerRouting(db, {});
  return outcome;
}

async function takeIdleStep(db: Db, conversationId: number, settings: IdleSettings, now: Date): Promise<IdleStep | null> {
  return runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    const clock = await uow.tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: clockSelect });
    const step = idleStepDue(clock, settings, now);
    if (step === "remind") {
      await appendMessage(uow, conversation, { senderType: "BOT", kind: "TEXT", body: settings.reminderMessage }, now, { idleRemindedAt: now });
      return step;
    }
    if (step !== "end") return null;
    const to = nextStatus("resolve", conversation.status);
    const silentSeconds = Math.round((now.getTime() - silenceStart(clock)!.getTime()) / 1000);
    await appendMessage(uow, conversation, { senderType: "BOT", kind: "TEXT", body: settings.autoEndMessage }, now);
    await uow.tx.conversation.update({
      where: { id: conversation.id },
      data: {
        status: to,
        resolvedAt: now,
        resolutionCategory: settings.autoEndCategory,
        resolutionNote: null,
        pausedAt: null,
        pausedSeconds: pausedSecondsAt(conversation, now),
      },
    });
    const next = { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
    await addEvent(
      uow,
      next,
      {
        type: "RESOLVED",
        fromStatus: conversation.status,
        toStatus: to,
        fromUserId: conversation.assigneeId,
        detail: { closedBy: "idle", resolutionCategory: settings.autoEndCategory, silentSeconds },
      },
      now,
    );
    await appendSystemMessage(uow, next, "conversation.resolved", now);
    return step;
  });
}
