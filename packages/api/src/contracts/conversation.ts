import { z } from "zod";
import { RULE_TEXTS } from "./rules.ts";
import {
  CLIENT_ID_MAX,
  CSAT_COMMENT_MAX,
  HANDOFF_REASON_MAX,
  CONVERSATION_SEARCH_MAX,
  CUSTOMER_NAME_MAX,
  DEVICE_MAX,
  EXTERNAL_USER_ID_MAX,
  MESSAGE_BODY_MAX,
  NOTE_MAX,
  PAGE_URL_MAX,
  PHONE_INPUT_MAX,
  RESOLUTION_CATEGORY_MAX,
} from "./limits.ts";

export const conversationIdSchema = z.number().int().positive();
export const conversationStatusSchema = z.enum(["BOT", "QUEUED", "ACTIVE", "PAUSED", "RESOLVED", "ABANDONED"]);
export const channelSchema = z.enum(["WEB", "WECHAT", "APP", "API"]);
export const conversationViewSchema = z.enum(["mine", "queue", "team", "all"]);

const MAX_RANGE_DAYS = 366;

/** Text someone typed: 1–max characters and not only spaces (kept as typed). */
const textSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => value.trim().length > 0, RULE_TEXTS.notBlank);
export const clientIdSchema = z.string().regex(new RegExp(`^[\\w.:-]{1,${CLIENT_ID_MAX}}$`), `1–${CLIENT_ID_MAX} letters, digits, _ . : -`);

export const conversationIdInput = z.object({ id: conversationIdSchema });

export const conversationListInput = z
  .object({
    view: conversationViewSchema.default("mine"),
    status: conversationStatusSchema.optional(),
    channel: channelSchema.optional(),
    teamId: conversationIdSchema.optional(),
    tagId: conversationIdSchema.optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    search: z.string().trim().max(CONVERSATION_SEARCH_MAX).optional(),
    /** opaque keyset cursor from the previous page */
    cursor: z
      .string()
      .regex(/^-?\d{1,15}(\.-?\d{1,15}){1,2}$/)
      .optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to) {
      if (value.to < value.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      else if (value.to.getTime() - value.from.getTime() > MAX_RANGE_DAYS * 86_400_000)
        ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_RANGE_DAYS} days after from` });
    }
  });

export const conversationMessagesInput = z.object({
  id: conversationIdSchema,
  /** everything after the last message the client has (gap filling after a reconnect) */
  afterId: z.number().int().nonnegative().optional(),
  /** older history, before the first message the client has */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** A customer's message as every channel hands it to the conversation service (widget, channel API, adapters). */
export const customerMessageInput = z.object({
  channel: channelSchema,
  externalUserId: z.string().min(1).max(EXTERNAL_USER_ID_MAX),
  clientId: clientIdSchema,
  body: textSchema(MESSAGE_BODY_MAX),
  customerName: z.string().trim().max(CUSTOMER_NAME_MAX).optional(),
  phone: z
    .string()
    .max(PHONE_INPUT_MAX)
    .refine((value) => /^1\d{10}$/.test(mainlandMobileDigits(value)), RULE_TEXTS.mainlandMobile)
    .optional(),
  teamId: conversationIdSchema.optional(),
  /** the widget menu's intent (a routing rule) the customer picked */
  intentId: conversationIdSchema.optional(),
  /** the visitor's device (widget: from the User-Agent) */
  device: z.string().trim().max(DEVICE_MAX).optional(),
  /** the page the widget was opened on: an http(s) URL */
  pageUrl: z
    .string()
    .max(PAGE_URL_MAX)
    .regex(/^https?:\/\/\S+$/, "an http or https URL")
    .optional(),
});

/** What an agent writes (a reply, or an internal note with its own limit). */
export const agentMessageInput = (max: number) => z.object({ body: textSchema(max), clientId: clientIdSchema.optional() });

/** The digits of a phone number as typed, without a leading 86 country code. */
function mainlandMobileDigits(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
}

export const conversationReplyInput = z.object({ id: conversationIdSchema, body: textSchema(MESSAGE_BODY_MAX), clientId: clientIdSchema.optional() });
export const conversationNoteInput = z.object({ id: conversationIdSchema, body: textSchema(NOTE_MAX), clientId: clientIdSchema.optional() });

const handoverFields = z.object({
  toUserId: conversationIdSchema.optional(),
  toTeamId: conversationIdSchema.optional(),
  note: z.string().max(NOTE_MAX).optional(),
});
const hasTarget = (value: { toUserId?: number; toTeamId?: number }) => value.toUserId !== undefined || value.toTeamId !== undefined;
const targetRequired = { path: ["toUserId"], message: "an agent or a team is required" };

/** A transfer's target and note, as the transfer service checks them (whoever calls it). */
export const handoverInput = handoverFields.refine(hasTarget, targetRequired);
export const conversationTransferInput = handoverFields.extend({ id: conversationIdSchema }).refine(hasTarget, targetRequired);

/** How a person ends a conversation; the category must also be one of the configured ones (a setting). */
export const resolutionInput = z.object({
  resolutionCategory: z.string().trim().min(1).max(RESOLUTION_CATEGORY_MAX),
  note: z.string().max(NOTE_MAX).optional(),
});
export const conversationResolveInput = resolutionInput.extend({ id: conversationIdSchema });

/** The customer's rating of a resolved conversation. */
export const csatInput = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(CSAT_COMMENT_MAX).optional(),
});

/** A hand-off to people: why, and optionally the team and a priority. */
export const handoffInput = z.object({
  reason: z.string().min(1).max(HANDOFF_REASON_MAX),
  teamId: conversationIdSchema.nullable().optional(),
  priority: z.number().int().min(0).max(100).optional(),
});

export const conversationMarkReadInput = z.object({ id: conversationIdSchema, messageId: conversationIdSchema.optional() });

export const queueOverviewInput = z.object({ teamId: conversationIdSchema.optional() }).optional();

export type ConversationListInput = z.infer<typeof conversationListInput>;
export type ConversationMessagesInput = z.infer<typeof conversationMessagesInput>;
