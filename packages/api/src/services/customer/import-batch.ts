/**
 * One batch of an import against the database: which rows update an existing customer (found by the match key)
 * and which create one, and then writing them with a handful of multi-row statements: the new customers in one
 * insert, the updated ones in one insert … on duplicate key update, their tags, custom field values and
 * `imported` timeline events in one statement each (plain SQL: Prisma's createMany is far slower at this size).
 */
import type { CustomerModel as Customer } from "@kefu/db";
import { Prisma } from "@kefu/db/client";
import { encryptField, protectPhone, type FieldKeys } from "@kefu/db/crypto";
import type { ImportMatchKey } from "../../contracts/customer-data.ts";
import type { Tx } from "../../domain-events/index.ts";
import { maskIdNumber, rejectForCreate, type ImportContext, type PreparedRow } from "./import-rows.ts";

export const IMPORT_BATCH_SIZE = 1000;

type ExistingCustomer = Pick<
  Customer,
  "id" | "name" | "phoneHash" | "phoneEnc" | "phoneLast4" | "email" | "idNumberEnc" | "idNumberMask" | "externalId" | "level" | "city" | "ownerTeamId"
>;
const EXISTING_SELECT = {
  id: true,
  name: true,
  phoneHash: true,
  phoneEnc: true,
  phoneLast4: true,
  email: true,
  idNumberEnc: true,
  idNumberMask: true,
  externalId: true,
  level: true,
  city: true,
  ownerTeamId: true,
} as const;

type Reader = Pick<Tx, "customer">;

function keyWhere(matchBy: ImportMatchKey, keys: string[]): Prisma.CustomerWhereInput {
  if (matchBy === "PHONE") return { phoneHash: { in: keys } };
  if (matchBy === "EMAIL") return { email: { in: keys } };
  return { externalId: { in: keys } };
}

function keyOf(matchBy: ImportMatchKey, customer: Pick<Customer, "phoneHash" | "email" | "externalId">): string | null {
  if (matchBy === "PHONE") return customer.phoneHash;
  if (matchBy === "EMAIL") return customer.email?.toLowerCase() ?? null;
  return customer.externalId;
}

export interface BatchPlan {
  creates: PreparedRow[];
  updates: { row: PreparedRow; existing: ExistingCustomer }[];
  rejects: PreparedRow[];
}

/** Splits a batch's rows into creates, updates and rejects, reading the customers its keys and external ids name. */
export async function planBatch(db: Reader, context: ImportContext, headers: string[], rows: PreparedRow[]): Promise<BatchPlan> {
  const plan: BatchPlan = { creates: [], updates: [], rejects: [] };
  const valid = rows.filter((row) => !row.reject);
  const keys = valid.map((row) => row.key!);
  const existing = keys.length
    ? await db.customer.findMany({ where: { ...keyWhere(context.matchBy, keys), mergedIntoId: null }, select: EXISTING_SELECT, orderBy: { id: "asc" } })
    : [];
  const byKey = new Map<string, ExistingCustomer>();
  for (const customer of existing) {
    const key = keyOf(context.matchBy, customer);
    if (key && !byKey.has(key)) byKey.set(key, customer);
  }
  // merged-away customers keep their external id (for the undo), so an id may be taken by one no key matched
  const externalIds = valid.flatMap((row) => (row.externalId ? [row.externalId] : []));
  const externalOwners = externalIds.length
    ? new Map(
        (await db.customer.findMany({ where: { externalId: { in: externalIds } }, select: { id: true, externalId: true } })).map((c) => [c.externalId!, c.id]),
      )
    : new Map<string, number>();
  for (const row of rows) {
    if (row.reject) {
      plan.rejects.push(row);
      continue;
    }
    const match = byKey.get(row.key!);
    const owner = row.externalId ? externalOwners.get(row.externalId) : undefined;
    if (owner !== undefined && owner !== match?.id) {
      row.reject = "externalIdTaken";
      const index = context.columns.externalId;
      row.rejectColumn = index === undefined ? undefined : headers[index];
      plan.rejects.push(row);
      continue;
    }
    if (match) {
      plan.updates.push({ row, existing: match });
      continue;
    }
    rejectForCreate(context, headers, row);
    if (row.reject) plan.rejects.push(row);
    else plan.creates.push(row);
  }
  return plan;
}

function phoneColumns(keys: FieldKeys, row: PreparedRow) {
  return row.phone ? protectPhone(keys, row.phone) : null;
}

function idNumberColumns(keys: FieldKeys, row: PreparedRow) {
  return row.idNumber ? { idNumberEnc: encryptField(keys, row.idNumber), idNumberMask: maskIdNumber(row.idNumber) } : null;
}

export interface BatchResult {
  created: number;
  updated: number;
  rejected: { rowNumber: number; reason: string; column?: string }[];
}

