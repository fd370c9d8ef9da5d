// Outgoing signed webhooks (Standard Webhooks): endpoints, fan-out, delivery (docs/architecture.md, "Webhooks").
export {
  attemptWebhookDelivery,
  fanOutWebhookEvent,
  runWebhookDeliveryJob,
  WEBHOOK_DELIVER_JOB,
  type AttemptOutcome,
  type DeliveryOptions,
} from "./deliver.ts";
export { listWebhookDeliveries, replayWebhookDelivery, sendWebhookTestEvent } from "./deliveries.ts";
export { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, setWebhookActive, updateWebhook } from "./endpoints.ts";
export { generateWebhookSecret, signWebhook, webhookHeaders } from "./signing.ts";
export { webhookSubscriber } from "./subscriber.ts";
export { assertWebhookUrlAllowed, isInternalAddress, privateWebhookUrlsAllowed } from "./url-guard.ts";
