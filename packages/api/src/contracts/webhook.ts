/**
 * Outgoing signed webhooks (Standard Webhooks): the events an endpoint may choose, the retry schedule and the inputs
 * of `integration.*Webhook*` (docs/architecture.md, "Webhooks").
 */
import { z } from "zod";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_NAME_MAX, WEBHOOK_URL_MAX } from "./limits.ts";
import { idSchema } from "./user.ts";

/** What an endpoint can subscribe to. Internal notes are never sent. */
export const WEBHOOK_EVENTS = [
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
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The type of the "send test event" button's delivery; not subscribable. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/**
 * Seconds to wait before each attempt: the first at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h.
 * A delivery that fails all eight is given up (FAILED) and can be replayed.
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [0, 5, 300, 1_800, 7_200, 18_000, 36_000, 36_000] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_SECONDS.length;
/** an attempt that has not answered within this is a failure */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** the request body is kept under this (a longer message text is cut and says so: `bodyTruncated`) */
export const WEBHOOK_BODY_MAX_BYTES = 20 * 1024;
/** how much of the receiver's answer the log keeps */
export const WEBHOOK_RESPONSE_EXCERPT_MAX = 1_000;
/** after a rotation the old secret still signs (a second signature) for this long */
export const WEBHOOK_PREVIOUS_SECRET_HOURS = 24;

const webhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(WEBHOOK_URL_MAX)
  .pipe(z.url({ protocol: /^https?$/ }));

const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .refine((events) => new Set(events).size === events.length, { message: "duplicate" });

export const createWebhookInput = z.object({
  name: z.string().trim().min(1).max(WEBHOOK_NAME_MAX),
  url: webhookUrl,
  events: webhookEvents,
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX).default(""),
});
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const updateWebhookInput = createWebhookInput.extend({ id: idSchema });
export const webhookIdInput = z.object({ id: idSchema });
export const setWebhookActiveInput = z.object({ id: idSchema, active: z.boolean() });

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;
export const listWebhookDeliveriesInput = z.object({
  webhookId: idSchema,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export const replayWebhookDeliveryInput = z.object({ id: idSchema });
