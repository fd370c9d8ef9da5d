/** Every listed change becomes deliveries to the endpoints that want it, through the outbox (never lost). */
import type { Prisma } from "@kefu/db/client";
import type { OutboxSubscriber } from "../../domain-events/index.ts";
import { fanOutWebhookEvent, WEBHOOK_SUBSCRIBER_NAME } from "./deliver.ts";
import { webhookEventOf } from "./payload.ts";

/** One look per transaction at whether any endpoint is active (a unit of work often records several events). */
const activeEndpointsSeen = new WeakMap<Prisma.TransactionClient, Promise<boolean>>();
function anyActiveEndpoint(tx: Prisma.TransactionClient): Promise<boolean> {
  let seen = activeEndpointsSeen.get(tx);
  if (!seen) {
    seen = tx.webhook.findFirst({ where: { active: true }, select: { id: true } }).then((row) => row !== null);
    activeEndpointsSeen.set(tx, seen);
  }
  return seen;
}

export const webhookSubscriber: OutboxSubscriber = {
  name: WEBHOOK_SUBSCRIBER_NAME,
  delivery: "outbox",
  events: [
    "conversation.created",
    "conversation.queued",
    "conversation.assigned",
    "conversation.transferred",
    "conversation.paused",
    "conversation.resumed",
    "conversation.resolved",
    "conversation.abandoned",
    "message.created",
    "csat.submitted",
    "ticket.created",
    "ticket.updated",
  ],
  // internal notes and system lines write no job at all, nor does anything while no endpoint is active
  accepts: (event, tx) => webhookEventOf(event) !== null && anyActiveEndpoint(tx),
  handle: async (event, { db, jobId }) => {
    await fanOutWebhookEvent(db, event, { jobId });
  },
};
