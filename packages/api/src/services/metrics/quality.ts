/**
 * Quality scores (docs/architecture.md, "Quality reviews"): the one definition of a review's score and of IQS.
 * The review screens, the seed and the quality reports all use these functions.
 *
 * - A criterion's share = (given − min) ÷ (max − min) × 100; a pass/fail criterion is a 0–1 scale.
 * - A review's score = Σ share × weight ÷ Σ weights over the criteria scored; N/A (不适用) criteria are left out.
 * - A critical criterion under 50 % makes the whole review 0.
 * - IQS = the mean score of submitted reviews (not drafts), calibration reviews excluded.
 */

export interface CriterionScale {
  minScore: number;
  maxScore: number;
  weight: number;
  critical: boolean;
}

/** below this share a critical criterion zeroes the review */
export const CRITICAL_THRESHOLD = 50;

/** 0–100: where `given` sits on the criterion's scale. */
export function criterionShare(criterion: Pick<CriterionScale, "minScore" | "maxScore">, given: number): number {
  return ((given - criterion.minScore) / (criterion.maxScore - criterion.minScore)) * 100;
}

/**
 * The review's score, 0–100, from each criterion and what it was given (null = N/A). Null when nothing was
 * scored (every criterion N/A): such a review has no score.
 */
export function reviewScore(items: readonly { criterion: CriterionScale; score: number | null }[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { criterion, score } of items) {
    if (score === null) continue;
    const share = criterionShare(criterion, score);
    if (criterion.critical && share < CRITICAL_THRESHOLD) return 0;
    weighted += share * criterion.weight;
    weights += criterion.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/** The reviews IQS counts: submitted (any status but DRAFT), not calibration, with a score. */
export const IQS_REVIEW_WHERE = { isCalibration: false, status: { not: "DRAFT" }, total: { not: null } } as const;

/** IQS over review scores already filtered by `IQS_REVIEW_WHERE`: their mean, or null without any. */
export function internalQualityScore(totals: readonly number[]): number | null {
  if (!totals.length) return null;
  return totals.reduce((sum, total) => sum + total, 0) / totals.length;
}
