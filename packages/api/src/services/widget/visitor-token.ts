/**
 * Anonymous chat-widget visitors keep their conversation across reloads with a signed token:
 * `v1.<visitorId>.<issuedAt>.<hmac>`. The visitor id is random; the HMAC makes it unforgeable.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { apiEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";

const MAX_AGE_MS = 180 * 24 * 3_600_000;

function sign(payload: string): string {
  return createHmac("sha256", apiEnv().WIDGET_TOKEN_SECRET).update(payload).digest("base64url");
}

export function issueVisitorToken(visitorId = randomBytes(16).toString("base64url"), issuedAt = Date.now()): { token: string; visitorId: string } {
  const payload = `v1.${visitorId}.${issuedAt.toString(36)}`;
  return { token: `${payload}.${sign(payload)}`, visitorId };
}

/** The visitor id in a valid token; INVALID_VISITOR_TOKEN otherwise (forged, malformed or older than 180 days). */
export function verifyVisitorToken(token: string | null | undefined, now = Date.now()): string {
  const parts = token?.split(".") ?? [];
  if (parts.length !== 4 || parts[0] !== "v1" || !/^[A-Za-z0-9_-]{16,64}$/.test(parts[1]!)) throw new AppError("INVALID_VISITOR_TOKEN", { field: "token" });
  const payload = parts.slice(0, 3).join(".");
  const expected = Buffer.from(sign(payload));
  const actual = Buffer.from(parts[3]!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new AppError("INVALID_VISITOR_TOKEN", { field: "token" });
  const issuedAt = parseInt(parts[2]!, 36);
  if (!Number.isFinite(issuedAt) || now - issuedAt > MAX_AGE_MS) throw new AppError("INVALID_VISITOR_TOKEN", { field: "token" });
  return parts[1]!;
}
