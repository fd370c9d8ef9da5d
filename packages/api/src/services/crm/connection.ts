/**
 * The CRM connection (one row, id 1): admins save it on the integrations page; its secret is stored encrypted
 * (AES-256-GCM, `@kefu/db/crypto`) and returned only when the server generated it, once.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { decryptField, encryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { z } from "zod";
import { crmFieldMappingRow, type CrmAdapterName, type CrmFieldMappingRow, type saveCrmConnectionInput } from "../../contracts/crm.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { assertWebhookUrlAllowed } from "../webhook/index.ts";
import { generateCrmSecret } from "./signing.ts";

export const CRM_CONNECTION_ID = 1;

interface Actor {
  id: number;
}

/** The mapping column as valid rows (anything else is ignored). */
export function mappingOf(value: Prisma.JsonValue): CrmFieldMappingRow[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row) => {
    const parsed = crmFieldMappingRow.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** What the server needs to talk to the CRM: null when none is configured or it is switched off. */
export interface LoadedConnection {
  adapter: CrmAdapterName;
  lookupUrl: string;
  syncUrl: string | null;
  secret: string;
  timeoutMs: number;
  fieldMapping: CrmFieldMappingRow[];
  idProperty: string;
}

export async function loadCrmConnection(db: Db | Prisma.TransactionClient): Promise<LoadedConnection | null> {
  const row = await db.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID } });
  if (!row?.enabled) return null;
  return {
    adapter: row.adapter,
    lookupUrl: row.lookupUrl,
    syncUrl: row.syncUrl,
    secret: decryptField(fieldKeysFromEnv(), row.secretEnc),
    timeoutMs: row.timeoutMs,
    fieldMapping: mappingOf(row.fieldMapping),
    idProperty: row.idProperty,
  };
}

/** The admins' view: everything but the secret, with the breaker's and the sync's health. */
export async function getCrmConnection(db: Db) {
  const row = await db.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID } });
  if (!row) return null;
  const { secretEnc: _secret, fieldMapping, ...rest } = row;
  return { ...rest, fieldMapping: mappingOf(fieldMapping) };
}

export async function saveCrmConnection(db: Db, actor: Actor, input: z.output<typeof saveCrmConnectionInput>) {
  await assertWebhookUrlAllowed(input.lookupUrl).catch((error: unknown) => {
    throw error instanceof AppError ? new AppError(error.code, { field: "lookupUrl" }) : error;
  });
  if (input.syncUrl)
    await assertWebhookUrlAllowed(input.syncUrl).catch((error: unknown) => {
      throw error instanceof AppError ? new AppError(error.code, { field: "syncUrl" }) : error;
    });
  const existing = await db.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID }, select: { id: true } });
  const generated = !input.secret && !existing ? generateCrmSecret() : null;
  const secret = input.secret || generated;
  const data = {
    enabled: input.enabled,
    adapter: input.adapter,
    lookupUrl: input.lookupUrl,
    syncUrl: input.syncUrl || null,
    timeoutMs: input.timeoutMs,
    fieldMapping: input.fieldMapping,
    idProperty: input.idProperty,
    updatedById: actor.id,
    ...(secret ? { secretEnc: encryptField(fieldKeysFromEnv(), secret) } : {}),
  };
  await runUnitOfWork(db, async (uow) => {
    if (existing)
      // a new address or secret starts the breaker afresh; cached answers stay (they are the customer's, not the URL's)
      await uow.tx.crmConnection.update({ where: { id: CRM_CONNECTION_ID }, data: { ...data, consecutiveFailures: 0, circuitOpenedAt: null } });
    else await uow.tx.crmConnection.create({ data: { id: CRM_CONNECTION_ID, ...data, secretEnc: encryptField(fieldKeysFromEnv(), secret!) } });
  });
  const saved = await getCrmConnection(db);
  // the only time a generated secret leaves the server
  return { connection: saved!, secret: generated };
}

export async function deleteCrmConnection(db: Db) {
  const existing = await db.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  await runUnitOfWork(db, async (uow) => {
    await uow.tx.crmConnection.delete({ where: { id: CRM_CONNECTION_ID } });
    await uow.tx.crmLookupCache.deleteMany();
  });
  return { id: CRM_CONNECTION_ID };
}
