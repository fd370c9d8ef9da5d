/**
 * Typed settings over the key/value `Setting` table. Each key has a zod schema with defaults,
 * so a missing row or an older shape still yields a complete, valid value.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { z } from "zod";
import { IDLE_MINUTES_MAX } from "../../contracts/customer-presence.ts";
import { BOT_KEYWORD_MAX, BOT_KEYWORDS_MAX, BOT_TEXT_MAX, RESOLUTION_CATEGORY_MAX } from "../../contracts/limits.ts";

export const settingSchemas = {
  "security.session": z.object({
    idleMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(30),
    absoluteHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
  }),
  "security.lockout": z.object({
    maxFailures: z.number().int().min(3).max(20).default(5),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    lockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  }),
  /** Routing and the life of a conversation (services/conversation). */
  routing: z.object({
    /** a customer writing again within this many hours of a resolution reopens that conversation; 0 turns reopening off */
    reopenWindowHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(72),
    /** the team a handoff goes to when neither the caller nor the conversation names one; null = any team */
    defaultTeamId: z.number().int().positive().nullable().default(null),
    /** the chat widget offers the routing rules' intents as a menu before the customer writes (services/routing) */
    intentMenu: z.boolean().default(false),
    /** reply timeout for conversations without a team (teams have their own replyTimeoutSeconds); 0 turns it off */
    replyTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .default(180),
  }),
  /** What an agent may pick when ending a conversation, and what the bot records when it resolves one. */
  "conversation.resolution": z.object({
    categories: z
      .array(z.string().trim().min(1).max(RESOLUTION_CATEGORY_MAX))
      .min(1)
      .max(100)
      .default([
        "问题已解决",
        "已提供方案",
        "已登记工单",
        "已解答咨询",
        "已办理退款",
        "已办理退换货",
        "已催件",
        "已安排补发",
        "已开具发票",
        "已安排维修",
        "已促成下单",
        "已补发权益",
        "已恢复账号",
        "已登记投诉",
        "已安抚并补偿",
        "已提交建议",
      ]),
    botCategory: z.string().trim().min(1).max(RESOLUTION_CATEGORY_MAX).default("机器人已解答"),
  }),
  /** 访客无响应提醒 / 自动结束 (services/conversation/idle-close.ts; the rules in contracts/customer-presence.ts). */
  "conversation.idle": z.object({
    reminderEnabled: z.boolean().default(true),
    reminderMinutes: z.number().int().min(1).max(IDLE_MINUTES_MAX).default(5),
    reminderMessage: z.string().trim().min(1).max(BOT_TEXT_MAX).default("您好，请问还在吗？如果还有其他问题，请直接回复我们。"),
    autoEndEnabled: z.boolean().default(true),
    autoEndMinutes: z.number().int().min(1).max(IDLE_MINUTES_MAX).default(5),
    autoEndMessage: z.string().trim().min(1).max(BOT_TEXT_MAX).default("由于您长时间未回复，本次会话已自动结束。如需帮助，欢迎随时再次咨询。"),
    autoEndCategory: z.string().trim().min(1).max(RESOLUTION_CATEGORY_MAX).default("访客无响应自动结束"),
  }),
  /**
   * The auto-reply strategy. The conversation service applies `enabled` and `priorityDirectToQueue`
   * when a conversation starts; the bot reads the hand-off keywords and the low-confidence limit.
   */
  "bot.strategy": z.object({
    /** false: every new conversation goes straight to the queue */
    enabled: z.boolean().default(true),
    /** VIP and SVIP customers skip the bot */
    priorityDirectToQueue: z.boolean().default(true),
    handoffKeywords: z.array(z.string().trim().min(1).max(BOT_KEYWORD_MAX)).max(BOT_KEYWORDS_MAX).default(["人工", "转人工", "人工客服", "agent", "human"]),
    /** hand off after this many answers below the threshold */
    lowConfidenceHandoffAfter: z.number().int().min(1).max(10).default(2),
  }),
  /** What the bot says and when it answers. Texts are shown to customers as written. */
  "bot.replies": z.object({
    /** answer with the best article only when its confidence (0–1) reaches this; see services/knowledge/search.ts */
    threshold: z.number().min(0).max(1).default(0.35),
    welcomeMessage: z.string().trim().min(1).max(BOT_TEXT_MAX).default("您好，我是智能客服小客，请问有什么可以帮您？输入“人工”可随时转接人工客服。"),
    clarifyMessage: z
      .string()
      .trim()
      .min(1)
      .max(BOT_TEXT_MAX)
      .default("抱歉，我没有完全理解您的问题，能换个说法或补充一些细节吗？也可以输入“人工”转接人工客服。"),
    offHoursMessage: z.string().trim().min(1).max(BOT_TEXT_MAX).default("智能客服当前不在服务时间，已为您转接人工客服，请稍候。"),
    queueFullMessage: z.string().trim().min(1).max(BOT_TEXT_MAX).default("当前咨询人数较多，您前面还有 {position} 位，请耐心等待，我们会尽快为您服务。"),
    /** when the bot answers, in China Standard Time; outside these hours customers go straight to the queue */
    hours: z
      .object({
        days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5, 6, 7]),
        start: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
          .default("00:00"),
        end: z
          .string()
          .regex(/^([01]\d|2[0-4]):[0-5]\d$/)
          .default("24:00"),
      })
      .default({ days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00" }),
  }),
  /**
   * The VAPID key pair web push is signed with (services/push/vapid.ts). Written once, never edited here: the private
   * key is stored encrypted with the field keys; empty strings mean not generated yet.
   */
  "push.vapid": z.object({
    publicKey: z.string().default(""),
    privateKeyEnc: z.string().default(""),
    createdAt: z.string().default(""),
  }),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

