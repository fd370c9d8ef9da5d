/**
 * Quality inspection (质检): one scorecard and a few hundred reviews by the QA inspectors, scored
 * exactly as the metric definitions say.
 */
import type { QaReviewStatus } from "../../generated/prisma/enums.ts";
import type { BulkLoader, IdAllocator } from "./bulk-insert.ts";
import { Random } from "./random.ts";
import { DAY, HOUR, MINUTE } from "./time.ts";

export interface CriterionDefinition {
  name: string;
  description: string;
  minScore: number;
  maxScore: number;
  weight: number;
  critical: boolean;
  /** may be marked 不适用 (N/A) */
  naAllowed: boolean;
  groupName: string;
}

export const SCORECARD = {
  name: "服务质量评分卡",
  description: "在线客服会话质检通用评分卡，覆盖服务态度、问题解决、响应时效、业务准确与服务规范，触犯服务红线整单0分。",
};

export const CRITERIA: readonly CriterionDefinition[] = [
  {
    name: "服务态度",
    groupName: "服务态度",
    description: "用语礼貌、耐心，不推诿，不与客户争执。",
    minScore: 0,
    maxScore: 10,
    weight: 20,
    critical: false,
    naAllowed: false,
  },
  {
    name: "问题解决",
    groupName: "准确性",
    description: "准确识别客户诉求，给出有效、可执行的解决方案。",
    minScore: 0,
    maxScore: 10,
    weight: 30,
    critical: false,
    naAllowed: false,
  },
  {
    name: "响应及时",
    groupName: "专业性",
    description: "首次响应与每次回复及时，暂停会话前告知客户。",
    minScore: 0,
    maxScore: 5,
    weight: 15,
    critical: false,
    naAllowed: false,
  },
  {
    name: "业务准确",
    groupName: "准确性",
    description: "政策、流程、时效等业务信息准确，无错误承诺；未涉及业务信息时记为不适用。",
    minScore: 0,
    maxScore: 5,
    weight: 20,
    critical: false,
    naAllowed: true,
  },
  {
    name: "服务规范",
    groupName: "流程规范",
    description: "开场与结束语规范，按要求记录备注、登记工单。",
    minScore: 0,
    maxScore: 5,
    weight: 15,
    critical: false,
    naAllowed: false,
  },
  {
    name: "服务红线",
    groupName: "流程规范",
    description: "泄露客户隐私、辱骂或嘲讽客户、违规承诺赔付等，触犯即整单0分。",
    minScore: 0,
    maxScore: 1,
    weight: 10,
    critical: true,
    naAllowed: false,
  },
];

/**
 * Criterion score = (given − min) ÷ (max − min) × 100; review score = Σ(score × weight)
 * ÷ Σ weights over the criteria scored (N/A, null, left out); a critical criterion under 50 % makes the review 0.
 * The API's `reviewScore` (services/metrics/quality.ts) is the definition; a test there checks this agrees.
 */
export function reviewTotal(criteria: readonly CriterionDefinition[], given: readonly (number | null)[]): number {
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < criteria.length; i++) {
    const criterion = criteria[i]!;
    const value = given[i]!;
    if (value === null) continue;
    const score = ((value - criterion.minScore) / (criterion.maxScore - criterion.minScore)) * 100;
    if (criterion.critical && score < 50) return 0;
    weighted += score * criterion.weight;
    weights += criterion.weight;
  }
  return weights === 0 ? 0 : weighted / weights;
}

export interface ReviewCandidate {
  conversationId: number;
  agentId: number;
  resolvedAt: number;
}

const RED_LINE_REASONS = ["向客户透露其他客户的订单信息", "与客户争执并使用不当言辞", "未经审批承诺全额赔付"];
const STRONG = ["服务规范，问题处理到位，继续保持。", "解答准确，安抚到位，是一通标准会话。", "响应及时，方案清晰，客户满意度高。"];

function reviewComment(total: number, weakest: string, redLine: string | null): string {
  if (redLine) return `触犯服务红线：${redLine}，本次质检记0分，请参加复训。`;
  if (total >= 90) return STRONG[Math.floor(total) % STRONG.length]!;
  if (total >= 75) return `整体良好，${weakest}方面还有提升空间。`;
  return `${weakest}不达标，需加强业务培训，主管跟进辅导。`;
}

/**
 * Writes the scorecard and reviews of some of the candidates (human-resolved conversations), a
 * few of them as calibration pairs reviewed by both inspectors. Returns the number of reviews.
 */
