/**
 * Shared plumbing of the plain REST endpoints outsiders call: JSON answers, one error shape
 * `{ error: { code, message, field } }` with the right 4xx status, and the same-origin check the console uses.
 * Framework-agnostic: handlers take a standard `Request` and return a `Response`, so tests drive them directly.
 */
import { ZodError } from "zod";
import { AppError, APP_ERRORS, type AppErrorCode } from "../errors.ts";
import { logger } from "../logger.ts";
import { getRateLimiter } from "../services/rate-limit/index.ts";

const STATUS_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
} as const satisfies Record<(typeof APP_ERRORS)[AppErrorCode], number>;

const NO_STORE = { "Cache-Control": "no-store" };

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(code: AppErrorCode, options: { field?: string; message?: string; headers?: Record<string, string> } = {}): Response {
  const status = STATUS_CODES[APP_ERRORS[code]];
  return json({ error: { code, message: options.message ?? code, field: options.field ?? null } }, status, options.headers);
}

/** Errors a handler may throw: AppError and zod errors are the caller's fault (4xx); anything else is logged as 500. */
export function toErrorResponse(error: unknown, fieldMap: Record<string, string> = {}): Response {
  if (error instanceof AppError) {
    const field = error.field ? (fieldMap[error.field] ?? error.field) : undefined;
    return errorResponse(error.code, { field, message: error.message === error.code ? messageFor(error.code, field) : error.message });
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    return errorResponse("INVALID_INPUT", { field: fieldMap[field] ?? field, message: `${fieldMap[field] ?? field}: ${issue?.message ?? "invalid"}` });
  }
  logger.error({ err: error }, "REST handler failed");
  return json({ error: { code: "INTERNAL", message: "Internal error", field: null } }, 500);
}

function messageFor(code: AppErrorCode, field: string | undefined): string {
  return field ? `${field}: ${code}` : code;
}

/** Runs a handler and turns whatever it throws into the error shape. */
export async function run(handler: () => Promise<Response>, fieldMap?: Record<string, string>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return toErrorResponse(error, fieldMap);
  }
}

/** The request's JSON object body; a malformed or non-object body is INVALID_INPUT on field "body". */
export async function readJson(request: Request, maxBytes = 64 * 1024): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: unreadable" });
  }
  if (text.length > maxBytes) throw new AppError("INVALID_INPUT", { field: "body", message: "body: too large" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: malformed JSON" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: expected a JSON object" });
  return value as Record<string, unknown>;
}

/** The client's address as the proxy in front of us reports it (first X-Forwarded-For hop). */
export function requestIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

/**
 * Mutations must come from our own pages (next-auth's CSRF token covers only its own routes).
 * Same-origin means the Origin header's host is this request's host (or the configured public URL).
 */
export function isSameOrigin(headers: Headers, publicUrl?: string): boolean {
  const origin = headers.get("origin");
  if (!origin) return headers.get("sec-fetch-site") === "same-origin";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  let publicHost: string | null = null;
  try {
    publicHost = publicUrl ? new URL(publicUrl).host : null;
  } catch {
    publicHost = null;
  }
  const hosts = [headers.get("x-forwarded-host"), headers.get("host"), publicHost].filter(Boolean);
  return hosts.includes(originHost);
}

/** Counts a hit; RATE_LIMITED (429 with Retry-After) past the limit. */
export async function rateLimit(key: string, limit: number, windowSeconds: number): Promise<Response | null> {
  const result = await getRateLimiter().hit(key, limit, windowSeconds);
  if (result.allowed) return null;
  return errorResponse("RATE_LIMITED", { message: "too many requests", headers: { "Retry-After": String(result.retryAfterSeconds) } });
}

/** A positive integer query parameter (a message id); absent → undefined; anything else INVALID_INPUT naming it. */
export function idParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new AppError("INVALID_INPUT", { field: name, message: `${name}: expected a non-negative integer` });
  return Number(raw);
}