/**
 * The keys every customer message reads (receiving it, routing, the bot's turn) are cached in the process for
 * SETTINGS_TTL_MS. A write through updateSetting forgets them at once in the writing process; other processes (the
 * other web workers, the worker) read the new value within the TTL. Other keys are read from the table each time.
 */
export const CACHED_SETTINGS = ["routing", "bot.strategy", "bot.replies"] as const satisfies readonly SettingKey[];
export const SETTINGS_TTL_MS = 5_000;

interface CachedSetting {
  value: Promise<unknown>;
  loadedAt: number;
  generation: number;
}

const settingCaches = new WeakMap<object, Map<SettingKey, CachedSetting>>();
let settingsGeneration = 0;

/** Forgets every cached setting of this process (after a write, or one made outside updateSetting). */
export function invalidateSettings(): void {
  settingsGeneration++;
}

async function readSetting<K extends SettingKey>(db: Pick<Db, "setting">, key: K): Promise<SettingValue<K>> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  const parsed = settingSchemas[key].safeParse(row?.value ?? {});
  return (parsed.success ? parsed.data : settingSchemas[key].parse({})) as SettingValue<K>;
}

export function getSetting<K extends SettingKey>(db: Pick<Db, "setting">, key: K): Promise<SettingValue<K>> {
  if (!(CACHED_SETTINGS as readonly SettingKey[]).includes(key)) return readSetting(db, key);
  let cache = settingCaches.get(db);
  if (!cache) settingCaches.set(db, (cache = new Map<SettingKey, CachedSetting>()));
  const cached = cache.get(key);
  if (cached && cached.generation === settingsGeneration && Date.now() - cached.loadedAt < SETTINGS_TTL_MS) return cached.value as Promise<SettingValue<K>>;
  const entry: CachedSetting = { value: readSetting(db, key), loadedAt: Date.now(), generation: settingsGeneration };
  cache.set(key, entry);
  // a failed read must not stay cached
  entry.value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry.value as Promise<SettingValue<K>>;
}

/**
 * Takes the client or a transaction (several keys saved together; the caller then calls invalidateSettings again
 * after the commit, so no read made between the write and the commit stays cached).
 */
export async function updateSetting<K extends SettingKey>(db: Pick<Db, "setting">, key: K, value: SettingValue<K>, actorId: number) {
  const parsed = settingSchemas[key].parse(value) as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key }, create: { key, value: parsed, updatedById: actorId }, update: { value: parsed, updatedById: actorId } });
  invalidateSettings();
  return parsed as SettingValue<K>;
}