export function writeQuality(
  loader: BulkLoader,
  ids: IdAllocator,
  options: { reviewers: readonly number[]; candidates: readonly ReviewCandidate[]; count: number; now: number },
): number {
  const scorecards = loader.table("Scorecard", ["id", "name", "description", "active", "createdAt", "updatedAt"] as const);
  const criteriaTable = loader.table("ScorecardCriterion", [
    "id",
    "scorecardId",
    "name",
    "description",
    "minScore",
    "maxScore",
    "weight",
    "critical",
    "naAllowed",
    "groupName",
    "sortOrder",
  ] as const);
  const reviews = loader.table("QaReview", [
    "id",
    "conversationId",
    "agentId",
    "reviewerId",
    "scorecardId",
    "total",
    "comment",
    "status",
    "isCalibration",
    "createdAt",
    "submittedAt",
    "acknowledgedAt",
  ] as const);
  const scores = loader.table("QaReviewScore", ["reviewId", "criterionId", "score", "comment"] as const);

  const scorecardId = ids.next("Scorecard");
  const createdAt = new Date(options.now - 120 * DAY);
  scorecards.add({ id: scorecardId, ...SCORECARD, active: true, createdAt, updatedAt: createdAt });
  const criterionIds = CRITERIA.map((criterion, sortOrder) => {
    const id = ids.next("ScorecardCriterion");
    criteriaTable.add({ id, scorecardId, ...criterion, sortOrder });
    return id;
  });
  if (options.reviewers.length === 0) return 0;

  const rng = Random.for("qa-reviews", options.now);
  // reviews happen a day or more after the conversation ended
  const eligible = options.candidates.filter((c) => c.resolvedAt < options.now - DAY);
  const picked = rng.shuffle([...eligible]).slice(0, options.count);
  picked.sort((a, b) => a.resolvedAt - b.resolvedAt);
  const calibrationFrom = picked.length - Math.min(5, Math.floor(picked.length / 20));

  let written = 0;
  picked.forEach((candidate, index) => {
    const calibration = index >= calibrationFrom;
    const reviewers = calibration ? options.reviewers : [options.reviewers[index % options.reviewers.length]!];
    for (const reviewerId of reviewers) {
      const reviewRng = Random.for("qa-review", candidate.conversationId, reviewerId);
      const skill = Random.for("agent-skill", candidate.agentId).between(0.72, 0.97);
      const redLine = reviewRng.chance(0.03) ? reviewRng.pick(RED_LINE_REASONS) : null;
      const given = CRITERIA.map((criterion): number | null => {
        if (criterion.critical) return redLine ? criterion.minScore : criterion.maxScore;
        if (criterion.naAllowed && reviewRng.chance(0.1)) return null;
        const share = Math.min(1, Math.max(0, skill + reviewRng.between(-0.25, 0.12)));
        return Math.round(criterion.minScore + share * (criterion.maxScore - criterion.minScore));
      });
      const total = reviewTotal(CRITERIA, given);
      let weakest = 0;
      const shareOf = (i: number) => (given[i] === null ? 1 : (given[i]! - CRITERIA[i]!.minScore) / (CRITERIA[i]!.maxScore - CRITERIA[i]!.minScore));
      CRITERIA.forEach((criterion, i) => {
        if (!criterion.critical && shareOf(i) < shareOf(weakest)) weakest = i;
      });
      const reviewedAt = Math.min(candidate.resolvedAt + reviewRng.between(1, 6) * DAY, options.now - HOUR);
      const status: QaReviewStatus = calibration || reviewedAt > options.now - 3 * DAY || reviewRng.chance(0.3) ? "SUBMITTED" : "FINAL";
      const submittedAt = reviewedAt + Math.round(reviewRng.between(3, 25)) * MINUTE;
      // a FINAL review is one its agent has acknowledged (确认)
      const acknowledgedAt = status === "FINAL" ? new Date(Math.min(submittedAt + reviewRng.between(1, 48) * HOUR, options.now - MINUTE)) : null;
      const reviewId = ids.next("QaReview");
      reviews.add({
        id: reviewId,
        conversationId: candidate.conversationId,
        agentId: candidate.agentId,
        reviewerId,
        scorecardId,
        total,
        comment: reviewComment(total, CRITERIA[weakest]!.name, redLine),
        status,
        isCalibration: calibration,
        createdAt: new Date(reviewedAt),
        submittedAt: new Date(submittedAt),
        acknowledgedAt,
      });
      CRITERIA.forEach((criterion, i) => {
        const score = given[i]!;
        const low = score !== null && (score - criterion.minScore) / (criterion.maxScore - criterion.minScore) < 0.6;
        scores.add({
          reviewId,
          criterionId: criterionIds[i]!,
          score,
          comment: criterion.critical && redLine ? redLine : low ? `${criterion.name}扣分：${criterion.description}` : null,
        });
      });
      written++;
    }
  });
  return written;
}
