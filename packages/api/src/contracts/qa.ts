/**
 * Quality reviews (质检评分; docs/architecture.md, "Quality reviews"): starting, scoring and submitting a review,
 * highlights, the agent's acknowledgement and dispute, and how a dispute is settled.
 */
import { z } from "zod";
import { idSchema } from "./user.ts";

export const QA_COMMENT_MAX = 1_000;
export const QA_ADVICE_MAX = 2_000;
export const QA_REASON_MAX = 2_000;
/** a scorecard has at most this many criteria */
export const QA_CRITERIA_MAX = 50;
export const QA_PAGE_MAX = 100;

export const QA_REVIEW_STATUSES = ["DRAFT", "SUBMITTED", "DISPUTED", "FINAL"] as const;
export type QaReviewStatusName = (typeof QA_REVIEW_STATUSES)[number];
export const QA_DISPUTE_OUTCOMES = ["ACCEPT", "ADJUST", "REJECT"] as const;

/** one criterion's score: a whole number on its scale, or null for 不适用 (N/A) */
export const qaScoreSchema = z.object({ criterionId: idSchema, score: z.number().int().min(-1_000).max(1_000).nullable() });
const scores = z.array(qaScoreSchema).max(QA_CRITERIA_MAX);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

export const qaReviewIdInput = z.object({ id: idSchema });

export const qaReviewStartInput = z.object({
  conversationId: idSchema,
  /** the scorecard to use; the active one when left out */
  scorecardId: idSchema.optional(),
  /** a calibration review may sit beside another review of the same conversation */
  isCalibration: z.boolean().default(false),
});

/** Saving a draft and submitting take the same form; a draft may leave criteria unscored. */
export const qaReviewSaveInput = z.object({
  id: idSchema,
  scores: z.array(qaScoreSchema.extend({ comment: optionalText(QA_COMMENT_MAX) })).max(QA_CRITERIA_MAX),
  /** overall advice to the agent (建议) */
  advice: optionalText(QA_ADVICE_MAX),
});
export type QaReviewSaveInput = z.input<typeof qaReviewSaveInput>;

export const qaHighlightInput = z.object({
  reviewId: idSchema,
  messageId: idSchema,
  comment: z.string().trim().min(1).max(QA_COMMENT_MAX),
});
export const qaHighlightRemoveInput = z.object({ reviewId: idSchema, messageId: idSchema });

export const qaReviewListInput = z
  .object({
    status: z.enum(QA_REVIEW_STATUSES).optional(),
    agentId: idSchema.optional(),
    reviewerId: idSchema.optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    cursor: idSchema.optional(),
    limit: z.number().int().min(1).max(QA_PAGE_MAX).default(50),
  })
  .default({ limit: 50 });

/** Ended conversations not yet reviewed, newest first: the start of conditional sampling (抽检). */
export const qaCandidateListInput = z
  .object({
    agentId: idSchema.optional(),
    teamId: idSchema.optional(),
    /** only conversations the customer rated 2 or less */
    lowCsat: z.boolean().optional(),
    /** only conversations AutoQA flagged */
    flagged: z.boolean().optional(),
    cursor: idSchema.optional(),
    limit: z.number().int().min(1).max(QA_PAGE_MAX).default(30),
  })
  .default({ limit: 30 });

/** The reviews of the caller (an agent) or of their teams' agents (a supervisor). */
export const qaFeedbackListInput = z
  .object({
    agentId: idSchema.optional(),
    status: z.enum(QA_REVIEW_STATUSES).optional(),
    cursor: idSchema.optional(),
    limit: z.number().int().min(1).max(QA_PAGE_MAX).default(50),
  })
  .default({ limit: 50 });

export const qaDisputeInput = z.object({
  id: idSchema,
  reason: z.string().trim().min(1).max(QA_REASON_MAX),
  /** the scores the agent believes right, for the criteria they dispute */
  proposedScores: scores.min(1),
});

export const qaDisputeResolveInput = z
  .object({
    disputeId: idSchema,
    /** ACCEPT applies the agent's proposal, ADJUST applies `scores`, REJECT keeps the review as it was */
    outcome: z.enum(QA_DISPUTE_OUTCOMES),
    resolution: optionalText(QA_REASON_MAX),
    scores: scores.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === "REJECT" && !value.resolution) ctx.addIssue({ code: "custom", path: ["resolution"], message: "required" });
    if (value.outcome === "ADJUST" && !value.scores?.length) ctx.addIssue({ code: "custom", path: ["scores"], message: "required" });
  });

export { qaReviewPaths } from "./links.ts";
