/**
 * The one wrapper of the web app's route handlers: the request id (the caller's `x-request-id`, else a new one) is
 * bound to everything the handler does (log lines, jobs it enqueues) and returned in the response's `x-request-id`;
 * the request is counted and timed under its route template (`/api/v1/channels/[channel]/messages`, never the raw
 * URL, so label values stay bounded).
 */
import { logger } from "../logger.ts";
import { metrics } from "./metrics.ts";
import { requestIdFrom, runWithRequestId } from "./request-context.ts";

export const REQUEST_ID_HEADER = "x-request-id";

/** Methods counted under their own name; anything else is counted as OTHER. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    // immutable headers (a fetched or redirect response): copy it
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}

export function instrumentRoute<A extends unknown[]>(route: string, handler: (request: Request, ...rest: A) => Promise<Response> | Response) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    const method = KNOWN_METHODS.has(request.method) ? request.method : "OTHER";
    const started = performance.now();
    let status = 500;
    try {
      const response = await runWithRequestId(requestId, () => handler(request, ...rest));
      status = response.status;
      return withRequestId(response, requestId);
    } catch (error) {
      // Next.js signals redirects and not-found by throwing; those are not failures of ours
      if (!isNextControlFlow(error)) runWithRequestId(requestId, () => logger.error({ err: error, route }, "route handler failed"));
      else status = 303;
      throw error;
    } finally {
      metrics().httpRequests.inc({ route, method, status: String(status) });
      metrics().httpDuration.observe({ route, method }, (performance.now() - started) / 1000);
    }
  };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = error && typeof error === "object" && "digest" in error ? String(error.digest) : "";
  return digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "DYNAMIC_SERVER_USAGE";
}
