/**
 * Saving a review as a draft and submitting it. A draft may leave criteria unscored; submitting needs every
 * criterion scored or N/A, each within its scale, and fixes the score (metrics' `reviewScore`). Only the reviewer
 * edits, and only while it is a draft.
 */
import type { Db } from "@kefu/db/client";
import { qaReviewSaveInput, type QaReviewSaveInput } from "../../contracts/qa.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { checkScores, criteriaOf, totalOf } from "./scoring.ts";

/** The reviewer's own draft, locked for the change. */
export async function lockOwnDraft(tx: Tx, actor: Actor, reviewId: number, field = "id") {
  await tx.$queryRaw`SELECT id FROM QaReview WHERE id = ${reviewId} FOR UPDATE`;
  const review = await tx.qaReview.findUnique({
    where: { id: reviewId },
    select: { id: true, status: true, reviewerId: true, agentId: true, scorecardId: true, conversationId: true },
  });
  if (!review) throw new AppError("NOT_FOUND", { field });
  if (review.reviewerId !== actor.id) throw new AppError("FORBIDDEN", { field });
  if (review.status !== "DRAFT") throw new AppError("QA_REVIEW_STATE", { field, params: { status: review.status } });
  return review;
}

async function save(db: Db, actor: Actor, raw: QaReviewSaveInput, submit: boolean) {
  const data = parseInput(qaReviewSaveInput, raw);
  return runUnitOfWork(db, async (uow) => {
    const { tx } = uow;
    const review = await lockOwnDraft(tx, actor, data.id);
    const criteria = await criteriaOf(tx, review.scorecardId);
    const scores = checkScores(criteria, data.scores, { complete: submit });
    const comments = new Map(data.scores.map((s) => [s.criterionId, s.comment]));
    const total = submit ? totalOf(criteria, scores) : null;
    if (submit && total === null) throw new AppError("QA_SCORE_REQUIRED", { field: "scores", params: { criterion: criteria[0]?.name ?? "" } });

    await tx.qaReviewScore.deleteMany({ where: { reviewId: review.id } });
    if (scores.size)
      await tx.qaReviewScore.createMany({
        data: [...scores].map(([criterionId, score]) => ({ reviewId: review.id, criterionId, score, comment: comments.get(criterionId) ?? null })),
      });
    const now = new Date();
    const updated = await tx.qaReview.update({
      where: { id: review.id },
      data: { comment: data.advice, ...(submit ? { status: "SUBMITTED", total, submittedAt: now } : {}) },
      select: { id: true, status: true, total: true, submittedAt: true },
    });
    if (submit && !(await tx.qaReview.findUniqueOrThrow({ where: { id: review.id }, select: { isCalibration: true } })).isCalibration)
      uow.record({ type: "qa.review_submitted", reviewId: review.id, agentId: review.agentId, reviewerId: review.reviewerId, actorId: actor.id });
    return updated;
  });
}

export const saveReviewDraft = (db: Db, actor: Actor, input: QaReviewSaveInput) => save(db, actor, input, false);
export const submitReview = (db: Db, actor: Actor, input: QaReviewSaveInput) => save(db, actor, input, true);

/** A draft the reviewer no longer wants: deleted, so the conversation can be picked again. */
export async function discardReviewDraft(db: Db, actor: Actor, raw: unknown) {
  const { id } = parseInput(qaReviewSaveInput.pick({ id: true }), raw);
  return runUnitOfWork(db, async ({ tx }) => {
    const review = await lockOwnDraft(tx, actor, id);
    await tx.qaReview.delete({ where: { id: review.id } });
    return { id: review.id };
  });
}
