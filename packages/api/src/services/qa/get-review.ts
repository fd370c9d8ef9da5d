/**
 * One review with everything its screen shows: the scorecard's criteria, the scores, highlights, disputes, and the
 * conversation's whole transcript (internal notes and events included) with AutoQA's flags.
 */
import type { Db } from "@kefu/db/client";
import { qaReviewIdInput } from "../../contracts/qa.ts";
import { AppError, parseInput } from "../../errors.ts";
import { listConversationFlags } from "../autoqa/index.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanSeeFeedback } from "./access.ts";
import { criteriaOf } from "./scoring.ts";

const person = { select: { id: true, name: true, employeeNo: true } } as const;

async function loadReview(db: Db, actor: Actor, id: number) {
  const review = await db.qaReview.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      total: true,
      comment: true,
      isCalibration: true,
      createdAt: true,
      submittedAt: true,
      acknowledgedAt: true,
      conversationId: true,
      agent: person,
      reviewer: person,
      scorecard: { select: { id: true, name: true, description: true } },
      scores: { select: { criterionId: true, score: true, comment: true } },
      highlights: { orderBy: { messageId: "asc" }, select: { id: true, messageId: true, comment: true } },
      disputes: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          status: true,
          reason: true,
          proposedScores: true,
          resolution: true,
          previousScores: true,
          previousTotal: true,
          resolvedScores: true,
          resolvedTotal: true,
          createdAt: true,
          resolvedAt: true,
          raisedBy: person,
          resolvedBy: person,
        },
      },
      conversation: {
        select: {
          id: true,
          channel: true,
          status: true,
          category: true,
          createdAt: true,
          resolvedAt: true,
          csatScore: true,
          csatComment: true,
          team: { select: { id: true, name: true } },
          customer: { select: { id: true, name: true } },
          messages: {
            orderBy: { id: "asc" },
            select: { id: true, senderType: true, kind: true, body: true, createdAt: true, sender: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!review) throw new AppError("NOT_FOUND", { field: "id" });
  // a draft is its reviewer's own until submitted
  if (review.status === "DRAFT" && review.reviewer.id !== actor.id) throw new AppError("NOT_FOUND", { field: "id" });
  const [criteria, flags] = await Promise.all([criteriaOf(db, review.scorecard.id), listConversationFlags(db, { conversationId: review.conversationId })]);
  return { ...review, criteria, flags };
}

/** For reviewers (`qa.review`): any submitted review, and their own drafts. */
export async function getReview(db: Db, actor: Actor, raw: unknown) {
  const { id } = parseInput(qaReviewIdInput, raw);
  return loadReview(db, actor, id);
}

/** For the agent's side (`qa.feedback`): their own submitted reviews, a supervisor's teams' too. */
export async function getFeedback(db: Db, actor: Actor, raw: unknown) {
  const { id } = parseInput(qaReviewIdInput, raw);
  await assertCanSeeFeedback(db, actor, id);
  return loadReview(db, actor, id);
}

export type QaReviewDetail = Awaited<ReturnType<typeof loadReview>>;
