/** Every listed change becomes deliveries to the endpoints that want it, through the outbox (never lost). */
import type { OutboxSubscriber } from "../../domain-events/index.ts";
import { fanOutWebhookEvent, WEBHOOK_SUBSCRIBER_NAME } from "./deliver.ts";
import { webhookEventOf } from "./payload.ts";

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
  ],
  // internal notes and system lines write no job at all
  accepts: (event) => webhookEventOf(event) !== null,
  handle: async (event, { db, jobId }) => {
    await fanOutWebhookEvent(db, event, { jobId });
  },
};
