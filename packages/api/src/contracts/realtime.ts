/**
 * The realtime contract between the server and the browser: channel names, event names and the payload of
 * each event. The server publishes with these (realtime/), the console and the chat widget subscribe with
 * them; who may subscribe to which channel stays on the server (realtime/channels.ts).
 *
 * Payloads carry ids and a few fields only: a client that needs more asks the API.
 */
import type { AlertMetric, ConversationEventType, ConversationStatus, MessageKind, Presence, SenderType, Severity } from "@kefu/db";

const AGENT_PREFIX = "private-agent-";
const CONVERSATION_PREFIX = "private-conversation-";
const TEAM_PREFIX = "private-team-";

export const channels = {
  /** the live monitor: supervisors and admins */
  monitor: "private-monitor",
  /** security alerts for admins */
  security: "private-security",
  /** one person's own channel: assignments, unread badges, their presence */
  agent: (userId: number) => `${AGENT_PREFIX}${userId}`,
  /** one conversation: its assignee, supervisors and the customer's widget */
  conversation: (conversationId: number) => `${CONVERSATION_PREFIX}${conversationId}`,
  /** one team's queue */
  team: (teamId: number) => `${TEAM_PREFIX}${teamId}`,
  presenceAgents: "presence-agents",
} as const;

/** The id in an agent, conversation or team channel name, or null when the name is not of that kind. */
export function channelId(kind: "agent" | "conversation" | "team", channel: string): number | null {
  const prefix = kind === "agent" ? AGENT_PREFIX : kind === "conversation" ? CONVERSATION_PREFIX : TEAM_PREFIX;
  if (!channel.startsWith(prefix)) return null;
  const digits = channel.slice(prefix.length);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export const realtimeEvents = {
  messageCreated: "message.created",
  conversationUpdated: "conversation.updated",
  conversationAssigned: "conversation.assigned",
  conversationUnassigned: "conversation.unassigned",
  conversationRead: "conversation.read",
  conversationReceipt: "conversation.receipt",
  typing: "typing",
  conversationReplyTimeout: "conversation.replyTimeout",
  queueChanged: "queue.changed",
  monitorDelta: "monitor.delta",
  monitorMessage: "monitor.message",
  presenceChanged: "presence.changed",
  alertTriggered: "alert.triggered",
  alertCleared: "alert.cleared",
  alertAcknowledged: "alert.acknowledged",
  securityAlert: "security.alert",
  customerMentioned: "customer.mentioned",
  qaReviewChanged: "qa.review",
  ticketChanged: "ticket.changed",
} as const;

export type RealtimeEventName = (typeof realtimeEvents)[keyof typeof realtimeEvents];

/** One conversation event as the monitor counts it. */
export interface MonitorChange {
  /** conversation id */
  id: number;
  type: ConversationEventType;
  /** the status before and after; both null for events that change no status (hand-off marker, CSAT …) */
  from: ConversationStatus | null;
  to: ConversationStatus | null;
  /** the agent the conversation went to (assignment, transfer, reopening to the agent) */
  toUserId: number | null;
  /** the rating, on CSAT events */
  score?: number;
}

/**
 * A message as the console and the widget draw it, carried on `message.created` so that the receiving page draws
 * it without asking the API first. Nothing in it is more than the customer's own view of the conversation shows.
 */
export interface LiveMessage {
  id: number;
  conversationId: number;
  senderType: SenderType;
  senderId: number | null;
  kind: MessageKind;
  body: string;
  clientId: string | null;
  kbArticleId: number | null;
  /** ISO time */
  createdAt: string;
  sender: { name: string; employeeNo: string } | null;
  attachment: { id: number; fileName: string; mimeType: string; sizeBytes: number; width: number | null; height: number | null } | null;
}

/**
 * A carried message larger than this (as JSON) is left out of its event: Pusher-protocol servers cap an event at
 * 10 KB, and a body of 5,000 Chinese characters is 15 KB. The page then fetches it, as after a lost event.
 */
export const LIVE_MESSAGE_MAX_BYTES = 8_000;

/** Dates arrive as ISO strings (payloads are JSON). */
export interface RealtimePayloads {
  /**
   * On the conversation channel and the assignee's own channel. `previousId` is the message before it in the
   * conversation (any kind): a page whose last message is that one appends `message` and is up to date; any
   * other page fills the gap from the API. `message` is null for internal notes (the customer's widget listens on
   * the same channel) and for messages over LIVE_MESSAGE_MAX_BYTES.
   */
  "message.created": { id: number; conversationId: number; senderType: SenderType; kind: MessageKind; previousId: number | null; message: LiveMessage | null };
  /** a status, assignee or team change: on the conversation, the monitor and the team */
  "conversation.updated": { id: number; status: ConversationStatus; assigneeId: number | null; teamId: number | null };
  "conversation.assigned": { id: number; status: ConversationStatus };
  "conversation.unassigned": { id: number };
  /** the reader's other tabs clear the unread badge */
  "conversation.read": { id: number; lastReadMessageId: number };
  /** on the conversation channel: the assignee read the customer's messages, or the customer saw the replies, up to a message */
  "conversation.receipt": { id: number; reader: "AGENT" | "CUSTOMER"; lastReadMessageId: number };
  /** on the conversation channel, a few times a minute at most while someone types (`userId`: the agent) */
  typing: { conversationId: number; senderType: Extract<SenderType, "CUSTOMER" | "AGENT">; userId: number | null };
  /** an assignee did not answer in time and the conversation went back to the queue */
  "conversation.replyTimeout": { id: number; teamId: number | null; agentId: number };
  /** the authoritative queue length of a team (null: conversations without a team) */
  "queue.changed": { teamId: number | null; queued: number };
  /** the status changes one transaction committed, in order; `resync`: too many at once, refetch instead */
  "monitor.delta": { changes: MonitorChange[]; resync?: boolean };
  /** a customer message or an agent reply in a conversation someone holds */
  "monitor.message": { conversationId: number; assigneeId: number; senderType: Extract<SenderType, "CUSTOMER" | "AGENT"> };
  "presence.changed": { userId: number; presence: Presence; at: string };
  "alert.triggered": { eventId: number; ruleId: number; metric: AlertMetric; threshold: number; teamId: number | null; value: number; triggeredAt: string };
  "alert.cleared": { eventId: number; ruleId: number; value: number; clearedAt: string };
  "alert.acknowledged": { eventId: number; acknowledgedById: number; acknowledgedAt: string };
  "security.alert": { id: number; type: string; severity: Severity; userId: number | null };
  /** on the mentioned person's own channel: a colleague @mentioned them in a note about a customer */
  "customer.mentioned": { noteId: number; customerId: number; authorName: string };
  /** on the agent's or reviewer's own channel: a quality review was submitted to them, disputed or settled */
  "qa.review": { reviewId: number; change: "submitted" | "disputed" | "resolved"; actorName: string };
  /** on the own channel of the ticket's creator, assignee and the assignees of its conversations: a ticket was created or changed */
  "ticket.changed": { ticketId: number; status: "OPEN" | "PENDING" | "SOLVED"; conversationIds: number[] };
}

export type RealtimePayload<E extends RealtimeEventName> = RealtimePayloads[E];
