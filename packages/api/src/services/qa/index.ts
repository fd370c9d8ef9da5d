// Quality reviews (质检评分): reviewing ended conversations, the agent's side, disputes (docs/architecture.md, "Quality reviews").
export { startReview, ENDED_STATUSES } from "./start-review.ts";
export { saveReviewDraft, submitReview, discardReviewDraft } from "./save-review.ts";
export { highlightMessage, removeHighlight } from "./highlights.ts";
export { getReview, getFeedback, type QaReviewDetail } from "./get-review.ts";
export { listReviews, listFeedback, listReviewCandidates, reviewFilterOptions } from "./list-reviews.ts";
export { acknowledgeReview, disputeReview, resolveDispute } from "./disputes.ts";
export { checkScores, totalOf, criteriaOf, type LoadedCriterion } from "./scoring.ts";
export { qaReviewNotifySubscriber } from "./subscriber.ts";
