/**
 * AutoQA (docs/architecture.md, "AutoQA"): the rules run over every ended conversation, their settings per type,
 * and the test box that runs one rule on sample text.
 */
import { z } from "zod";
import { idSchema } from "./user.ts";

export const AUTOQA_RULE_TYPES = [
  "FORBIDDEN_WORDS",
  "GREETING",
  "CLOSING",
  "SLOW_RESPONSE",
  "REPEATED_TEXT",
  "IMPOLITE",
  "COMPLAINT_RISK",
  "PERSONAL_DATA",
  "PROCESS_ORDER",
] as const;
export type AutoQaRuleType = (typeof AUTOQA_RULE_TYPES)[number];

export const AUTOQA_SEVERITIES = ["LOW", "MEDIUM", "HIGH"] as const;

export const AUTOQA_PHRASE_MAX = 32;
export const AUTOQA_PHRASES_MAX = 500;
export const AUTOQA_RULE_NAME_MAX = 64;
export const AUTOQA_POINTS_MAX = 100;
/** the test box: a few lines of sample conversation */
export const AUTOQA_SAMPLE_MAX = 5_000;
export const AUTOQA_SAMPLE_LINES_MAX = 100;

const phrases = z.array(z.string().trim().min(1).max(AUTOQA_PHRASE_MAX)).max(AUTOQA_PHRASES_MAX);
const somePhrases = phrases.min(1);
const turns = z.number().int().min(1).max(20);

/** The settings of each rule type; `AutoQaRule.config` holds one of these. */
export const autoQaConfigSchemas = {
  /** 禁语: agent messages containing a word; a whitelist phrase around the word (滚动 for 滚) clears it */
  FORBIDDEN_WORDS: z.object({ words: somePhrases, whitelist: phrases }),
  /** 开场白: one of the phrases within the agent's first N messages */
  GREETING: z.object({ phrases: somePhrases, withinFirst: turns }),
  /** 结束语: one of the phrases within the agent's last N messages */
  CLOSING: z.object({ phrases: somePhrases, withinLast: turns }),
  /** the first response and any reply slower than these, by the metric definitions of `services/metrics` */
  SLOW_RESPONSE: z.object({
    firstResponseSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600),
    replySeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600),
  }),
  /** the same agent text N times within K agent messages */
  REPEATED_TEXT: z.object({ times: z.number().int().min(2).max(20), withinTurns: z.number().int().min(2).max(100) }),
  /** 服务态度: dismissive phrases from the agent */
  IMPOLITE: z.object({ phrases: somePhrases }),
  /** complaint risk: words from the customer */
  COMPLAINT_RISK: z.object({ words: somePhrases }),
  /** the agent sending personal data: flagged, the value masked in the flag */
  PERSONAL_DATA: z
    .object({ idNumber: z.boolean(), phone: z.boolean(), bankCard: z.boolean() })
    .refine((value) => value.idNumber || value.phone || value.bankCard, { message: "at least one kind of data", path: ["idNumber"] }),
  /** process order: one of `first` must come in an agent message before any agent message with one of `then` */
  PROCESS_ORDER: z.object({ first: somePhrases, then: somePhrases }),
} as const satisfies Record<AutoQaRuleType, z.ZodType>;

export type AutoQaConfig<T extends AutoQaRuleType = AutoQaRuleType> = z.infer<(typeof autoQaConfigSchemas)[T]>;

const ruleConfigInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("FORBIDDEN_WORDS"), config: autoQaConfigSchemas.FORBIDDEN_WORDS }),
  z.object({ type: z.literal("GREETING"), config: autoQaConfigSchemas.GREETING }),
  z.object({ type: z.literal("CLOSING"), config: autoQaConfigSchemas.CLOSING }),
  z.object({ type: z.literal("SLOW_RESPONSE"), config: autoQaConfigSchemas.SLOW_RESPONSE }),
  z.object({ type: z.literal("REPEATED_TEXT"), config: autoQaConfigSchemas.REPEATED_TEXT }),
  z.object({ type: z.literal("IMPOLITE"), config: autoQaConfigSchemas.IMPOLITE }),
  z.object({ type: z.literal("COMPLAINT_RISK"), config: autoQaConfigSchemas.COMPLAINT_RISK }),
  z.object({ type: z.literal("PERSONAL_DATA"), config: autoQaConfigSchemas.PERSONAL_DATA }),
  z.object({ type: z.literal("PROCESS_ORDER"), config: autoQaConfigSchemas.PROCESS_ORDER }),
]);

const ruleFields = z.object({
  name: z.string().trim().min(1).max(AUTOQA_RULE_NAME_MAX),
  severity: z.enum(AUTOQA_SEVERITIES),
  points: z.number().int().min(0).max(AUTOQA_POINTS_MAX),
  enabled: z.boolean(),
});

export const autoQaRuleUpdateInput = z.intersection(ruleFields.extend({ id: idSchema }), ruleConfigInput);
export type AutoQaRuleUpdateInput = z.infer<typeof autoQaRuleUpdateInput>;

/** A sample conversation for the test box: one message per line, `客户:` / `客服:` (or `C:` / `A:`) before each. */
export const autoQaTestInput = z.intersection(z.object({ sample: z.string().min(1).max(AUTOQA_SAMPLE_MAX) }), ruleConfigInput);
export type AutoQaTestInput = z.infer<typeof autoQaTestInput>;

export const autoQaBackfillInput = z
  .object({ from: z.coerce.date(), to: z.coerce.date() })
  .refine((value) => value.from < value.to, { message: "must be after the start", path: ["to"] });
export type AutoQaBackfillInput = z.infer<typeof autoQaBackfillInput>;

export const autoQaFlagListInput = z.object({ conversationId: idSchema });
