/**
 * Re-encrypts every encrypted field with the first key of FIELD_ENCRYPTION_KEYS (`customers:rotate-keys`). Rows go
 * in batches by id; a value already on the new key is skipped, so the command can stop and run again at any time.
 * The old key must stay in FIELD_ENCRYPTION_KEYS (second or later) until a run reports nothing left to rotate.
 */
import type { Db } from "@kefu/db/client";
import { decryptField, encryptField, keyIdOf, type FieldKeys } from "@kefu/db/crypto";

export interface RotationProgress {
  table: string;
  scanned: number;
  rotated: number;
}

interface Column {
  table: "Customer" | "User" | "Webhook" | "TicketSystem";
  columns: readonly string[];
}

const ENCRYPTED_COLUMNS: readonly Column[] = [
  { table: "Customer", columns: ["phoneEnc", "idNumberEnc"] },
  { table: "User", columns: ["phoneEnc"] },
  { table: "Webhook", columns: ["secretEnc", "previousSecretEnc"] },
  { table: "TicketSystem", columns: ["tokenEnc", "callbackSecretEnc"] },
];

interface Row {
  id: number;
  values: Record<string, string | null>;
}

async function readBatch(db: Db, table: Column["table"], afterId: number, size: number): Promise<Row[]> {
  const page = { where: { id: { gt: afterId } }, orderBy: { id: "asc" as const }, take: size };
  if (table === "Customer") {
    const rows = await db.customer.findMany({ ...page, select: { id: true, phoneEnc: true, idNumberEnc: true } });
    return rows.map(({ id, ...values }) => ({ id, values }));
  }
  if (table === "User") {
    const rows = await db.user.findMany({ ...page, select: { id: true, phoneEnc: true } });
    return rows.map(({ id, ...values }) => ({ id, values }));
  }
  if (table === "TicketSystem") {
    const rows = await db.ticketSystem.findMany({ ...page, select: { id: true, tokenEnc: true, callbackSecretEnc: true } });
    return rows.map(({ id, ...values }) => ({ id, values }));
  }
  const rows = await db.webhook.findMany({ ...page, select: { id: true, secretEnc: true, previousSecretEnc: true } });
  return rows.map(({ id, ...values }) => ({ id, values }));
}

async function writeRow(db: Db, table: Column["table"], id: number, data: Record<string, string>) {
  if (table === "Customer") await db.customer.update({ where: { id }, data });
  else if (table === "User") await db.user.update({ where: { id }, data });
  else if (table === "TicketSystem") await db.ticketSystem.update({ where: { id }, data });
  else await db.webhook.update({ where: { id }, data });
}

export async function rotateFieldKeys(
  db: Db,
  keys: FieldKeys,
  options: { batchSize?: number; onProgress?: (progress: RotationProgress) => void } = {},
): Promise<RotationProgress[]> {
  const batchSize = options.batchSize ?? 500;
  const currentKid = keys.keys[0]![0];
  const totals: RotationProgress[] = [];
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    const progress: RotationProgress = { table, scanned: 0, rotated: 0 };
    let afterId = 0;
    for (;;) {
      const rows = await readBatch(db, table, afterId, batchSize);
      if (!rows.length) break;
      for (const row of rows) {
        const data: Record<string, string> = {};
        for (const column of columns) {
          const stored = row.values[column];
          if (stored && keyIdOf(stored) !== currentKid) data[column] = encryptField(keys, decryptField(keys, stored));
        }
        if (Object.keys(data).length) {
          await writeRow(db, table, row.id, data);
          progress.rotated++;
        }
      }
      progress.scanned += rows.length;
      afterId = rows.at(-1)!.id;
      options.onProgress?.({ ...progress });
    }
    totals.push(progress);
  }
  return totals;
}
