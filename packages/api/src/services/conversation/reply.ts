/** The agent writes: a reply the customer sees, or an internal note only staff see. */
import type { Db } from "@kefu/db/client";
import { NOTE_MAX } from "../../contracts/limits.ts";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import { monitorEvents } from "../../realtime/monitor-events.ts";
import { validateClientId, validateMessageBody } from "./receive-message.ts";
import { appendMessage, assertCanAct, lockConversation, runTx, type Actor, type Tx } from "./shared.ts";

export { NOTE_MAX };

export interface AgentMessageInput {
  conversationId: number;
  body: string;
  /** idempotency key of the sending tab: a replay returns the stored message */
  clientId?: string;
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

/** A reply to the customer: ACTIVE conversations only; the first human reply sets firstResponseAt. */
export async function sendAgentReply(db: Db, actor: Actor, input: AgentMessageInput): Promise<SentMessage> {
  validateMessageBody(input.body);
  if (input.clientId !== undefined) validateClientId(input.clientId);
  let publications: Publication[] = [];
  const result = await runTx(db, async (tx): Promise<SentMessage> => {
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const replay = await findReplay(tx, actor, conversation.id, input.clientId);
    if (replay) return { conversationId: conversation.id, messageId: replay.id, duplicate: true };
    if (conversation.status !== "ACTIVE") throw new AppError("CONVERSATION_NOT_ACTIVE", { field: "id", params: { status: conversation.status } });
    const at = new Date();
    const message = await appendMessage(
      tx,
      conversation.id,
      { senderType: "AGENT", senderId: actor.id, kind: "TEXT", body: input.body, clientId: input.clientId },
      at,
      { lastAgentMessageAt: at, ...(conversation.firstResponseAt ? {} : { firstResponseAt: at }) },
    );
    publications = [
      conversationEvents.messageCreated(message, conversation.assigneeId === actor.id ? null : conversation.assigneeId),
      ...(conversation.assigneeId ? [monitorEvents.message({ conversationId: conversation.id, assigneeId: conversation.assigneeId, senderType: "AGENT" })] : []),
    ];
    return { conversationId: conversation.id, messageId: message.id, duplicate: false };
  });
  await publishAll(publications);
  return result;
}

/** An internal note (kind NOTE): any status, never shown to the customer. */
export async function addInternalNote(db: Db, actor: Actor, input: AgentMessageInput): Promise<SentMessage> {
  validateMessageBody(input.body, NOTE_MAX);
  if (input.clientId !== undefined) validateClientId(input.clientId);
  let publications: Publication[] = [];
  const result = await runTx(db, async (tx): Promise<SentMessage> => {
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const replay = await findReplay(tx, actor, conversation.id, input.clientId);
    if (replay) return { conversationId: conversation.id, messageId: replay.id, duplicate: true };
    const message = await appendMessage(tx, conversation.id, { senderType: "AGENT", senderId: actor.id, kind: "NOTE", body: input.body, clientId: input.clientId }, new Date());
    publications = [conversationEvents.messageCreated(message, conversation.assigneeId === actor.id ? null : conversation.assigneeId)];
    return { conversationId: conversation.id, messageId: message.id, duplicate: false };
  });
  await publishAll(publications);
  return result;
}
