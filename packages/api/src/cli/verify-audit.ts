// `pnpm audit:verify`: walks the audit hash chain and reports the first broken link (exit 1).
import { getDb } from "@kefu/db/client";
import { verifyAuditChain } from "../services/audit/verify.ts";

const db = getDb();
try {
  const verdict = await verifyAuditChain(db);
  if (verdict.ok) {
    console.log(`Audit chain intact: ${verdict.rows} rows verified.`);
  } else {
    console.error(`Audit chain broken at row ${verdict.brokenAtId} (${verdict.reason}); ${verdict.rows} rows read.`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
