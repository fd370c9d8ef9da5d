/** The agent writes: a reply the customer sees, or an internal note only staff see. */
import type { Db } from "@kefu/db/client";
import { agentMessageInput } from "../../contracts/conversation.ts";
import { MESSAGE_BODY_MAX, NOTE_MAX } from "../../contracts/limits.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { assertCanAct, type Actor } from "./actor.ts";
import { lockConversation } from "./conversation-row.ts";
import { appendMessage, type NewAttachment } from "./timeline.ts";

export { NOTE_MAX };

export interface AgentMessageInput {
  conversationId: number;
  body: string;
  /** idempotency key of the sending tab: a replay returns the stored message */
  clientId?: string;
  /** a reply carrying a file (the body is its name); not for notes */
  attachment?: NewAttachment;
}

export interface SentMessage {
  conversationId: number;
  messageId: number;
  duplicate: boolean;
}

async function findReplay(tx: Tx, actor: Actor, conversationId: number, clientId: string | undefined) {
  if (!clientId) return null;
  const existing = await tx.message.findUnique({
    where: { conversationId_clientId: { conversationId, clientId } },
    select: { id: true, senderType: true, senderId: true },
  });
  if (!existing) return null;
  if (existing.senderType !== "AGENT" || existing.senderId !== actor.id) throw new AppError("CONFLICT", { field: "clientId" });
  return existing;
}

/** What a supervisor writes is new to the assignee; what the assignee writes is not. */
function unreadFor(conversation: { assigneeId: number | null }, actor: Actor): number | null {
  return conversation.assigneeId === actor.id ? null : conversation.assigneeId;
}

/** A reply to the customer: ACTIVE conversations only; the first human reply sets firstResponseAt. */
export async function sendAgentReply(db: Db, actor: Actor, input: AgentMessageInput): Promise<SentMessage> {
  parseInput(agentMessageInput(MESSAGE_BODY_MAX), { body: input.body, clientId: input.clientId });
  return runUnitOfWork(db, async (uow): Promise<SentMessage> => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    assertCanAct(actor, conversation);
    const replay = await findReplay(uow.tx, actor, conversation.id, input.clientId);
    if (replay) return { conversationId: conversation.id, messageId: replay.id, duplicate: true };
    if (conversation.status !== "ACTIVE") throw new AppError("CONVERSATION_NOT_ACTIVE", { field: "id", params: { status: conversation.status } });
    const at = new Date();
    const message = await appendMessage(
      uow,
      conversation,
      {
        senderType: "AGENT",
        senderId: actor.id,
        kind: input.attachment ? "ATTACHMENT" : "TEXT",
        body: input.body,
        clientId: input.clientId,
        unreadFor: unreadFor(conversation, actor),
        attachment: input.attachment,
      },
      at,
      { lastAgentMessageAt: at, ...(conversation.firstResponseAt ? {} : { firstResponseAt: at }) },
    );
    return { conversationId: conversation.id, messageId: message.id, duplicate: false };
  });
}

/** An internal note (kind NOTE): any status, never shown to the customer. */
export async function addInternalNote(db: Db, actor: Actor, input: AgentMessageInput): Promise<SentMessage> {
  parseInput(agentMessageInput(NOTE_MAX), { body: input.body, clientId: input.clientId });
  return runUnitOfWork(db, async (uow): Promise<SentMessage> => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    assertCanAct(actor, conversation);
    const replay = await findReplay(uow.tx, actor, conversation.id, input.clientId);
    if (replay) return { conversationId: conversation.id, messageId: replay.id, duplicate: true };
    const message = await appendMessage(
      uow,
      conversation,
      { senderType: "AGENT", senderId: actor.id, kind: "NOTE", body: input.body, clientId: input.clientId, unreadFor: unreadFor(conversation, actor) },
      new Date(),
    );
    return { conversationId: conversation.id, messageId: message.id, duplicate: false };
  });
}
