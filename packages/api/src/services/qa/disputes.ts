/**
 * The agent's side of a review: acknowledging it (确认), disputing it (申诉) with a reason and the scores they
 * propose, and the reviewer (or a `qa.manage` lead) settling the dispute: accept the proposal, adjust to scores of
 * their own, or reject with a reason. One dispute per review; the dispute row keeps the scores before and after.
 * Settled, the review is SUBMITTED again for the agent to acknowledge.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { qaDisputeInput, qaDisputeResolveInput, qaReviewIdInput } from "../../contracts/qa.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { canSettleAnyDispute } from "./access.ts";
import { checkScores, criteriaOf, scoreList, totalOf } from "./scoring.ts";

async function lockAgentsReview(tx: Tx, actor: Actor, reviewId: number) {
  await tx.$queryRaw`SELECT id FROM QaReview WHERE id = ${reviewId} FOR UPDATE`;
  const review = await tx.qaReview.findUnique({
    where: { id: reviewId },
    select: { id: true, status: true, agentId: true, reviewerId: true, scorecardId: true, isCalibration: true, _count: { select: { disputes: true } } },
  });
  // someone else's review, a draft or a calibration review is not the agent's to see
  if (!review || review.agentId !== actor.id || review.status === "DRAFT" || review.isCalibration) throw new AppError("NOT_FOUND", { field: "id" });
  return review;
}

export async function acknowledgeReview(db: Db, actor: Actor, raw: unknown) {
  const { id } = parseInput(qaReviewIdInput, raw);
  return runUnitOfWork(db, async ({ tx }) => {
    const review = await lockAgentsReview(tx, actor, id);
    if (review.status !== "SUBMITTED") throw new AppError("QA_REVIEW_STATE", { field: "id", params: { status: review.status } });
    return tx.qaReview.update({
      where: { id },
      data: { status: "FINAL", acknowledgedAt: new Date() },
      select: { id: true, status: true, acknowledgedAt: true },
    });
  });
}

export async function disputeReview(db: Db, actor: Actor, raw: unknown) {
  const data = parseInput(qaDisputeInput, raw);
  return runUnitOfWork(db, async (uow) => {
    const review = await lockAgentsReview(uow.tx, actor, data.id);
    if (review.status !== "SUBMITTED" || review._count.disputes > 0)
      throw new AppError("QA_REVIEW_STATE", { field: "id", params: { status: review._count.disputes ? "DISPUTED" : review.status } });
    const criteria = await criteriaOf(uow.tx, review.scorecardId);
    const proposed = checkScores(criteria, data.proposedScores, { complete: false });
    const dispute = await uow.tx.qaDispute.create({
      data: { reviewId: review.id, raisedById: actor.id, reason: data.reason, proposedScores: scoreList(criteria, proposed) },
      select: { id: true, status: true },
    });
    await uow.tx.qaReview.update({ where: { id: review.id }, data: { status: "DISPUTED" } });
    uow.record({ type: "qa.review_disputed", reviewId: review.id, agentId: review.agentId, reviewerId: review.reviewerId, actorId: actor.id });
    return { id: review.id, disputeId: dispute.id };
  });
}

function proposalOf(json: Prisma.JsonValue | null): { criterionId: number; score: number | null }[] {
  return Array.isArray(json) ? (json as { criterionId: number; score: number | null }[]) : [];
}

export async function resolveDispute(db: Db, actor: Actor, raw: unknown) {
  const data = parseInput(qaDisputeResolveInput, raw);
  return runUnitOfWork(db, async (uow) => {
    const { tx } = uow;
    const found = await tx.qaDispute.findUnique({ where: { id: data.disputeId }, select: { reviewId: true } });
    if (!found) throw new AppError("NOT_FOUND", { field: "disputeId" });
    await tx.$queryRaw`SELECT id FROM QaReview WHERE id = ${found.reviewId} FOR UPDATE`;
    const dispute = await tx.qaDispute.findUniqueOrThrow({
      where: { id: data.disputeId },
      select: {
        id: true,
        status: true,
        proposedScores: true,
        review: {
          select: { id: true, total: true, agentId: true, reviewerId: true, scorecardId: true, scores: { select: { criterionId: true, score: true } } },
        },
      },
    });
    const review = dispute.review;
    if (review.reviewerId !== actor.id && !canSettleAnyDispute(actor)) throw new AppError("FORBIDDEN", { field: "disputeId" });
    if (dispute.status !== "OPEN") throw new AppError("QA_REVIEW_STATE", { field: "disputeId", params: { status: dispute.status } });

    const criteria = await criteriaOf(tx, review.scorecardId);
    const before = new Map(review.scores.map((s) => [s.criterionId, s.score]));
    const changes = data.outcome === "ACCEPT" ? proposalOf(dispute.proposedScores) : data.outcome === "ADJUST" ? data.scores! : [];
    const checkedChanges = checkScores(criteria, changes, { complete: false });
    const after = new Map([...before, ...checkedChanges]);
    const total = totalOf(criteria, after);

    for (const [criterionId, score] of checkedChanges) {
      if (before.has(criterionId) && before.get(criterionId) === score) continue;
      await tx.qaReviewScore.upsert({
        where: { reviewId_criterionId: { reviewId: review.id, criterionId } },
        create: { reviewId: review.id, criterionId, score },
        update: { score },
      });
    }
    const now = new Date();
    const status = data.outcome === "ACCEPT" ? "ACCEPTED" : data.outcome === "ADJUST" ? "ADJUSTED" : "REJECTED";
    await tx.qaDispute.update({
      where: { id: dispute.id },
      data: {
        status,
        resolution: data.resolution,
        resolvedById: actor.id,
        resolvedAt: now,
        previousScores: scoreList(criteria, before),
        previousTotal: review.total,
        resolvedScores: scoreList(criteria, after),
        resolvedTotal: total,
      },
    });
    // back to the agent, who acknowledges the outcome
    await tx.qaReview.update({ where: { id: review.id }, data: { status: "SUBMITTED", total, acknowledgedAt: null } });
    uow.record({ type: "qa.dispute_resolved", reviewId: review.id, agentId: review.agentId, reviewerId: review.reviewerId, actorId: actor.id });
    return { id: review.id, disputeId: dispute.id, status, total };
  });
}
