/** A reviewer's comment on one message of the reviewed conversation (高亮), while the review is a draft. */
import type { Db } from "@kefu/db/client";
import { qaHighlightInput, qaHighlightRemoveInput } from "../../contracts/qa.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { lockOwnDraft } from "./save-review.ts";

export async function highlightMessage(db: Db, actor: Actor, raw: unknown) {
  const data = parseInput(qaHighlightInput, raw);
  return runUnitOfWork(db, async ({ tx }) => {
    const review = await lockOwnDraft(tx, actor, data.reviewId, "reviewId");
    const message = await tx.message.findFirst({ where: { id: data.messageId, conversationId: review.conversationId }, select: { id: true } });
    if (!message) throw new AppError("NOT_FOUND", { field: "messageId" });
    return tx.qaReviewHighlight.upsert({
      where: { reviewId_messageId: { reviewId: review.id, messageId: message.id } },
      create: { reviewId: review.id, messageId: message.id, comment: data.comment },
      update: { comment: data.comment },
      select: { id: true, messageId: true, comment: true },
    });
  });
}

export async function removeHighlight(db: Db, actor: Actor, raw: unknown) {
  const data = parseInput(qaHighlightRemoveInput, raw);
  return runUnitOfWork(db, async ({ tx }) => {
    const review = await lockOwnDraft(tx, actor, data.reviewId, "reviewId");
    const { count } = await tx.qaReviewHighlight.deleteMany({ where: { reviewId: review.id, messageId: data.messageId } });
    if (!count) throw new AppError("NOT_FOUND", { field: "messageId" });
    return { reviewId: review.id, messageId: data.messageId };
  });
}
