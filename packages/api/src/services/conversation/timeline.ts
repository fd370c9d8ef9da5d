/**
 * The conversation's timeline: messages (customer, agent, bot, system lines, internal notes) and the
 * ConversationEvent rows behind every state change, each recorded as a domain event on the unit of
 * work so that whoever reacts (realtime, monitor, alerts, …) hears of it after commit.
 */
import { Prisma, type ConversationEventType, type ConversationStatus, type MessageKind, type SenderType } from "@kefu/db/client";
import { CONVERSATION_EVENT_NAMES, type ConversationRef, type JsonObject, type UnitOfWork } from "../../domain-events/index.ts";
import { conversationRef } from "./conversation-row.ts";

/**
 * Body of a SYSTEM message the customer sees ("an agent joined", "you are in the queue"): a message key and
 * its parameters as JSON, which the widget and the console translate (the API holds no user-facing text).
 */
export function systemMessageBody(key: SystemMessageKey, params?: Record<string, string | number>): string {
  return JSON.stringify(params ? { key, params } : { key });
}

export type SystemMessageKey =
  | "conversation.queued"
  | "conversation.assigned"
  | "conversation.transferred"
  | "conversation.requeued"
  | "conversation.resolved"
  | "conversation.abandoned"
  | "conversation.reopened"
  // internal lines for the agent (kind NOTE): customer-presence.ts
  | "customer.left"
  | "customer.returned";

/** The file of an ATTACHMENT message, already in the attachment store. */
export interface NewAttachment {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  storageKey: string;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
}

export interface NewMessage {
  senderType: SenderType;
  senderId?: number | null;
  kind: MessageKind;
  body: string;
  clientId?: string | null;
  kbArticleId?: number | null;
  /** the agent for whom the message is new (their unread badge moves) */
  unreadFor?: number | null;
  /** kind ATTACHMENT: its file */
  attachment?: NewAttachment;
}

export interface AppendedMessage {
  id: number;
  conversationId: number;
  senderType: SenderType;
  kind: MessageKind;
}

/** Appends a message and points the conversation's lastMessageId at it, with any other row changes in the same update. */
export async function appendMessage(
  uow: UnitOfWork,
  conversation: { id: number; assigneeId: number | null },
  message: NewMessage,
  at: Date,
  conversationData: Prisma.ConversationUpdateManyMutationInput = {},
): Promise<AppendedMessage> {
  const created = await uow.tx.message.create({
    data: { ...messageRow(conversation.id, message, at), ...(message.attachment ? { attachment: { create: message.attachment } } : {}) },
    select: { id: true, conversationId: true, senderType: true, kind: true },
  });
  await uow.tx.conversation.updateMany({ where: { id: conversation.id }, data: { ...conversationData, lastMessageId: created.id } });
  recordMessage(uow, conversation, created, message, at);
  return created;
}

/**
 * Appends several messages at once (a customer's message and the bot's answer): one insert, one read of their ids,
 * one update of the conversation — the same rows and events as appending them one by one.
 */
export async function appendMessages(
  uow: UnitOfWork,
  conversation: { id: number; assigneeId: number | null },
  messages: readonly NewMessage[],
  at: Date,
  conversationData: Prisma.ConversationUpdateManyMutationInput = {},
): Promise<AppendedMessage[]> {
  if (messages.length === 1) return [await appendMessage(uow, conversation, messages[0]!, at, conversationData)];
  if (messages.some((message) => message.attachment)) throw new Error("appendMessages: an attachment is appended on its own (appendMessage)");
  await uow.tx.message.createMany({ data: messages.map((message) => messageRow(conversation.id, message, at)) });
  // a multi-row insert takes consecutive ids from LAST_INSERT_ID() on; the row lock on the conversation keeps the
  // range to this transaction's rows
  const rows = await uow.tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM \`Message\` WHERE conversationId = ${conversation.id} AND id >= LAST_INSERT_ID() ORDER BY id LIMIT ${messages.length}`;
  if (rows.length !== messages.length) throw new Error(`appendMessages: ${messages.length} rows written, ${rows.length} found`);
  const created = messages.map((message, i) => ({
    id: Number(rows[i]!.id),
    conversationId: conversation.id,
    senderType: message.senderType,
    kind: message.kind,
  }));
  await uow.tx.conversation.updateMany({ where: { id: conversation.id }, data: { ...conversationData, lastMessageId: created.at(-1)!.id } });
  created.forEach((row, i) => recordMessage(uow, conversation, row, messages[i]!, at));
  return created;
}

function messageRow(conversationId: number, message: NewMessage, at: Date) {
  return {
    conversationId,
    senderType: message.senderType,
    senderId: message.senderId ?? null,
    kind: message.kind,
    body: message.body,
    clientId: message.clientId ?? null,
    kbArticleId: message.kbArticleId ?? null,
    createdAt: at,
  };
}

function recordMessage(uow: UnitOfWork, conversation: { assigneeId: number | null }, created: AppendedMessage, message: NewMessage, at: Date) {
  uow.record({
    type: "message.created",
    message: { ...created, senderId: message.senderId ?? null, kbArticleId: message.kbArticleId ?? null },
    assigneeId: conversation.assigneeId,
    unreadFor: message.unreadFor ?? null,
    at: at.toISOString(),
  });
}

export function appendSystemMessage(
  uow: UnitOfWork,
  conversation: { id: number; assigneeId: number | null },
  key: SystemMessageKey,
  at: Date,
  options: { params?: Record<string, string | number>; unreadFor?: number | null } = {},
) {
  return appendMessage(
    uow,
    conversation,
    { senderType: "SYSTEM", kind: "EVENT", body: systemMessageBody(key, options.params), unreadFor: options.unreadFor },
    at,
  );
}

export interface NewEvent {
  type: ConversationEventType;
  actorId?: number | null;
  fromStatus?: ConversationStatus | null;
  toStatus?: ConversationStatus | null;
  fromUserId?: number | null;
  toUserId?: number | null;
  fromTeamId?: number | null;
  toTeamId?: number | null;
  detail?: JsonObject;
}

/**
 * Writes a ConversationEvent row and records it as a domain event. `after` is the conversation's routing state
 * once this event applies (unchanged for markers such as the hand-off decision).
 */
export async function addEvent(uow: UnitOfWork, after: ConversationRef, event: NewEvent, at: Date): Promise<number> {
  const fields = {
    actorId: event.actorId ?? null,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    fromUserId: event.fromUserId ?? null,
    toUserId: event.toUserId ?? null,
    fromTeamId: event.fromTeamId ?? null,
    toTeamId: event.toTeamId ?? null,
  };
  const created = await uow.tx.conversationEvent.create({
    data: { conversationId: after.id, type: event.type, ...fields, detail: event.detail ?? Prisma.JsonNull, at },
    select: { id: true },
  });
  uow.record({
    type: CONVERSATION_EVENT_NAMES[event.type],
    eventId: created.id,
    kind: event.type,
    conversation: conversationRef(after),
    ...fields,
    detail: event.detail ?? null,
    at: at.toISOString(),
  });
  return created.id;
}