/** Writes a planned batch; every created or updated customer gets an `imported` event naming the import. */
export async function applyBatch(tx: Tx, keys: FieldKeys, context: ImportContext, plan: BatchPlan, importId: number, actorId: number): Promise<BatchResult> {
  const touched: { customerId: number; row: PreparedRow; action: "created" | "updated" }[] = [];

  if (plan.creates.length) {
    const rows = plan.creates.map((row) => {
      const phone = phoneColumns(keys, row);
      const idNumber = idNumberColumns(keys, row);
      return Prisma.sql`(${row.name!}, ${phone?.phoneHash ?? null}, ${phone?.phoneEnc ?? null}, ${phone?.phoneLast4 ?? null}, ${row.email ?? null},
        ${idNumber?.idNumberEnc ?? null}, ${idNumber?.idNumberMask ?? null}, ${row.externalId ?? null}, ${row.level ?? "NORMAL"}, ${row.city ?? null},
        ${row.ownerTeamId ?? null}, NOW(3), NOW(3), NOW(3), NOW(3))`;
    });
    await tx.$executeRaw`
      INSERT INTO Customer (name, phoneHash, phoneEnc, phoneLast4, email, idNumberEnc, idNumberMask, externalId, level, city, ownerTeamId,
        firstSeenAt, lastSeenAt, createdAt, updatedAt)
      VALUES ${Prisma.join(rows)}`;
    // no customer had these keys before the insert, so whoever has them now is new
    const created = await tx.customer.findMany({
      where: {
        ...keyWhere(
          context.matchBy,
          plan.creates.map((row) => row.key!),
        ),
        mergedIntoId: null,
      },
      select: { id: true, phoneHash: true, email: true, externalId: true },
    });
    const idByKey = new Map(created.map((customer) => [keyOf(context.matchBy, customer)!, customer.id]));
    for (const row of plan.creates) touched.push({ customerId: idByKey.get(row.key!)!, row, action: "created" });
  }

  if (plan.updates.length) {
    const values = plan.updates.map(({ row, existing }) => {
      const phone = phoneColumns(keys, row);
      const idNumber = idNumberColumns(keys, row);
      return Prisma.sql`(${existing.id}, ${row.name ?? existing.name}, ${phone?.phoneHash ?? existing.phoneHash}, ${phone?.phoneEnc ?? existing.phoneEnc},
        ${phone?.phoneLast4 ?? existing.phoneLast4}, ${row.email ?? existing.email}, ${idNumber?.idNumberEnc ?? existing.idNumberEnc},
        ${idNumber?.idNumberMask ?? existing.idNumberMask}, ${row.externalId ?? existing.externalId}, ${row.level ?? existing.level},
        ${row.city ?? existing.city}, ${row.ownerTeamId ?? existing.ownerTeamId}, NOW(3))`;
    });
    await tx.$executeRaw`
      INSERT INTO Customer (id, name, phoneHash, phoneEnc, phoneLast4, email, idNumberEnc, idNumberMask, externalId, level, city, ownerTeamId, updatedAt)
      VALUES ${Prisma.join(values)}
      ON DUPLICATE KEY UPDATE name = VALUES(name), phoneHash = VALUES(phoneHash), phoneEnc = VALUES(phoneEnc), phoneLast4 = VALUES(phoneLast4),
        email = VALUES(email), idNumberEnc = VALUES(idNumberEnc), idNumberMask = VALUES(idNumberMask), externalId = VALUES(externalId),
        level = VALUES(level), city = VALUES(city), ownerTeamId = VALUES(ownerTeamId), updatedAt = VALUES(updatedAt)`;
    for (const { row, existing } of plan.updates) touched.push({ customerId: existing.id, row, action: "updated" });
  }

  const tagNames = [...new Set(touched.flatMap(({ row }) => row.tags))];
  if (tagNames.length) {
    await tx.$executeRaw`INSERT IGNORE INTO Tag (name, createdAt) VALUES ${Prisma.join(tagNames.map((name) => Prisma.sql`(${name}, NOW(3))`))}`;
    const tagIds = new Map((await tx.tag.findMany({ where: { name: { in: tagNames } }, select: { id: true, name: true } })).map((tag) => [tag.name, tag.id]));
    const links = touched.flatMap(({ customerId, row }) => row.tags.map((name) => Prisma.sql`(${customerId}, ${tagIds.get(name)!}, NOW(3))`));
    await tx.$executeRaw`INSERT IGNORE INTO CustomerTag (customerId, tagId, createdAt) VALUES ${Prisma.join(links)}`;
  }

  const fieldValues = touched.flatMap(({ customerId, row }) =>
    row.custom.map(
      ({ fieldId, value }) =>
        Prisma.sql`(${customerId}, ${fieldId}, ${value.textValue}, ${value.numberValue}, ${value.dateValue}, ${value.boolValue},
          ${value.optionValues ? JSON.stringify(value.optionValues) : null}, NOW(3))`,
    ),
  );
  if (fieldValues.length) {
    await tx.$executeRaw`
      INSERT INTO CustomerFieldValue (customerId, fieldId, textValue, numberValue, dateValue, boolValue, optionValues, updatedAt)
      VALUES ${Prisma.join(fieldValues)}
      ON DUPLICATE KEY UPDATE textValue = VALUES(textValue), numberValue = VALUES(numberValue), dateValue = VALUES(dateValue),
        boolValue = VALUES(boolValue), optionValues = VALUES(optionValues), updatedAt = VALUES(updatedAt)`;
  }

  if (touched.length) {
    const events = touched.map(
      ({ customerId, row, action }) => Prisma.sql`(${customerId}, 'imported', ${actorId}, ${JSON.stringify({ importId, action, row: row.rowNumber })}, NOW(3))`,
    );
    await tx.$executeRaw`INSERT INTO CustomerEvent (customerId, type, actorId, detail, createdAt) VALUES ${Prisma.join(events)}`;
  }

  return {
    created: plan.creates.length,
    updated: plan.updates.length,
    rejected: plan.rejects.map((row) => ({ rowNumber: row.rowNumber, reason: row.reject!, ...(row.rejectColumn ? { column: row.rejectColumn } : {}) })),
  };
}
