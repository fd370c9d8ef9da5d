import { z } from "zod";
import { KB_BODY_MAX, KB_KEYWORDS_MAX, KB_QUERY_MAX, KB_TITLE_MAX, KB_TRY_BOT_QUESTION_MAX } from "./limits.ts";
import { idSchema } from "./user.ts";

export const kbArticleStatusSchema = z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]);
export const unansweredStatusSchema = z.enum(["OPEN", "RESOLVED", "IGNORED"]);

export const kbTitleSchema = z.string().trim().min(1).max(KB_TITLE_MAX);
export const kbBodySchema = z.string().trim().min(1).max(KB_BODY_MAX);
export const kbKeywordsSchema = z.string().trim().max(KB_KEYWORDS_MAX);

export const kbSearchInput = z.object({
  query: z.string().trim().min(1).max(KB_QUERY_MAX),
  limit: z.number().int().min(1).max(50).default(10),
  categoryId: idSchema.optional(),
});

export const kbListInput = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  status: kbArticleStatusSchema.optional(),
  categoryId: idSchema.optional(),
  /** part of the title */
  search: z.string().trim().max(KB_QUERY_MAX).optional(),
});

export const kbIdInput = z.object({ id: idSchema });

/** An article read in full, or inserted into a reply from the workspace's knowledge panel. */
export const kbRecordUseInput = z.object({ articleId: idSchema, use: z.enum(["view", "insert"]) });
export type KbRecordUseInput = z.infer<typeof kbRecordUseInput>;

export const kbCreateInput = z.object({
  title: kbTitleSchema,
  body: kbBodySchema,
  categoryId: idSchema.nullable().optional(),
  keywords: kbKeywordsSchema.optional(),
  /** the unanswered question this article was written for: it is marked RESOLVED and linked to the article */
  fromQuestionId: idSchema.optional(),
});

export const kbUpdateInput = z.object({
  id: idSchema,
  title: kbTitleSchema.optional(),
  body: kbBodySchema.optional(),
  categoryId: idSchema.nullable().optional(),
  keywords: kbKeywordsSchema.nullable().optional(),
  /** the version the editor started from: a newer one means someone else saved in between (CONFLICT) */
  expectedVersion: z.number().int().min(1).max(1_000_000).optional(),
});

/** Without an id, every article is re-indexed (after editing synonyms or stop words). */
export const kbReindexInput = z.object({ id: idSchema.optional() }).optional();

export const kbUnansweredListInput = z.object({
  status: unansweredStatusSchema.optional(),
  /** "recent": last asked first; "count": most asked first */
  sort: z.enum(["recent", "count"]).default("recent"),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const kbUnansweredUpdateInput = z.object({
  id: idSchema,
  status: unansweredStatusSchema,
  /** the article that answers the question; omitted keeps the current link, null clears it */
  articleId: idSchema.nullable().optional(),
});

export const kbTryBotInput = z.object({ question: z.string().trim().min(1).max(KB_TRY_BOT_QUESTION_MAX) });

export type KbSearchInput = z.infer<typeof kbSearchInput>;
export type KbListInput = z.infer<typeof kbListInput>;
export type KbCreateInput = z.infer<typeof kbCreateInput>;
export type KbUpdateInput = z.infer<typeof kbUpdateInput>;
export type KbUnansweredListInput = z.infer<typeof kbUnansweredListInput>;
export type KbUnansweredUpdateInput = z.infer<typeof kbUnansweredUpdateInput>;

/** Why a customer found a bot answer unhelpful (the widget offers them as choices). */
export const KB_FEEDBACK_REASONS = ["not_solved", "unclear", "wrong", "off_topic"] as const;
export type KbFeedbackReason = (typeof KB_FEEDBACK_REASONS)[number];
export const KB_FEEDBACK_COMMENT_MAX = 500;

/** A customer rates a bot answer in the widget: 有帮助 / 没帮助, with an optional reason and comment when it did not help. */
export const kbAnswerFeedbackInput = z
  .object({
    messageId: idSchema,
    helpful: z.boolean(),
    reason: z.enum(KB_FEEDBACK_REASONS).nullable().optional(),
    comment: z.string().trim().max(KB_FEEDBACK_COMMENT_MAX).nullable().optional(),
  })
  .refine((input) => !input.helpful || (!input.reason && !input.comment), {
    message: "reason: only an unhelpful answer takes a reason or comment",
    path: ["reason"],
  });
export type KbAnswerFeedbackInput = z.infer<typeof kbAnswerFeedbackInput>;

/** The feedback list of the knowledge admin: newest first, for one article or all, helpful or not. */
export const kbFeedbackListInput = z.object({
  articleId: idSchema.optional(),
  helpful: z.boolean().optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
