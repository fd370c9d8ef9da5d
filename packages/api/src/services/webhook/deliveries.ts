/** The delivery log of an endpoint, replaying a delivery, and the "send test event" button. */
import type { Db } from "@kefu/db/client";
import type { z } from "zod";
import type { listWebhookDeliveriesInput } from "../../contracts/webhook.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { AppError } from "../../errors.ts";
import { keysetPage } from "../pagination.ts";
import { attemptWebhookDelivery, queueTestDelivery, WEBHOOK_DELIVER_JOB, type DeliveryOptions } from "./deliver.ts";

export async function listWebhookDeliveries(db: Db, input: z.output<typeof listWebhookDeliveriesInput>) {
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId: input.webhookId, ...(input.status ? { status: input.status } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      messageId: true,
      event: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      durationMs: true,
      responseStatus: true,
      responseBody: true,
      lastError: true,
      createdAt: true,
      deliveredAt: true,
      payload: true,
    },
  });
  return keysetPage(rows, input.limit);
}

/** Sends a delivered or given-up delivery again (same `webhook-id`, a fresh series of attempts). */
export async function replayWebhookDelivery(db: Db, input: { id: number }, now = new Date()) {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: input.id }, select: { status: true, webhook: { select: { active: true } } } });
  if (!delivery) throw new AppError("NOT_FOUND", { field: "id" });
  if (delivery.status === "PENDING") throw new AppError("ALREADY_DONE", { field: "id" });
  if (!delivery.webhook.active) throw new AppError("WEBHOOK_DISABLED", { field: "id" });
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: input.id }, data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lockedAt: null } });
    await enqueueJob(tx, { type: WEBHOOK_DELIVER_JOB, payload: { deliveryId: input.id }, runAt: now, maxAttempts: 20 });
  });
  return { id: input.id };
}

/** Queues a test event and makes its first attempt at once, so the button shows the answer. */
export async function sendWebhookTestEvent(db: Db, input: { id: number }, options: DeliveryOptions = {}) {
  const endpoint = await db.webhook.findUnique({ where: { id: input.id }, select: { active: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", { field: "id" });
  if (!endpoint.active) throw new AppError("WEBHOOK_DISABLED", { field: "id" });
  const delivery = await queueTestDelivery(db, input.id, options.now?.());
  await attemptWebhookDelivery(db, delivery.id, options);
  return db.webhookDelivery.findUniqueOrThrow({
    where: { id: delivery.id },
    select: { id: true, messageId: true, status: true, attempts: true, responseStatus: true, lastError: true, durationMs: true },
  });
}
