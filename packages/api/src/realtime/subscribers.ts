/**
 * The realtime side of the domain events: after a unit of work commits, its events become Pusher publications
 * — the conversation, agent and team channels, and the live monitor's deltas. Best effort: a lost
 * publication is recovered by the clients' gap fill and the monitor's periodic snapshot.
 */
import type { Db } from "@kefu/db/client";
import {
  CONVERSATION_EVENT_NAMES,
  isConversationChange,
  type AfterCommitSubscriber,
  type ConversationChanged,
  type DomainEvent,
  type DomainEventType,
} from "../domain-events/index.ts";
import { conversationEvents } from "./conversation-events.ts";
import { carriedMessages } from "./live-messages.ts";
import { monitorEvents, type MonitorChange } from "./monitor-events.ts";
import { publishAll, type Publication } from "./publish.ts";

export const CONVERSATION_CHANGES: readonly DomainEventType[] = Object.values(CONVERSATION_EVENT_NAMES);

/** Changes the live figures move with: every status change, and CSAT ratings. */
export function movesFigures(event: ConversationChanged): boolean {
  return event.toStatus !== null || event.kind === "CSAT";
}

/** A conversation left or entered a queue: the queue's length changed. */
export function touchesQueue(event: ConversationChanged): boolean {
  return event.fromStatus === "QUEUED" || event.toStatus === "QUEUED";
}

/** An agent lost a conversation they held without it ending (transfer, reply timeout): it leaves their list. */
function unassignedAgent(event: ConversationChanged): number | null {
  if (event.kind !== "TRANSFERRED" && event.kind !== "REQUEUED") return null;
  return event.fromUserId !== null && event.fromUserId !== event.toUserId ? event.fromUserId : null;
}

async function queueLengths(db: Db, teamIds: ReadonlySet<number | null>): Promise<Publication[]> {
  return Promise.all(
    [...teamIds].map(async (teamId) => conversationEvents.queueChanged(teamId, await db.conversation.count({ where: { status: "QUEUED", teamId } }))),
  );
}

/**
 * The publications of one committed unit of work, in the order things happened. A conversation that changed
 * several times (created and queued at once) gets one `conversation.updated` with its final state.
 */
export async function conversationPublications(db: Db, events: readonly DomainEvent[]): Promise<Publication[]> {
  const publications: Publication[] = [];
  const updatedAt = new Map<number, number>();
  const queues = new Set<number | null>();
  const carried = await carriedMessages(
    db,
    events.flatMap((event) => (event.type === "message.created" ? [event.message] : [])),
  );
  for (const event of events) {
    if (event.type === "message.created") {
      publications.push(conversationEvents.messageCreated(event.message, event.unreadFor, carried.get(event.message.id)));
      continue;
    }
    if (event.type === "conversation.receipt") {
      publications.push(conversationEvents.conversationReceipt(event.conversationId, event.reader, event.lastReadMessageId));
      continue;
    }
    if (event.type === "conversation.read") {
      publications.push(conversationEvents.conversationRead(event.userId, event.conversationId, event.lastReadMessageId));
      continue;
    }
    if (!isConversationChange(event)) continue;
    const { conversation } = event;
    if (movesFigures(event)) {
      const updated = conversationEvents.conversationUpdated(conversation);
      const at = updatedAt.get(conversation.id);
      if (at === undefined) {
        updatedAt.set(conversation.id, publications.length);
        publications.push(updated);
      } else publications[at] = updated;
    }
    if (event.toUserId !== null && event.toStatus !== null) publications.push(conversationEvents.conversationAssigned(event.toUserId, conversation));
    const unassigned = unassignedAgent(event);
    if (unassigned !== null) publications.push(conversationEvents.conversationUnassigned(unassigned, conversation.id));
    if (event.kind === "REQUEUED" && event.detail?.reason === "reply_timeout" && event.fromUserId !== null)
      publications.push(conversationEvents.replyTimedOut(conversation, event.fromUserId));
    if (touchesQueue(event)) {
      queues.add(conversation.teamId);
      if (event.fromTeamId !== null) queues.add(event.fromTeamId);
    }
  }
  return [...publications, ...(await queueLengths(db, queues))];
}

export function monitorPublications(events: readonly DomainEvent[]): Publication[] {
  const changes: MonitorChange[] = [];
  const publications: Publication[] = [];
  for (const event of events) {
    if (isConversationChange(event)) {
      if (!movesFigures(event)) continue;
      const score = event.kind === "CSAT" ? event.detail?.score : undefined;
      changes.push({
        id: event.conversation.id,
        type: event.kind,
        from: event.fromStatus,
        to: event.toStatus,
        toUserId: event.toUserId,
        ...(typeof score === "number" ? { score } : {}),
      });
    } else if (event.type === "message.created") {
      const { message, assigneeId } = event;
      // a customer message or an agent reply in a conversation someone holds moves "replies waiting"
      if (
        assigneeId !== null &&
        (message.kind === "TEXT" || message.kind === "ATTACHMENT") &&
        (message.senderType === "CUSTOMER" || message.senderType === "AGENT")
      )
        publications.push(monitorEvents.message({ conversationId: message.conversationId, assigneeId, senderType: message.senderType }));
    } else if (event.type === "presence.changed") {
      publications.push(monitorEvents.presenceChanged({ userId: event.userId, presence: event.presence, at: new Date(event.at) }));
    }
  }
  return changes.length > 0 ? [monitorEvents.delta(changes), ...publications] : publications;
}

export const monitorRealtimeSubscriber: AfterCommitSubscriber = {
  name: "realtime.monitor",
  delivery: "after-commit",
  events: [...CONVERSATION_CHANGES, "message.created", "presence.changed"],
  handle: (events) => publishAll(monitorPublications(events)),
};

export const conversationRealtimeSubscriber: AfterCommitSubscriber = {
  name: "realtime.conversations",
  delivery: "after-commit",
  events: [...CONVERSATION_CHANGES, "message.created", "conversation.read", "conversation.receipt"],
  handle: async (events, { db }) => publishAll(await conversationPublications(db, events)),
};
