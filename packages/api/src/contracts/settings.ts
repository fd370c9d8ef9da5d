import { z } from "zod";
import { RULE_TEXTS } from "./rules.ts";
import { BOT_KEYWORD_MAX, BOT_KEYWORDS_MAX, BOT_TEXT_MAX } from "./limits.ts";

export const securitySettingsInput = z.object({
  session: z.object({
    idleMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    absoluteHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
  }),
  lockout: z.object({
    maxFailures: z.number().int().min(3).max(20),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    lockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
});

/** "HH:MM" from 00:00 to 23:59; an end time may also be 24:00 (midnight at the end of the day). */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, RULE_TEXTS.timeOfDay);
const endTimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, RULE_TEXTS.endTimeOfDay);
const botText = z.string().trim().min(1).max(BOT_TEXT_MAX);

/**
 * Messages of the cross-field issues below. They are stable keys (the console translates them) rather
 * than prose, because zod's message is the only place a refinement can say what is wrong.
 */
export const BOT_SETTINGS_ISSUES = {
  endNotAfterStart: "end_not_after_start",
  duplicateKeyword: "duplicate_keyword",
  duplicateDay: "duplicate_day",
} as const;

function minutesOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * The auto-reply strategy and the bot's texts as one form (settings keys `bot.strategy` and
 * `bot.replies`). Bot hours are China Standard Time, days 1 = Monday … 7 = Sunday; all day is 00:00–24:00.
 */
export const botSettingsInput = z
  .object({
    enabled: z.boolean(),
    priorityDirectToQueue: z.boolean(),
    /** the bot answers only when its best article's confidence (0–1) reaches this */
    threshold: z.number().min(0).max(1),
    lowConfidenceHandoffAfter: z.number().int().min(1).max(10),
    handoffKeywords: z.array(z.string().trim().min(1).max(BOT_KEYWORD_MAX)).min(1).max(BOT_KEYWORDS_MAX),
    hours: z.object({
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      start: timeOfDay,
      end: endTimeOfDay,
    }),
    welcomeMessage: botText,
    clarifyMessage: botText,
    offHoursMessage: botText,
    /** `{position}` is replaced by the customer's place in the queue */
    queueFullMessage: botText,
  })
  .superRefine((value, ctx) => {
    const { start, end, days } = value.hours;
    if (timeOfDay.safeParse(start).success && endTimeOfDay.safeParse(end).success && minutesOfDay(end) <= minutesOfDay(start)) {
      ctx.addIssue({ code: "custom", path: ["hours", "end"], message: BOT_SETTINGS_ISSUES.endNotAfterStart });
    }
    if (new Set(days).size !== days.length) ctx.addIssue({ code: "custom", path: ["hours", "days"], message: BOT_SETTINGS_ISSUES.duplicateDay });
    const seen = new Set<string>();
    value.handoffKeywords.forEach((keyword, index) => {
      const key = keyword.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["handoffKeywords", index], message: BOT_SETTINGS_ISSUES.duplicateKeyword });
      seen.add(key);
    });
  });

export type BotSettingsInput = z.infer<typeof botSettingsInput>;
