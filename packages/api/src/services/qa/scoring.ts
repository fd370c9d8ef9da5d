/** A scorecard's criteria, and the scores given to them checked against their scales (docs/architecture.md, "Quality reviews"). */
import type { Db } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { reviewScore } from "../metrics/index.ts";

export const CRITERION_SELECT = {
  id: true,
  name: true,
  description: true,
  groupName: true,
  minScore: true,
  maxScore: true,
  weight: true,
  critical: true,
  naAllowed: true,
  sortOrder: true,
} as const;

export interface LoadedCriterion {
  id: number;
  name: string;
  description: string | null;
  groupName: string | null;
  minScore: number;
  maxScore: number;
  weight: number;
  critical: boolean;
  naAllowed: boolean;
  sortOrder: number;
}

export function criteriaOf(db: Db | Tx, scorecardId: number): Promise<LoadedCriterion[]> {
  return db.scorecardCriterion.findMany({ where: { scorecardId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: CRITERION_SELECT });
}

/** the field an error about one criterion's score names: the screen marks that criterion */
export const criterionField = (criterionId: number) => `criterion.${criterionId}`;

/**
 * The scores given, checked: each criterion of the scorecard at most once, within its scale, N/A only where
 * allowed; with `complete`, every criterion scored (or N/A). Returns criterion id → score (null = N/A).
 */
export function checkScores(
  criteria: readonly LoadedCriterion[],
  given: readonly { criterionId: number; score: number | null }[],
  options: { complete: boolean },
): Map<number, number | null> {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const scores = new Map<number, number | null>();
  for (const { criterionId, score } of given) {
    const criterion = byId.get(criterionId);
    if (!criterion) throw new AppError("NOT_FOUND", { field: criterionField(criterionId) });
    if (scores.has(criterionId)) throw new AppError("INVALID_INPUT", { field: criterionField(criterionId), params: { rule: "duplicate" } });
    if (score === null) {
      if (!criterion.naAllowed) throw new AppError("QA_NA_NOT_ALLOWED", { field: criterionField(criterionId), params: { criterion: criterion.name } });
    } else if (score < criterion.minScore || score > criterion.maxScore) {
      throw new AppError("QA_SCORE_OUT_OF_RANGE", {
        field: criterionField(criterionId),
        params: { criterion: criterion.name, min: criterion.minScore, max: criterion.maxScore },
      });
    }
    scores.set(criterionId, score);
  }
  if (options.complete) {
    const missing = criteria.find((criterion) => !scores.has(criterion.id));
    if (missing) throw new AppError("QA_SCORE_REQUIRED", { field: criterionField(missing.id), params: { criterion: missing.name } });
  }
  return scores;
}

/** The review's score from its criteria and the scores given (metrics' one definition); null when none counts. */
export function totalOf(criteria: readonly LoadedCriterion[], scores: ReadonlyMap<number, number | null>): number | null {
  return reviewScore(criteria.filter((criterion) => scores.has(criterion.id)).map((criterion) => ({ criterion, score: scores.get(criterion.id)! })));
}

/** Scores as a dispute keeps them: [{ criterionId, score }] in the scorecard's order. */
export function scoreList(criteria: readonly LoadedCriterion[], scores: ReadonlyMap<number, number | null>) {
  return criteria.filter((criterion) => scores.has(criterion.id)).map((criterion) => ({ criterionId: criterion.id, score: scores.get(criterion.id)! }));
}
