/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a `whsec_` secret is base64 of 32 random bytes;
 * `webhook-signature` is `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed by those bytes, one per
 * valid secret, separated by spaces.
 */
import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** A new message id for the `webhook-id` header: `msg_` and 26 url-safe characters. */
export function newWebhookMessageId(): string {
  return `msg_${randomBytes(20).toString("base64url").slice(0, 26)}`;
}

export function signWebhook(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** The three headers of one attempt, signed with every secret given (the current one first). */
export function webhookHeaders(secrets: readonly string[], messageId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Kefu-Webhooks/1",
    "webhook-id": messageId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": secrets.map((secret) => signWebhook(secret, messageId, timestampSeconds, body)).join(" "),
  };
}
