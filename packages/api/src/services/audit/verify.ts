import type { Db } from "@kefu/db/client";
import { apiEnv } from "../../env.ts";
import { chainHash, GENESIS_HASH } from "./chain.ts";

export type ChainVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: "prev_hash_mismatch" | "hash_mismatch" | "head_mismatch" };

/** Walks the whole chain in id order and reports the first broken link. */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  const key = apiEnv().AUDIT_HMAC_KEY;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.auditLog.findMany({ where: { id: { gt: lastId } }, orderBy: { id: "asc" }, take: batchSize });
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAtId: row.id, reason: "prev_hash_mismatch" };
      if (chainHash(key, prevHash, row) !== row.hash) return { ok: false, rows, brokenAtId: row.id, reason: "hash_mismatch" };
      prevHash = row.hash;
      lastId = row.id;
    }
    if (batch.length < batchSize) break;
  }
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  // Deleting the newest rows leaves a valid-looking chain; the head remembers where it ended.
  if (head && (head.lastHash !== prevHash || head.lastId !== lastId)) return { ok: false, rows, brokenAtId: head.lastId, reason: "head_mismatch" };
  return { ok: true, rows };
}
