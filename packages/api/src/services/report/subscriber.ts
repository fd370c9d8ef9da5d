/**
 * The rollups follow the conversations (outbox, in the worker): every event that adds to a figure or moves a
 * conversation to another team refreshes that conversation's part of the rollups, once per unit of work. Only an
 * agent's text message adds to a figure (first response, reply time), so other messages queue nothing.
 */
import type { DomainEvent, OutboxSubscriber } from "../../domain-events/index.ts";
import { refreshConversationRollup } from "./rollup.ts";

function conversationOf(event: DomainEvent): number | null {
  if (event.type === "message.created") return event.message.conversationId;
  if ("conversation" in event) return event.conversation.id;
  return null;
}

export const reportRollupSubscriber: OutboxSubscriber = {
  name: "reports.rollup",
  delivery: "outbox",
  events: [
    "conversation.created",
    "conversation.handed_off",
    "conversation.queued",
    "conversation.assigned",
    "conversation.transferred",
    "conversation.requeued",
    "conversation.reopened",
    "conversation.resolved",
    "conversation.abandoned",
    "csat.submitted",
    "message.created",
  ],
  accepts: (event) => event.type !== "message.created" || (event.message.senderType === "AGENT" && event.message.kind === "TEXT"),
  coalesceKey: (event) => String(conversationOf(event)),
  handle: async (event, { db }) => {
    const conversationId = conversationOf(event);
    if (conversationId !== null) await refreshConversationRollup(db, conversationId);
  },
};
