// The hash-chained audit log: appending, reading, verifying.
export { appendAudit, redactForAudit, type AuditEntry } from "./append.ts";
