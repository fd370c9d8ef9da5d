/**
 * Fan-out and delivery (docs/architecture.md, "Webhooks").
 *
 * Fan-out: the `webhooks` outbox subscriber's job (written in the same transaction as the change) writes one
 * WebhookDelivery per matching active endpoint and a `webhook.deliver` job for each, in one transaction; the
 * delivery's source key makes a retried fan-out write nothing twice.
 *
 * Delivery: one attempt per `webhook.deliver` job. Attempts are claimed under the endpoint's row lock, so two jobs
 * for one delivery never both send, and a conversation's deliveries go one after another in the order their
 * changes committed (the fan-out job's id): a later one waits while an earlier one is pending, and the earlier
 * one's end (delivered or given up) starts the next. Failures follow WEBHOOK_RETRY_DELAYS_SECONDS (a 429's
 * Retry-After may ask for longer); a 410 disables the endpoint; so do five days of failures.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_SECONDS, WEBHOOK_TEST_EVENT, WEBHOOK_TIMEOUT_MS } from "../../contracts/webhook.ts";
import { outboxJobType, type DomainEvent, type Tx } from "../../domain-events/index.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { eventsOf, signingSecrets } from "./endpoints.ts";
import { postWebhook } from "./http.ts";
import { buildWebhookBody, conversationIdOf, testWebhookBody, webhookEventOf, type WebhookBody } from "./payload.ts";
import { newWebhookMessageId, webhookHeaders } from "./signing.ts";
import { privateWebhookUrlsAllowed } from "./url-guard.ts";

export const WEBHOOK_DELIVER_JOB = "webhook.deliver";
export const WEBHOOK_SUBSCRIBER_NAME = "webhooks";
/** an attempt still marked in flight after this is taken to have died with its worker */
export const WEBHOOK_LOCK_STALE_MS = 60_000;
/** how long a delivery waits, and looks again, while an earlier change of its conversation is still being fanned out */
const FANOUT_WAIT_MS = 2_000;
/** when the worker looks at a test event the button already attempted */
const TEST_SAFETY_NET_MS = 30_000;
/** failing this long without one delivered attempt disables the endpoint */
export const WEBHOOK_FAILING_DISABLE_MS = 5 * 24 * 3_600_000;

export interface DeliveryOptions {
  /** the clock (tests move it through the retry schedule) */
  now?: () => Date;
  timeoutMs?: number;
  allowPrivate?: boolean;
}

function sourceKeyOf(event: DomainEvent): string {
  if (event.type === "message.created") return `message:${event.message.id}`;
  if (event.type === "ticket.created" || event.type === "ticket.updated") return `ticket-change:${event.changeId}`;
  return "eventId" in event ? `conversation-event:${event.eventId}` : `${event.type}`;
}

function enqueueDelivery(tx: Tx | Db, deliveryId: number, runAt: Date) {
  return enqueueJob(tx, { type: WEBHOOK_DELIVER_JOB, payload: { deliveryId }, runAt, maxAttempts: 20 });
}

/** The outbox handler: one delivery per matching active endpoint; idempotent. Returns how many it wrote. */
export async function fanOutWebhookEvent(db: Db, event: DomainEvent, context: { jobId?: number; now?: Date } = {}): Promise<number> {
  const type = webhookEventOf(event);
  if (!type) return 0;
  const endpoints = (await db.webhook.findMany({ where: { active: true }, select: { id: true, events: true } })).filter((endpoint) =>
    eventsOf(endpoint.events).includes(type),
  );
  if (endpoints.length === 0) return 0;
  const body = await buildWebhookBody(db, event);
  if (!body) return 0;
  const sourceKey = sourceKeyOf(event);
  const conversationId = conversationIdOf(event);
  const now = context.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const existing = new Set(
        (await tx.webhookDelivery.findMany({ where: { sourceKey, webhookId: { in: endpoints.map((e) => e.id) } }, select: { webhookId: true } })).map(
          (row) => row.webhookId,
        ),
      );
      let written = 0;
      for (const endpoint of endpoints) {
        if (existing.has(endpoint.id)) continue;
        const delivery = await tx.webhookDelivery.create({
          data: {
            webhookId: endpoint.id,
            messageId: newWebhookMessageId(),
            event: type,
            payload: body as unknown as Prisma.InputJsonObject,
            sourceKey,
            orderKey: conversationId === null ? null : `conversation:${conversationId}`,
            sequence: context.jobId ?? 0,
            nextAttemptAt: now,
          },
          select: { id: true },
        });
        await enqueueDelivery(tx, delivery.id, now);
        written++;
      }
      return written;
    },
    { isolationLevel: "ReadCommitted" },
  );
}

