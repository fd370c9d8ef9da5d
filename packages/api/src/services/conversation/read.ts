/** Read markers (ConversationRead) behind the unread badges. */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll } from "../../realtime/conversation-events.ts";
import { assertCanView } from "./access.ts";
import type { Actor } from "./shared.ts";

/** Marks the conversation read up to `messageId` (default: its last message). The marker never moves back. */
export async function markRead(db: Db, actor: Actor, input: { conversationId: number; messageId?: number }) {
  const conversation = await assertCanView(db, actor, input.conversationId);
  if (input.messageId !== undefined && !(await db.message.count({ where: { id: input.messageId, conversationId: conversation.id } })))
    throw new AppError("NOT_FOUND", { field: "messageId" });
  const target = input.messageId ?? conversation.lastMessageId ?? 0;
  // one atomic statement: concurrent marks from several tabs keep the highest
  await db.$executeRaw`
    INSERT INTO \`ConversationRead\` (conversationId, userId, lastReadMessageId, updatedAt) VALUES (${conversation.id}, ${actor.id}, ${target}, NOW(3))
    ON DUPLICATE KEY UPDATE lastReadMessageId = GREATEST(lastReadMessageId, VALUES(lastReadMessageId)), updatedAt = NOW(3)`;
  const row = await db.conversationRead.findUniqueOrThrow({ where: { conversationId_userId: { conversationId: conversation.id, userId: actor.id } }, select: { lastReadMessageId: true } });
  await publishAll([conversationEvents.conversationRead(actor.id, conversation.id, row.lastReadMessageId)]);
  return { conversationId: conversation.id, lastReadMessageId: row.lastReadMessageId };
}
