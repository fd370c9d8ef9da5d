/**
 * The domain-event catalogue (docs/architecture.md, "Domain events"): what services say happened. A service
 * records events on its unit of work; it never names who reacts. Payloads are plain JSON (dates as ISO
 * strings), because outbox subscribers receive them through the job table.
 */
import type { ConversationEventType, ConversationStatus, MessageKind, Presence, SenderType } from "@kefu/db";

/** A conversation's routing state after the change: who holds it, where it is queued. */
export interface ConversationRef {
  id: number;
  status: ConversationStatus;
  assigneeId: number | null;
  teamId: number | null;
}

/** One name per `ConversationEventType`: every row of ConversationEvent is also a domain event. */
export const CONVERSATION_EVENT_NAMES = {
  CREATED: "conversation.created",
  BOT_HANDOFF: "conversation.handed_off",
  QUEUED: "conversation.queued",
  ASSIGNED: "conversation.assigned",
  TRANSFERRED: "conversation.transferred",
  PAUSED: "conversation.paused",
  RESUMED: "conversation.resumed",
  RESOLVED: "conversation.resolved",
  REOPENED: "conversation.reopened",
  ABANDONED: "conversation.abandoned",
  REQUEUED: "conversation.requeued",
  CSAT: "csat.submitted",
  OVERFLOWED: "conversation.overflowed",
} as const satisfies Record<ConversationEventType, string>;

export type ConversationEventName = (typeof CONVERSATION_EVENT_NAMES)[ConversationEventType];

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A conversation event as written to ConversationEvent, with the conversation's state once it applied. */
export interface ConversationChanged {
  type: ConversationEventName;
  /** the ConversationEvent row */
  eventId: number;
  kind: ConversationEventType;
  conversation: ConversationRef;
  actorId: number | null;
  /** both null for markers that change no status (hand-off decision, transfer note, CSAT) */
  fromStatus: ConversationStatus | null;
  toStatus: ConversationStatus | null;
  fromUserId: number | null;
  toUserId: number | null;
  fromTeamId: number | null;
  toTeamId: number | null;
  detail: JsonObject | null;
  at: string;
}

export interface MessageCreated {
  type: "message.created";
  /** kbArticleId: the article a bot answer quotes */
  message: { id: number; conversationId: number; senderType: SenderType; senderId: number | null; kind: MessageKind; kbArticleId: number | null };
  /** the agent holding the conversation when the message was written */
  assigneeId: number | null;
  /** the agent for whom this message is new (their unread badge moves); null for the sender's own and for most system lines */
  unreadFor: number | null;
  at: string;
}

export interface ConversationRead {
  type: "conversation.read";
  conversationId: number;
  userId: number;
  lastReadMessageId: number;
}

/** A read receipt moved: the assignee read the customer's messages, or the customer saw the replies, up to a message. */
export interface ConversationReceipt {
  type: "conversation.receipt";
  conversationId: number;
  reader: "AGENT" | "CUSTOMER";
  lastReadMessageId: number;
}

export interface PresenceChanged {
  type: "presence.changed";
  userId: number;
  presence: Presence;
  at: string;
}

/** Colleagues were @mentioned in a customer note: the note's new mentions (an edit lists only those added). */
export interface CustomerNoteMentioned {
  type: "customer.note_mentioned";
  noteId: number;
  customerId: number;
  authorId: number;
  mentionedUserIds: number[];
}

/** A customer's record changed outside a conversation: its profile edited, or another customer merged into it. */
export interface CustomerChanged {
  type: "customer.updated" | "customer.merged";
  customerId: number;
  /** for a merge: the customer merged into `customerId` */
  mergedId: number | null;
  actorId: number | null;
}

/**
 * A quality review changed in a way its agent or reviewer should hear of: submitted (the agent), disputed (the
 * reviewer), the dispute settled (the agent).
 */
export interface QaReviewChanged {
  type: "qa.review_submitted" | "qa.review_disputed" | "qa.dispute_resolved";
  reviewId: number;
  agentId: number;
  reviewerId: number;
  actorId: number;
}

/**
 * A ticket was created or changed (status, priority, assignee, team, due date, its external id once pushed, a
 * conversation linked). `changes` lists the fields that changed; `conversationIds` the linked conversations.
 */
export interface TicketChanged {
  type: "ticket.created" | "ticket.updated";
  ticketId: number;
  /** the first TicketChange row this change wrote: one key per change (webhook deliveries are written once per key) */
  changeId: number;
  status: "OPEN" | "PENDING" | "SOLVED";
  changes: string[];
  conversationIds: number[];
  /** null when the external ticket system made the change */
  actorId: number | null;
  /** the ticket goes to an external system (only on `ticket.created`) */
  push: boolean;
  at: string;
}

export type DomainEvent =
  | ConversationChanged
  | MessageCreated
  | ConversationRead
  | ConversationReceipt
  | PresenceChanged
  | CustomerNoteMentioned
  | CustomerChanged
  | QaReviewChanged
  | TicketChanged;
export type DomainEventType = DomainEvent["type"];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export function isConversationChange(event: DomainEvent): event is ConversationChanged {
  return "eventId" in event && "kind" in event;
}
