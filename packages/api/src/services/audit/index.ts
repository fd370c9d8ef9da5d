// The hash-chained audit log: appending, reading, verifying.
export { appendAudit, redactForAudit, type AuditEntry } from "./append.ts";
export { verifyAuditChain, type ChainVerdict } from "./verify.ts";
