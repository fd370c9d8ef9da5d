/**
 * The auto-reply strategy and the bot's texts, edited as one form: `bot.strategy` (whether and for whom the
 * bot answers, when it hands off) and `bot.replies` (threshold, hours and what it says). Both keys are saved
 * in one transaction, so the bot never runs with half an edit.
 */
import type { Db } from "@kefu/db/client";
import type { BotSettingsInput } from "../../contracts/settings.ts";
import { getSetting, invalidateSettings, settingSchemas, updateSetting, type SettingValue } from "./index.ts";

export type BotSettings = BotSettingsInput;

const BOT_KEYS = ["bot.strategy", "bot.replies"] as const;

function combine(strategy: SettingValue<"bot.strategy">, replies: SettingValue<"bot.replies">): BotSettings {
  return {
    enabled: strategy.enabled,
    priorityDirectToQueue: strategy.priorityDirectToQueue,
    handoffKeywords: strategy.handoffKeywords,
    lowConfidenceHandoffAfter: strategy.lowConfidenceHandoffAfter,
    threshold: replies.threshold,
    hours: replies.hours,
    welcomeMessage: replies.welcomeMessage,
    clarifyMessage: replies.clarifyMessage,
    offHoursMessage: replies.offHoursMessage,
    queueFullMessage: replies.queueFullMessage,
  };
}

/** What a fresh deployment starts with (the "restore defaults" values). */
export function defaultBotSettings(): BotSettings {
  return combine(settingSchemas["bot.strategy"].parse({}), settingSchemas["bot.replies"].parse({}));
}

/** The current values, the defaults, and who changed them last (null while both keys are untouched). */
export async function getBotSettings(db: Db) {
  const [strategy, replies, rows] = await Promise.all([
    getSetting(db, "bot.strategy"),
    getSetting(db, "bot.replies"),
    db.setting.findMany({
      where: { key: { in: [...BOT_KEYS] } },
      orderBy: { updatedAt: "desc" },
      take: 1,
      select: { updatedAt: true, updatedBy: { select: { id: true, name: true } } },
    }),
  ]);
  const last = rows[0];
  return {
    settings: combine(strategy, replies),
    defaults: defaultBotSettings(),
    lastChange: last ? { at: last.updatedAt, by: last.updatedBy } : null,
  };
}

export async function updateBotSettings(db: Db, input: BotSettingsInput, actorId: number): Promise<BotSettings> {
  const keywords = input.handoffKeywords.map((keyword) => keyword.trim());
  const saved = await db.$transaction(async (tx) => {
    const strategy = await updateSetting(
      tx,
      "bot.strategy",
      {
        enabled: input.enabled,
        priorityDirectToQueue: input.priorityDirectToQueue,
        handoffKeywords: keywords,
        lowConfidenceHandoffAfter: input.lowConfidenceHandoffAfter,
      },
      actorId,
    );
    const replies = await updateSetting(
      tx,
      "bot.replies",
      {
        threshold: input.threshold,
        hours: { days: [...input.hours.days].sort((a, b) => a - b), start: input.hours.start, end: input.hours.end },
        welcomeMessage: input.welcomeMessage,
        clarifyMessage: input.clarifyMessage,
        offHoursMessage: input.offHoursMessage,
        queueFullMessage: input.queueFullMessage,
      },
      actorId,
    );
    return combine(strategy, replies);
  });
  invalidateSettings();
  return saved;
}
