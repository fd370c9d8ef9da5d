/**
 * What a receiver gets: `{type, timestamp, data}` built from a domain event. Only the listed events, and of the
 * messages only what customers, agents and the bot wrote (text and files): internal notes and system lines never.
 */
import type { Db } from "@kefu/db/client";
import { WEBHOOK_BODY_MAX_BYTES, WEBHOOK_EVENTS, type WebhookEvent } from "../../contracts/webhook.ts";
import { isConversationChange, type DomainEvent, type JsonObject, type TicketChanged } from "../../domain-events/index.ts";

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: JsonObject;
}

const SENT_SENDERS = new Set(["CUSTOMER", "AGENT", "BOT"]);
const SENT_KINDS = new Set(["TEXT", "ATTACHMENT"]);

/** The webhook event a domain event becomes, or null when no endpoint may ever receive it. */
export function webhookEventOf(event: DomainEvent): WebhookEvent | null {
  if (event.type === "message.created") {
    const { senderType, kind } = event.message;
    return SENT_SENDERS.has(senderType) && SENT_KINDS.has(kind) ? "message.created" : null;
  }
  return (WEBHOOK_EVENTS as readonly string[]).includes(event.type) ? (event.type as WebhookEvent) : null;
}

/** Where the event belongs for ordering: its conversation. */
export function conversationIdOf(event: DomainEvent): number | null {
  if (event.type === "message.created") return event.message.conversationId;
  return isConversationChange(event) ? event.conversation.id : null;
}

/** The body for one event, read from the database (null if the message or conversation is gone, or is a note). */
export async function buildWebhookBody(db: Db, event: DomainEvent): Promise<WebhookBody | null> {
  const type = webhookEventOf(event);
  if (type && (event.type === "ticket.created" || event.type === "ticket.updated")) return buildTicketBody(db, type, event);
  const conversationId = conversationIdOf(event);
  if (!type || conversationId === null) return null;
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { id: true, channel: true, customerId: true, status: true, teamId: true, assigneeId: true },
  });
  if (!conversation) return null;
  if (event.type === "message.created") {
    const message = await db.message.findUnique({
      where: { id: event.message.id },
      select: {
        id: true,
        senderType: true,
        senderId: true,
        kind: true,
        body: true,
        createdAt: true,
        attachment: { select: { fileName: true, mimeType: true, sizeBytes: true } },
      },
    });
    // checked again on the stored row: a note is never sent, whatever the event said
    if (!message || !SENT_SENDERS.has(message.senderType) || !SENT_KINDS.has(message.kind)) return null;
    return fitBody({
      type,
      timestamp: event.at,
      data: {
        conversation: { id: conversation.id, channel: conversation.channel, customerId: conversation.customerId },
        message: {
          id: message.id,
          senderType: message.senderType,
          senderId: message.senderId,
          kind: message.kind,
          body: message.body,
          attachment: message.attachment
            ? { fileName: message.attachment.fileName, mimeType: message.attachment.mimeType, size: message.attachment.sizeBytes }
            : null,
          createdAt: message.createdAt.toISOString(),
        },
      },
    });
  }
  if (!isConversationChange(event)) return null;
  const ref = { ...event.conversation, channel: conversation.channel, customerId: conversation.customerId };
  if (type === "csat.submitted") {
    const detail = event.detail ?? {};
    return fitBody({
      type,
      timestamp: event.at,
      data: { conversation: ref, eventId: event.eventId, score: detail.score ?? null, comment: detail.comment ?? null, agentId: event.fromUserId },
    });
  }
  return {
    type,
    timestamp: event.at,
    data: {
      conversation: ref,
      eventId: event.eventId,
      actorId: event.actorId,
      from: { status: event.fromStatus, userId: event.fromUserId, teamId: event.fromTeamId },
      to: { status: event.toStatus, userId: event.toUserId, teamId: event.toTeamId },
    },
  };
}

/** A ticket event: the ticket as it is now (no description: it may quote the customer at length), what changed and who changed it. */
async function buildTicketBody(db: Db, type: WebhookEvent, event: TicketChanged): Promise<WebhookBody | null> {
  const ticket = await db.ticket.findUnique({
    where: { id: event.ticketId },
    select: {
      id: true,
      subject: true,
      status: true,
      priority: true,
      type: true,
      assigneeId: true,
      teamId: true,
      dueAt: true,
      externalId: true,
      externalUrl: true,
      createdAt: true,
      updatedAt: true,
      conversations: { select: { conversationId: true }, orderBy: { conversationId: "asc" } },
    },
  });
  if (!ticket) return null;
  return fitBody({
    type,
    timestamp: event.at,
    data: {
      ticket: {
        id: ticket.id,
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        type: ticket.type,
        assigneeId: ticket.assigneeId,
        teamId: ticket.teamId,
        dueAt: ticket.dueAt?.toISOString() ?? null,
        externalId: ticket.externalId,
        externalUrl: ticket.externalUrl,
        conversationIds: ticket.conversations.map((link) => link.conversationId),
        createdAt: ticket.createdAt.toISOString(),
        updatedAt: ticket.updatedAt.toISOString(),
      },
      changes: event.changes,
      actorId: event.actorId,
    },
  });
}

/** Keeps the body under WEBHOOK_BODY_MAX_BYTES by cutting the free text (message body or CSAT comment), and says so (`bodyTruncated`). */
function fitBody(body: WebhookBody): WebhookBody {
  const size = (candidate: WebhookBody) => Buffer.byteLength(JSON.stringify(candidate));
  if (size(body) <= WEBHOOK_BODY_MAX_BYTES) return body;
  const message = body.data.message as JsonObject | undefined;
  const withText = (text: string): WebhookBody =>
    message
      ? { ...body, data: { ...body.data, message: { ...message, body: text, bodyTruncated: true } } }
      : { ...body, data: { ...body.data, comment: text, bodyTruncated: true } };
  const original = message ? message.body : body.data.comment;
  let text = typeof original === "string" ? original : "";
  while (text.length > 0 && size(withText(text)) > WEBHOOK_BODY_MAX_BYTES) text = text.slice(0, Math.floor(text.length * 0.9));
  return withText(text);
}

/** The test event of the "send test event" button. */
export function testWebhookBody(webhookId: number, now: Date): WebhookBody {
  return { type: "webhook.test", timestamp: now.toISOString(), data: { webhookId, message: "Kefu Console test event" } };
}
