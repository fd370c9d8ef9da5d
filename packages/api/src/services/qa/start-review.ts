/**
 * Starting a review of an ended conversation. One non-calibration review per conversation: a second inspector is
 * refused with the name of the one who already reviews it; the same inspector gets their own review back.
 */
import type { Db } from "@kefu/db/client";
import { qaReviewStartInput } from "../../contracts/qa.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";

export const ENDED_STATUSES = ["RESOLVED", "ABANDONED"] as const;

export async function startReview(db: Db, actor: Actor, raw: unknown): Promise<{ id: number; created: boolean }> {
  const data = parseInput(qaReviewStartInput, raw);
  return runUnitOfWork(db, async ({ tx }) => {
    // two inspectors starting on the same conversation at once: the second waits here and then sees the first
    await tx.$queryRaw`SELECT id FROM Conversation WHERE id = ${data.conversationId} FOR UPDATE`;
    const conversation = await tx.conversation.findUnique({ where: { id: data.conversationId }, select: { status: true, assigneeId: true } });
    if (!conversation) throw new AppError("NOT_FOUND", { field: "conversationId" });
    if (!(ENDED_STATUSES as readonly string[]).includes(conversation.status) || conversation.assigneeId === null)
      throw new AppError("QA_NOT_REVIEWABLE", { field: "conversationId", params: { status: conversation.status } });

    const existing = await tx.qaReview.findFirst({
      where: { conversationId: data.conversationId, isCalibration: data.isCalibration, ...(data.isCalibration ? { reviewerId: actor.id } : {}) },
      select: { id: true, reviewerId: true, reviewer: { select: { name: true } } },
    });
    if (existing) {
      if (existing.reviewerId === actor.id) return { id: existing.id, created: false };
      throw new AppError("QA_ALREADY_REVIEWED", { field: "conversationId", params: { reviewer: existing.reviewer.name } });
    }

    const scorecard = data.scorecardId
      ? await tx.scorecard.findFirst({ where: { id: data.scorecardId, active: true }, select: { id: true } })
      : await tx.scorecard.findFirst({ where: { active: true }, orderBy: { id: "desc" }, select: { id: true } });
    if (!scorecard) throw data.scorecardId ? new AppError("NOT_FOUND", { field: "scorecardId" }) : new AppError("QA_NO_SCORECARD");

    const review = await tx.qaReview.create({
      data: {
        conversationId: data.conversationId,
        agentId: conversation.assigneeId,
        reviewerId: actor.id,
        scorecardId: scorecard.id,
        isCalibration: data.isCalibration,
      },
      select: { id: true },
    });
    return { id: review.id, created: true };
  });
}
