/**
 * Read markers: ConversationRead behind the unread badges (per staff member), and the read receipts both sides see
 * (docs/decisions.md, "Read receipts"): `agentReadMessageId`, moved when the assignee reads, and
 * `customerReadMessageId`, moved when the customer's widget shows the replies.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { runUnitOfWork, type UnitOfWork } from "../../domain-events/index.ts";
import { assertCanView } from "./access.ts";
import type { Actor } from "./actor.ts";

/** Moves a receipt forward (never back) and records it when it moved. */
async function moveReceipt(uow: UnitOfWork, conversationId: number, reader: "AGENT" | "CUSTOMER", messageId: number): Promise<void> {
  const moved =
    reader === "AGENT"
      ? await uow.tx
          .$executeRaw`UPDATE \`Conversation\` SET agentReadMessageId = ${messageId} WHERE id = ${conversationId} AND agentReadMessageId < ${messageId}`
      : await uow.tx
          .$executeRaw`UPDATE \`Conversation\` SET customerReadMessageId = ${messageId} WHERE id = ${conversationId} AND customerReadMessageId < ${messageId}`;
  if (moved > 0) uow.record({ type: "conversation.receipt", conversationId, reader, lastReadMessageId: messageId });
}

/**
 * Marks the conversation read up to `messageId` (default: its last message). The marker never moves back. The
 * assignee's read is also the customer's "read" receipt; a supervisor looking in is not.
 */
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
    if (conversation.assigneeId === actor.id && row.lastReadMessageId > 0) await moveReceipt(uow, conversation.id, "AGENT", row.lastReadMessageId);
    return row.lastReadMessageId;
  });
  return { conversationId: conversation.id, lastReadMessageId };
}

/** The customer saw the conversation up to `messageId` (their widget was on screen). NOT_FOUND for another customer's. */
export async function markReadByCustomer(db: Db, input: { conversationId: number; customerId: number; messageId: number }) {
  if (!Number.isSafeInteger(input.messageId) || input.messageId <= 0)
    throw new AppError("INVALID_INPUT", { field: "messageId", message: "messageId: expected a positive integer" });
  const message = await db.message.findFirst({
    where: { id: input.messageId, conversationId: input.conversationId, kind: { not: "NOTE" }, conversation: { customerId: input.customerId } },
    select: { id: true },
  });
  if (!message) throw new AppError("NOT_FOUND", { field: "messageId" });
  await runUnitOfWork(db, (uow) => moveReceipt(uow, input.conversationId, "CUSTOMER", message.id));
  const { customerReadMessageId } = await db.conversation.findUniqueOrThrow({ where: { id: input.conversationId }, select: { customerReadMessageId: true } });
  return { conversationId: input.conversationId, lastReadMessageId: customerReadMessageId };
}
