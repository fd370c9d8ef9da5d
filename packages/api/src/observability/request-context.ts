/**
 * The request id of the work in hand, kept in async-local storage: set by the web's request wrapper (from the caller's
 * `x-request-id` or generated) and by the worker for each job (the id the job was enqueued under), read by the logger
 * (every line carries it) and by `enqueueJob` (a job written during a request remembers it).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
}

// One store per process, even when a bundler gives each route its own copy of this module.
const globalForContext = globalThis as unknown as { kefuRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.kefuRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** The longest request id taken from a caller; longer or odd ones are replaced by a generated id. */
export const REQUEST_ID_MAX_LENGTH = 64;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's id when it is a sane token (letters, digits, `._:-`, at most 64), else a new UUID. */
export function requestIdFrom(headerValue: string | null | undefined): string {
  const value = headerValue?.trim();
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
