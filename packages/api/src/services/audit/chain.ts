/**
 * The audit log is append-only and hash-chained: each row's hash is
 * HMAC(key, previous hash ‖ canonical row), so editing, deleting or inserting a row breaks every
 * later link, and database write access alone cannot rebuild the chain without the key.
 */
import { createHmac } from "node:crypto";
import type { AuditResult } from "@kefu/db";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  actorId: number | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
  createdAt: Date;
}

/** JSON with object keys sorted, so a value read back from the database hashes the same. */
export function stableStringify(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(key: string, prevHash: string, row: ChainedFields): string {
  const canonical = stableStringify([
    row.actorId,
    row.actorLabel,
    row.action,
    row.targetType,
    row.targetId,
    row.result,
    row.ip,
    row.userAgent,
    row.detail ?? null,
    row.createdAt.toISOString(),
  ]);
  return createHmac("sha256", key).update(prevHash).update("\n").update(canonical).digest("hex");
}