/** A test event for one endpoint, queued like any other delivery (it ignores the endpoint's event list). */
export async function queueTestDelivery(db: Db, webhookId: number, now = new Date()) {
  const body: WebhookBody = testWebhookBody(webhookId, now);
  return db.$transaction(async (tx) => {
    const messageId = newWebhookMessageId();
    const delivery = await tx.webhookDelivery.create({
      data: {
        webhookId,
        messageId,
        event: WEBHOOK_TEST_EVENT,
        payload: body as unknown as Prisma.InputJsonObject,
        sourceKey: `test:${messageId}`,
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    // the caller attempts it at once; this job is the safety net should that process die mid-attempt
    await enqueueDelivery(tx, delivery.id, new Date(now.getTime() + TEST_SAFETY_NET_MS));
    return delivery;
  });
}

export type AttemptOutcome = "delivered" | "retry" | "failed" | "waiting" | "not-due" | "busy" | "done";

async function lockEndpoint(tx: Tx, webhookId: number) {
  await tx.$queryRaw`SELECT id FROM Webhook WHERE id = ${webhookId} FOR UPDATE`;
}

/** The next pending delivery of the same conversation and endpoint, started once this one has ended. */
async function startNextInOrder(tx: Tx, delivery: { id: number; webhookId: number; orderKey: string | null }, now: Date) {
  if (!delivery.orderKey) return;
  const next = await tx.webhookDelivery.findFirst({
    where: { webhookId: delivery.webhookId, orderKey: delivery.orderKey, status: "PENDING", id: { not: delivery.id } },
    orderBy: [{ sequence: "asc" }, { id: "asc" }],
    select: { id: true, nextAttemptAt: true },
  });
  if (next) await enqueueDelivery(tx, next.id, next.nextAttemptAt && next.nextAttemptAt > now ? next.nextAttemptAt : now);
}

/** Whether a fan-out job of an earlier change of this conversation has not run yet (its deliveries do not exist). */
async function earlierFanOutPending(tx: Tx, sequence: number, orderKey: string): Promise<boolean> {
  if (sequence <= 0) return false;
  const conversationId = orderKey.slice("conversation:".length);
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM Job
    WHERE type = ${outboxJobType(WEBHOOK_SUBSCRIBER_NAME)} AND status IN ('PENDING', 'RUNNING') AND id < ${sequence}
      AND (JSON_VALUE(payload, '$.conversation.id') = ${conversationId} OR JSON_VALUE(payload, '$.message.conversationId') = ${conversationId})
    LIMIT 1`;
  return rows.length > 0;
}

/**
 * One attempt of one delivery, if it is due, in flight nowhere else and first in its conversation's order. The
 * HTTP request runs outside any transaction; its result and the next attempt's job are written in one.
 */
export async function attemptWebhookDelivery(db: Db, deliveryId: number, options: DeliveryOptions = {}): Promise<AttemptOutcome> {
  const clock = options.now ?? (() => new Date());
  const head = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { webhookId: true } });
  if (!head) return "done";
  const startedAt = clock();
  const claim = await db.$transaction(
    async (tx) => {
      await lockEndpoint(tx, head.webhookId);
      const delivery = await tx.webhookDelivery.findUnique({
        where: { id: deliveryId },
        include: { webhook: { select: { id: true, url: true, active: true, secretEnc: true, previousSecretEnc: true, previousSecretExpiresAt: true } } },
      });
      if (!delivery || delivery.status !== "PENDING") return { outcome: "done" as const };
      if (delivery.lockedAt && delivery.lockedAt.getTime() > startedAt.getTime() - WEBHOOK_LOCK_STALE_MS) {
        // in flight elsewhere: look again once that attempt would count as dead, in case its worker dies
        await enqueueDelivery(tx, delivery.id, new Date(delivery.lockedAt.getTime() + WEBHOOK_LOCK_STALE_MS + 1_000));
        return { outcome: "busy" as const };
      }
      if (delivery.nextAttemptAt && delivery.nextAttemptAt > startedAt) return { outcome: "not-due" as const };
      if (!delivery.webhook.active) {
        await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED", lastError: "endpoint disabled", nextAttemptAt: null } });
        await startNextInOrder(tx, delivery, startedAt);
        return { outcome: "failed" as const };
      }
      if (delivery.orderKey) {
        const earlier = await tx.webhookDelivery.findFirst({
          where: {
            webhookId: delivery.webhookId,
            orderKey: delivery.orderKey,
            status: "PENDING",
            OR: [{ sequence: { lt: delivery.sequence } }, { sequence: delivery.sequence, id: { lt: delivery.id } }],
          },
          select: { id: true },
        });
        // the earlier one's end starts this one
        if (earlier) return { outcome: "waiting" as const };
        if (await earlierFanOutPending(tx, delivery.sequence, delivery.orderKey)) {
          await enqueueDelivery(tx, delivery.id, new Date(Date.now() + FANOUT_WAIT_MS));
          return { outcome: "waiting" as const };
        }
      }
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { lockedAt: startedAt, attempts: { increment: 1 }, lastAttemptAt: startedAt } });
      return { outcome: "send" as const, delivery, attempt: delivery.attempts + 1 };
    },
    { isolationLevel: "ReadCommitted" },
  );
  if (claim.outcome !== "send") return claim.outcome;

  const { delivery, attempt } = claim;
  const body = JSON.stringify(delivery.payload);
  const headers = webhookHeaders(signingSecrets(delivery.webhook, startedAt), delivery.messageId, Math.floor(startedAt.getTime() / 1000), body);
  const result = await postWebhook(delivery.webhook.url, headers, body, {
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    allowPrivate: options.allowPrivate ?? privateWebhookUrlsAllowed(),
  });
  const endedAt = clock();
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.status === 410;
  const outcome: AttemptOutcome = ok ? "delivered" : gone || attempt >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "retry";
  const waitSeconds = Math.max(WEBHOOK_RETRY_DELAYS_SECONDS[attempt] ?? 0, result.status === 429 ? Math.min(result.retryAfterSeconds ?? 0, 36_000) : 0);
  const nextAttemptAt = outcome === "retry" ? new Date(startedAt.getTime() + waitSeconds * 1000) : null;

  await db.$transaction(
    async (tx) => {
      await lockEndpoint(tx, delivery.webhookId);
      const current = await tx.webhookDelivery.findUnique({ where: { id: delivery.id }, select: { lockedAt: true } });
      // deleted with its endpoint meanwhile, or taken over after going stale: the other attempt writes the result
      if (!current || current.lockedAt?.getTime() !== startedAt.getTime()) return;
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          status: outcome === "delivered" ? "SUCCEEDED" : outcome === "failed" ? "FAILED" : "PENDING",
          lockedAt: null,
          nextAttemptAt,
          durationMs: result.durationMs,
          responseStatus: result.status,
          responseBody: result.body || null,
          lastError: ok ? null : (result.error ?? `HTTP ${result.status}`).slice(0, 1000),
          deliveredAt: ok ? endedAt : undefined,
        },
      });
      const endpoint = await tx.webhook.findUniqueOrThrow({ where: { id: delivery.webhookId }, select: { failingSince: true, active: true } });
      if (ok) {
        if (endpoint.failingSince) await tx.webhook.update({ where: { id: delivery.webhookId }, data: { failingSince: null } });
      } else {
        const failingSince = endpoint.failingSince ?? startedAt;
        const failingTooLong = endedAt.getTime() - failingSince.getTime() >= WEBHOOK_FAILING_DISABLE_MS;
        const disable = endpoint.active && (gone || failingTooLong);
        await tx.webhook.update({
          where: { id: delivery.webhookId },
          data: { failingSince, ...(disable ? { active: false, disabledReason: gone ? "GONE" : "FAILING", disabledAt: endedAt } : {}) },
        });
      }
      if (outcome === "retry") await enqueueDelivery(tx, delivery.id, nextAttemptAt!);
      else await startNextInOrder(tx, delivery, endedAt);
    },
    { isolationLevel: "ReadCommitted" },
  );
  return outcome;
}

/** The `webhook.deliver` job. */
export async function runWebhookDeliveryJob(db: Db, payload: Prisma.JsonValue): Promise<void> {
  const deliveryId = typeof payload === "object" && payload !== null && !Array.isArray(payload) ? Number(payload.deliveryId) : NaN;
  if (!Number.isInteger(deliveryId) || deliveryId <= 0) throw new Error("webhook.deliver needs a deliveryId");
  await attemptWebhookDelivery(db, deliveryId);
}
