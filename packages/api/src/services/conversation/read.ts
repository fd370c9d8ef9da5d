/** Read markers (ConversationRead) behind the unread badges. */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { assertCanView } from "./access.ts";
import type { Actor } from "./actor.ts";

/** Marks the conversation read up to `messageId` (default: its last message). The marker never moves back. */
export async function markRead(db: Db, actor: Actor, input: { conversationId: number; messageId?: number }) {
  const conversation = await assertCanView(db, actor, input.conversationId);
  if (input.messageId !== undefined && !(await db.message.count({ where: { id: input.messageId, conversationId: conversation.id } })))
    throw new AppError("NOT_FOUND", { field: "messageId" });
  const target = input.messageId ?? conversation.lastMessageId ?? 0;
  const lastReadMessageId = await runUnitOfWork(db, async (uow) => {
    // one atomic statement: concurrent marks from several tabs keep the highest
    await uow.tx.$executeRaw`
      INSERT INTO \`ConversationRead\` (conversationId, userId, lastReadMessageId, updatedAt) VALUES (${conversation.id}, ${actor.id}, ${target}, NOW(3))
      ON DUPLICATE KEY UPDATE lastReadMessageId = GREATEST(lastReadMessageId, VALUES(lastReadMessageId)), updatedAt = NOW(3)`;
    const row = await uow.tx.conversationRead.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: conversation.id, userId: actor.id } },
      select: { lastReadMessageId: true },
    });
    uow.record({ type: "conversation.read", conversationId: conversation.id, userId: actor.id, lastReadMessageId: row.lastReadMessageId });
    return row.lastReadMessageId;
  });
  return { conversationId: conversation.id, lastReadMessageId };
}
