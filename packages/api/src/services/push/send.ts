/**
 * One web push delivery (RFC 8030) with an aes128gcm-encrypted payload (RFC 8291) and a VAPID signature (RFC 8292).
 * `web-push` builds the encrypted request; it is sent with fetch so a slow push service cannot hold a worker for long.
 */
import webpush from "web-push";
import { apiEnv } from "../../env.ts";
import type { VapidKeys } from "./vapid.ts";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushOptions {
  /** how long the push service keeps an undelivered message, in seconds */
  ttlSeconds: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** a newer message with the same topic replaces an undelivered older one (≤ 32 base64url characters) */
  topic?: string;
}

export type PushOutcome =
  | { status: "delivered" }
  /** the subscription expired or was revoked (404, 410): forget it */
  | { status: "gone"; httpStatus: number }
  /** refused for good (other 4xx): retrying will not help */
  | { status: "rejected"; httpStatus: number; reason: string }
  /** the push service was unreachable, overloaded (429) or failing (5xx): worth retrying */
  | { status: "failed"; reason: string };

const SEND_TIMEOUT_MS = 10_000;

export async function sendWebPush(target: PushTarget, payload: unknown, vapid: VapidKeys, options: PushOptions): Promise<PushOutcome> {
  const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
    vapidDetails: { subject: apiEnv().PUSH_CONTACT, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: options.ttlSeconds,
    urgency: options.urgency,
    contentEncoding: "aes128gcm",
    ...(options.topic ? { topic: options.topic } : {}),
  });
  // fetch sets the length from the body itself.
  const headers = Object.fromEntries(
    Object.entries(details.headers)
      .filter(([name]) => name.toLowerCase() !== "content-length")
      .map(([name, value]) => [name, String(value)]),
  );
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  const text = response.ok ? "" : (await response.text().catch(() => "")).slice(0, 200);
  if (response.ok) return { status: "delivered" };
  if (response.status === 404 || response.status === 410) return { status: "gone", httpStatus: response.status };
  if (response.status === 429 || response.status >= 500) return { status: "failed", reason: `HTTP ${response.status} ${text}`.trim() };
  return { status: "rejected", httpStatus: response.status, reason: text };
}
