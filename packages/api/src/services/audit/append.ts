import type { AuditResult, Db, Prisma } from "@kefu/db/client";
import { apiEnv } from "../../env.ts";
import { chainHash, GENESIS_HASH, type ChainedFields } from "./chain.ts";

export interface AuditEntry {
  actorId?: number | null;
  actorLabel?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  result?: AuditResult;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Prisma.InputJsonValue | null;
}

type Tx = Prisma.TransactionClient;

// `p256dh` and `auth`: the keys of a browser's push subscription.
const SENSITIVE_KEY = /password|secret|token|code|idNumber|phone|^p256dh$|^auth$/i;

/** Copies an input for the audit detail with secrets and personal data removed. */
export function redactForAudit(value: unknown, depth = 0): Prisma.InputJsonValue | null {
  if (value === null || value === undefined || depth > 4) return null;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactForAudit(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SENSITIVE_KEY.test(key) ? "[redacted]" : redactForAudit(v, depth + 1);
    }
    return out;
  }
  if (typeof value === "string") return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

async function appendInTransaction(tx: Tx, entry: AuditEntry) {
  // The head row (created by a migration) serialises appends: concurrent writers queue on its lock.
  let [head] = await tx.$queryRaw<{ lastHash: string }[]>`SELECT lastHash FROM AuditChainHead WHERE id = 1 FOR UPDATE`;
  if (!head) {
    await tx.$executeRaw`INSERT IGNORE INTO AuditChainHead (id, lastId, lastHash) VALUES (1, 0, ${GENESIS_HASH})`;
    [head] = await tx.$queryRaw<{ lastHash: string }[]>`SELECT lastHash FROM AuditChainHead WHERE id = 1 FOR UPDATE`;
  }
  const prevHash = head?.lastHash ?? GENESIS_HASH;
  const fields: ChainedFields = {
    actorId: entry.actorId ?? null,
    actorLabel: entry.actorLabel?.slice(0, 64) ?? null,
    action: entry.action.slice(0, 64),
    targetType: entry.targetType?.slice(0, 32) ?? null,
    targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId).slice(0, 64),
    result: entry.result ?? "SUCCESS",
    ip: entry.ip?.slice(0, 45) ?? null,
    userAgent: entry.userAgent?.slice(0, 255) ?? null,
    detail: entry.detail ?? null,
    createdAt: new Date(),
  };
  const hash = chainHash(apiEnv().AUDIT_HMAC_KEY, prevHash, fields);
  const row = await tx.auditLog.create({
    data: { ...fields, detail: fields.detail === null ? undefined : (fields.detail as Prisma.InputJsonValue), prevHash, hash },
    select: { id: true },
  });
  await tx.auditChainHead.update({ where: { id: 1 }, data: { lastId: row.id, lastHash: hash } });
  return row.id;
}

/**
 * Appends one audit row. Pass a transaction client to make the row commit with the change it
 * records; pass the db client to append on its own.
 */
export async function appendAudit(db: Db | Tx, entry: AuditEntry): Promise<number> {
  if ("$transaction" in db) return db.$transaction((tx) => appendInTransaction(tx, entry));
  return appendInTransaction(db, entry);
}
