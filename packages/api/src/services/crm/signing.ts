/**
 * Outgoing CRM requests are signed: `x-kefu-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` keyed by
 * the connection's secret (its UTF-8 bytes), `x-kefu-timestamp` in Unix seconds. Receivers recompute it and refuse
 * timestamps more than a few minutes off.
 */
import { createHmac, randomBytes } from "node:crypto";
import { CRM_SIGNATURE_HEADER, CRM_TIMESTAMP_HEADER } from "../../contracts/crm.ts";

export function generateCrmSecret(): string {
  return `crm_${randomBytes(32).toString("base64url")}`;
}

export function signCrmRequest(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex")}`;
}

export function crmHeaders(secret: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": "Kefu-CRM/1",
    [CRM_TIMESTAMP_HEADER]: String(timestampSeconds),
    [CRM_SIGNATURE_HEADER]: signCrmRequest(secret, timestampSeconds, body),
  };
}
