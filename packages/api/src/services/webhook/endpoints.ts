/**
 * Webhook endpoints: admins add, edit, disable, enable and delete them; each has a `whsec_` secret shown once and
 * stored encrypted (AES-256-GCM, `@kefu/db/crypto`). Rotating keeps the old secret signing for 24 h.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { decryptField, encryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { z } from "zod";
import type { createWebhookInput, updateWebhookInput, WebhookEvent } from "../../contracts/webhook.ts";
import { WEBHOOK_EVENTS, WEBHOOK_PREVIOUS_SECRET_HOURS } from "../../contracts/webhook.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { generateWebhookSecret } from "./signing.ts";
import { assertWebhookUrlAllowed } from "./url-guard.ts";

interface Actor {
  id: number;
}

const endpointSelect = {
  id: true,
  name: true,
  url: true,
  description: true,
  events: true,
  active: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/** The events column as the list of known event names (anything else is ignored). */
export function eventsOf(value: Prisma.JsonValue): WebhookEvent[] {
  return Array.isArray(value) ? WEBHOOK_EVENTS.filter((event) => value.includes(event)) : [];
}

export async function listWebhooks(db: Db) {
  const rows = await db.webhook.findMany({ orderBy: { id: "desc" }, select: endpointSelect });
  return rows.map((row) => ({ ...row, events: eventsOf(row.events) }));
}

async function findEndpoint(db: Db | Prisma.TransactionClient, id: number) {
  const row = await db.webhook.findUnique({ where: { id }, select: { id: true, active: true } });
  if (!row) throw new AppError("NOT_FOUND", { field: "id" });
  return row;
}

export async function createWebhook(db: Db, actor: Actor, input: z.output<typeof createWebhookInput>) {
  await assertWebhookUrlAllowed(input.url);
  const secret = generateWebhookSecret();
  const row = await runUnitOfWork(db, (uow) =>
    uow.tx.webhook.create({
      data: {
        name: input.name,
        url: input.url,
        description: input.description || null,
        events: input.events,
        secretEnc: encryptField(fieldKeysFromEnv(), secret),
        createdById: actor.id,
      },
      select: endpointSelect,
    }),
  );
  // the only time the secret leaves the server
  return { ...row, events: eventsOf(row.events), secret };
}

export async function updateWebhook(db: Db, _actor: Actor, input: z.output<typeof updateWebhookInput>) {
  await findEndpoint(db, input.id);
  await assertWebhookUrlAllowed(input.url);
  const row = await runUnitOfWork(db, (uow) =>
    uow.tx.webhook.update({
      where: { id: input.id },
      data: { name: input.name, url: input.url, description: input.description || null, events: input.events },
      select: endpointSelect,
    }),
  );
  return { ...row, events: eventsOf(row.events) };
}

/** Disables (MANUAL) or enables an endpoint; enabling clears the failure streak. */
export async function setWebhookActive(db: Db, _actor: Actor, input: { id: number; active: boolean }) {
  const endpoint = await findEndpoint(db, input.id);
  if (endpoint.active === input.active) throw new AppError("ALREADY_DONE", { field: "active" });
  await runUnitOfWork(db, (uow) =>
    uow.tx.webhook.update({
      where: { id: input.id },
      data: input.active
        ? { active: true, disabledReason: null, disabledAt: null, failingSince: null }
        : { active: false, disabledReason: "MANUAL", disabledAt: new Date() },
    }),
  );
  return { id: input.id, active: input.active };
}

export async function deleteWebhook(db: Db, _actor: Actor, input: { id: number }) {
  await findEndpoint(db, input.id);
  // deliveries go with it (onDelete: Cascade); their queued jobs find nothing and end
  await runUnitOfWork(db, (uow) => uow.tx.webhook.delete({ where: { id: input.id } }));
  return { id: input.id };
}

/** A new secret, shown once; the old one keeps signing (a second signature) for WEBHOOK_PREVIOUS_SECRET_HOURS. */
export async function rotateWebhookSecret(db: Db, _actor: Actor, input: { id: number }, now = new Date()) {
  await findEndpoint(db, input.id);
  const secret = generateWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + WEBHOOK_PREVIOUS_SECRET_HOURS * 3_600_000);
  await runUnitOfWork(db, async (uow) => {
    const current = await uow.tx.webhook.findUniqueOrThrow({ where: { id: input.id }, select: { secretEnc: true } });
    await uow.tx.webhook.update({
      where: { id: input.id },
      data: { secretEnc: encryptField(fieldKeysFromEnv(), secret), previousSecretEnc: current.secretEnc, previousSecretExpiresAt },
    });
  });
  return { id: input.id, secret, previousSecretExpiresAt };
}

/** The secrets an attempt at `now` is signed with: the current one, and the previous one until it expires. */
export function signingSecrets(endpoint: { secretEnc: string; previousSecretEnc: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const keys = fieldKeysFromEnv();
  const secrets = [decryptField(keys, endpoint.secretEnc)];
  if (endpoint.previousSecretEnc && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now)
    secrets.push(decryptField(keys, endpoint.previousSecretEnc));
  return secrets;
}
