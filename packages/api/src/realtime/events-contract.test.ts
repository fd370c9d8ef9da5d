import { describe, expect, it } from "vitest";
import { channelId, channels, realtimeEvents, type RealtimeEventName, type RealtimePayloads } from "../contracts/realtime.ts";
import { conversationEvents } from "./conversation-events.ts";
import type { Publication } from "./publish.ts";
import { monitorEvents } from "./monitor-events.ts";

/** The fields each event carries, as the browser reads them (checked against the payload types). */
const PAYLOAD_KEYS: { [E in RealtimeEventName]: readonly (keyof RealtimePayloads[E])[] } = {
  "message.created": ["id", "conversationId", "senderType", "kind", "previousId", "message"],
  "conversation.updated": ["id", "status", "assigneeId", "teamId"],
  "conversation.assigned": ["id", "status"],
  "conversation.unassigned": ["id"],
  "conversation.read": ["id", "lastReadMessageId"],
  "conversation.receipt": ["id", "reader", "lastReadMessageId"],
  typing: ["conversationId", "senderType", "userId"],
  "conversation.replyTimeout": ["id", "teamId", "agentId"],
  "queue.changed": ["teamId", "queued"],
  "monitor.delta": ["changes"],
  "monitor.message": ["conversationId", "assigneeId", "senderType"],
  "presence.changed": ["userId", "presence", "at"],
  "alert.triggered": ["eventId", "ruleId", "metric", "threshold", "teamId", "value", "triggeredAt"],
  "alert.cleared": ["eventId", "ruleId", "value", "clearedAt"],
  "alert.acknowledged": ["eventId", "acknowledgedById", "acknowledgedAt"],
  "security.alert": ["id", "type", "severity", "userId"],
  "customer.mentioned": ["noteId", "customerId", "authorName"],
  "qa.review": ["reviewId", "change", "actorName"],
  "ticket.changed": ["ticketId", "status", "conversationIds"],
};

const at = new Date("2026-03-10T02:00:00Z");

const publications: Publication[] = [
  conversationEvents.messageCreated({ id: 1, conversationId: 2, senderType: "CUSTOMER", kind: "TEXT" }, 3),
  conversationEvents.conversationUpdated({ id: 2, status: "ACTIVE", assigneeId: 3, teamId: 4 }),
  conversationEvents.conversationAssigned(3, { id: 2, status: "ACTIVE" }),
  conversationEvents.conversationUnassigned(3, 2),
  conversationEvents.conversationRead(3, 2, 1),
  conversationEvents.conversationReceipt(2, "CUSTOMER", 1),
  conversationEvents.typing(2, "AGENT", 3),
  conversationEvents.queueChanged(4, 5),
  conversationEvents.replyTimedOut({ id: 2, teamId: 4 }, 3),
  monitorEvents.delta([{ id: 2, type: "ASSIGNED", from: "QUEUED", to: "ACTIVE", toUserId: 3 }]),
  monitorEvents.message({ conversationId: 2, assigneeId: 3, senderType: "AGENT" }),
  monitorEvents.presenceChanged({ userId: 3, presence: "ONLINE", at }),
  monitorEvents.alertTriggered({ eventId: 1, ruleId: 2, metric: "QUEUE_LENGTH", threshold: 10, teamId: null, value: 12, triggeredAt: at }),
  monitorEvents.alertCleared({ eventId: 1, ruleId: 2, value: 3, clearedAt: at }),
  monitorEvents.alertAcknowledged({ eventId: 1, acknowledgedById: 3, acknowledgedAt: at }),
];

describe("the realtime contract", () => {
  it("names every event the server publishes, with the fields the browser reads", () => {
    const names = Object.values(realtimeEvents) as string[];
    for (const publication of publications) {
      expect(names).toContain(publication.event);
      expect(Object.keys(publication.data).sort()).toEqual([...PAYLOAD_KEYS[publication.event as RealtimeEventName]].sort());
    }
  });

  it("builds the channel names and reads their ids back", () => {
    expect(channels.agent(7)).toBe("private-agent-7");
    expect(channels.conversation(42)).toBe("private-conversation-42");
    expect(channels.team(3)).toBe("private-team-3");
    expect(channelId("conversation", channels.conversation(42))).toBe(42);
    expect(channelId("agent", channels.team(3))).toBeNull();
    expect(channelId("team", "private-team-3x")).toBeNull();
  });
});
