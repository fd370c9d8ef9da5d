/** The customer's satisfaction rating (1–5 and a comment): once per conversation, after a person resolved it. */
import type { Db } from "@kefu/db/client";
import { CSAT_COMMENT_MAX } from "../../contracts/limits.ts";
import { csatInput } from "../../contracts/conversation.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { lockConversation } from "./conversation-row.ts";
import { addEvent } from "./timeline.ts";

export { CSAT_COMMENT_MAX };

export interface CsatInput {
  conversationId: number;
  score: number;
  comment?: string;
  /** the widget's customer: a conversation of someone else is NOT_FOUND */
  customerId?: number;
}

export async function submitCsat(db: Db, input: CsatInput) {
  parseInput(csatInput, { score: input.score, comment: input.comment });
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    if (input.customerId !== undefined && conversation.customerId !== input.customerId) throw new AppError("NOT_FOUND", { field: "id" });
    if (conversation.csatScore !== null) throw new AppError("ALREADY_DONE", { field: "score" });
    if (conversation.status !== "RESOLVED" || !conversation.csatSentAt)
      throw new AppError("CSAT_NOT_AVAILABLE", { field: "id", params: { status: conversation.status } });
    const at = new Date();
    await uow.tx.conversation.update({ where: { id: conversation.id }, data: { csatScore: input.score, csatComment: comment, csatAt: at } });
    await addEvent(
      uow,
      conversation,
      { type: "CSAT", fromUserId: conversation.assigneeId, detail: comment ? { score: input.score, comment } : { score: input.score } },
      at,
    );
  });
  return { conversationId: input.conversationId, score: input.score };
}
