/**
 * The "test connection" button: one signed look-up for a customer no CRM has (`id` 0), outside the cache and the
 * breaker, reporting what came back. 2xx and 404 both prove the endpoint answers and accepted the signature.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { privateWebhookUrlsAllowed } from "../webhook/index.ts";
import { loadCrmConnection } from "./connection.ts";
import { postToCrm } from "./http.ts";

export async function testCrmConnection(db: Db, options: { now?: Date; allowPrivate?: boolean } = {}) {
  const connection = await loadCrmConnection(db);
  if (!connection) throw new AppError("CRM_NOT_CONFIGURED", { field: "enabled" });
  const response = await postToCrm({
    url: connection.lookupUrl,
    secret: connection.secret,
    body: { customer: { id: 0, externalId: null, phone: null, email: null, name: "connection test" }, test: true },
    timeoutMs: connection.timeoutMs,
    allowPrivate: options.allowPrivate ?? privateWebhookUrlsAllowed(),
    now: options.now,
  });
  const ok = response.status !== null && ((response.status >= 200 && response.status < 300) || response.status === 404);
  return { ok, status: response.status, error: ok ? null : (response.error ?? `HTTP ${response.status}`), durationMs: response.durationMs };
}
