/**
 * External ticket systems (Zendesk-, Jira-compatible or generic REST) configured by admins. The API token and the
 * callback secret are stored encrypted (AES-256-GCM, `@kefu/db/crypto`); the callback secret is shown once, when
 * the system is added. At most one system is active: adding or enabling one disables the others.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@kefu/db/client";
import { decryptField, encryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { z } from "zod";
import type { createTicketSystemInput } from "../../contracts/ticket.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { assertWebhookUrlAllowed } from "../webhook/index.ts";

interface Actor {
  id: number;
}

const systemSelect = {
  id: true,
  name: true,
  kind: true,
  baseUrl: true,
  username: true,
  projectKey: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

export async function listTicketSystems(db: Db) {
  const rows = await db.ticketSystem.findMany({ orderBy: { id: "desc" }, select: systemSelect });
  const counts = await db.ticket.groupBy({ by: ["ticketSystemId", "syncStatus"], where: { ticketSystemId: { in: rows.map((row) => row.id) } }, _count: true });
  return rows.map((row) => {
    const mine = counts.filter((count) => count.ticketSystemId === row.id);
    const of = (status: string) => mine.find((count) => count.syncStatus === status)?._count ?? 0;
    return { ...row, synced: of("SYNCED"), pending: of("PENDING"), failed: of("FAILED") };
  });
}

export function generateCallbackSecret(): string {
  return `tkcs_${randomBytes(32).toString("base64url")}`;
}

export async function createTicketSystem(db: Db, actor: Actor, input: z.output<typeof createTicketSystemInput>) {
  await assertWebhookUrlAllowed(input.baseUrl);
  const callbackSecret = generateCallbackSecret();
  const keys = fieldKeysFromEnv();
  const row = await runUnitOfWork(db, async (uow) => {
    await uow.tx.ticketSystem.updateMany({ where: { active: true }, data: { active: false } });
    return uow.tx.ticketSystem.create({
      data: {
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl.replace(/\/+$/, ""),
        username: input.username || null,
        tokenEnc: encryptField(keys, input.token),
        projectKey: input.kind === "JIRA" ? input.projectKey : null,
        callbackSecretEnc: encryptField(keys, callbackSecret),
        createdById: actor.id,
      },
      select: systemSelect,
    });
  });
  // the only time the callback secret leaves the server
  return { ...row, callbackSecret };
}

export async function setTicketSystemActive(db: Db, _actor: Actor, input: { id: number; active: boolean }) {
  const row = await db.ticketSystem.findUnique({ where: { id: input.id }, select: { active: true } });
  if (!row) throw new AppError("NOT_FOUND", { field: "id" });
  if (row.active === input.active) throw new AppError("ALREADY_DONE", { field: "active" });
  await runUnitOfWork(db, async (uow) => {
    if (input.active) await uow.tx.ticketSystem.updateMany({ where: { active: true }, data: { active: false } });
    await uow.tx.ticketSystem.update({ where: { id: input.id }, data: { active: input.active } });
  });
  return { id: input.id, active: input.active };
}

/** Deleting keeps the tickets (they stay here, without their link to the system). */
export async function deleteTicketSystem(db: Db, _actor: Actor, input: { id: number }) {
  const row = await db.ticketSystem.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", { field: "id" });
  await runUnitOfWork(db, (uow) => uow.tx.ticketSystem.delete({ where: { id: input.id } }));
  return { id: input.id };
}

export interface TicketSystemCredentials {
  id: number;
  kind: "REST" | "ZENDESK" | "JIRA";
  baseUrl: string;
  username: string | null;
  token: string;
  projectKey: string | null;
}

export async function ticketSystemCredentials(db: Db, id: number): Promise<TicketSystemCredentials | null> {
  const row = await db.ticketSystem.findUnique({
    where: { id },
    select: { id: true, kind: true, baseUrl: true, username: true, tokenEnc: true, projectKey: true },
  });
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    baseUrl: row.baseUrl,
    username: row.username,
    token: decryptField(fieldKeysFromEnv(), row.tokenEnc),
    projectKey: row.projectKey,
  };
}

export async function callbackSecretOf(db: Db, id: number): Promise<string | null> {
  const row = await db.ticketSystem.findUnique({ where: { id }, select: { callbackSecretEnc: true } });
  return row ? decryptField(fieldKeysFromEnv(), row.callbackSecretEnc) : null;
}
