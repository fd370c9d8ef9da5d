import { permissionProcedure, router } from "../trpc.ts";
import { autoQaFlagListInput, autoQaRuleUpdateInput, autoQaTestInput } from "../contracts/autoqa.ts";
import {
  qaCandidateListInput,
  qaDisputeInput,
  qaDisputeResolveInput,
  qaFeedbackListInput,
  qaHighlightInput,
  qaHighlightRemoveInput,
  qaReviewIdInput,
  qaReviewListInput,
  qaReviewSaveInput,
  qaReviewStartInput,
} from "../contracts/qa.ts";
import { listAutoQaRules, listConversationFlags, testAutoQaRule, updateAutoQaRule } from "../services/autoqa/index.ts";
import {
  acknowledgeReview,
  discardReviewDraft,
  disputeReview,
  getFeedback,
  getReview,
  highlightMessage,
  listFeedback,
  listReviewCandidates,
  listReviews,
  removeHighlight,
  resolveDispute,
  reviewFilterOptions,
  saveReviewDraft,
  startReview,
  submitReview,
} from "../services/qa/index.ts";

const review = permissionProcedure("qa.review");
const manage = permissionProcedure("qa.manage");
const feedback = permissionProcedure("qa.feedback");

/** Quality inspection: AutoQA rules and the flags they raise; reviews, the agent's side of them, disputes. */
export const qaRouter = router({
  listAutoQaRules: review.query(({ ctx }) => listAutoQaRules(ctx.db)),
  updateAutoQaRule: manage
    .meta({ auditTarget: "AutoQaRule" })
    .input(autoQaRuleUpdateInput)
    .mutation(({ ctx, input }) => updateAutoQaRule(ctx.db, ctx.session, input)),
  /** runs a rule being edited over sample text; changes nothing */
  testAutoQaRule: review
    .meta({ audit: false })
    .input(autoQaTestInput)
    .mutation(({ input }) => testAutoQaRule(input)),
  listConversationFlags: review.input(autoQaFlagListInput).query(({ ctx, input }) => listConversationFlags(ctx.db, input)),

  // reviewing (质检评分)
  listReviews: review.input(qaReviewListInput).query(({ ctx, input }) => listReviews(ctx.db, ctx.session, input)),
  listReviewCandidates: review.input(qaCandidateListInput).query(({ ctx, input }) => listReviewCandidates(ctx.db, ctx.session, input)),
  reviewFilterOptions: review.query(({ ctx }) => reviewFilterOptions(ctx.db)),
  getReview: review.input(qaReviewIdInput).query(({ ctx, input }) => getReview(ctx.db, ctx.session, input)),
  startReview: review
    .meta({ auditTarget: "QaReview" })
    .input(qaReviewStartInput)
    .mutation(({ ctx, input }) => startReview(ctx.db, ctx.session, input)),
  saveReviewDraft: review
    .meta({ auditTarget: "QaReview" })
    .input(qaReviewSaveInput)
    .mutation(({ ctx, input }) => saveReviewDraft(ctx.db, ctx.session, input)),
  submitReview: review
    .meta({ auditTarget: "QaReview" })
    .input(qaReviewSaveInput)
    .mutation(({ ctx, input }) => submitReview(ctx.db, ctx.session, input)),
  discardReviewDraft: review
    .meta({ auditTarget: "QaReview" })
    .input(qaReviewIdInput)
    .mutation(({ ctx, input }) => discardReviewDraft(ctx.db, ctx.session, input)),
  highlightMessage: review
    .meta({ auditTarget: "QaReview" })
    .input(qaHighlightInput)
    .mutation(({ ctx, input }) => highlightMessage(ctx.db, ctx.session, input)),
  removeHighlight: review
    .meta({ auditTarget: "QaReview" })
    .input(qaHighlightRemoveInput)
    .mutation(({ ctx, input }) => removeHighlight(ctx.db, ctx.session, input)),
  resolveDispute: review
    .meta({ auditTarget: "QaDispute" })
    .input(qaDisputeResolveInput)
    .mutation(({ ctx, input }) => resolveDispute(ctx.db, ctx.session, input)),

  // the reviewed agent's side (我的质检)
  listFeedback: feedback.input(qaFeedbackListInput).query(({ ctx, input }) => listFeedback(ctx.db, ctx.session, input)),
  getFeedback: feedback.input(qaReviewIdInput).query(({ ctx, input }) => getFeedback(ctx.db, ctx.session, input)),
  acknowledgeReview: feedback
    .meta({ auditTarget: "QaReview" })
    .input(qaReviewIdInput)
    .mutation(({ ctx, input }) => acknowledgeReview(ctx.db, ctx.session, input)),
  disputeReview: feedback
    .meta({ auditTarget: "QaReview" })
    .input(qaDisputeInput)
    .mutation(({ ctx, input }) => disputeReview(ctx.db, ctx.session, input)),
});
