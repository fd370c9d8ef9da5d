/**
 * GET /api/metrics: the Prometheus text exposition of this process (request and procedure counters, job and realtime
 * counters, scrape-time gauges of the queue, agents, outbox, database and disk, process metrics).
 *
 * Protection: with METRICS_TOKEN set, `Authorization: Bearer <token>` is required (401 otherwise). Without it the
 * endpoint is open in development and tests, and answers 404 in production, as if it did not exist: a deployment
 * that wants metrics sets the token.
 */
import { timingSafeEqual } from "node:crypto";
import path from "node:path";
import { defaultBackupDir } from "@kefu/db/backup";
import type { Db } from "@kefu/db/client";
import { apiEnv } from "../env.ts";
import { defaultAttachmentsDir } from "../services/attachment/index.ts";
import { renderMetrics } from "../observability/metrics.ts";
import { registerOperationalGauges, type OperationalGaugeOptions } from "../services/operations/index.ts";
import { errorResponse } from "./http.ts";

export interface MetricsAccess {
  token: string | undefined;
  production: boolean;
}

/** Whether the request may read the metrics: a Response to send back when it may not. */
export function checkMetricsAccess(request: Request | { headers: Headers }, access: MetricsAccess): Response | null {
  if (!access.token) return access.production ? errorResponse("NOT_FOUND", { message: "not found" }) : null;
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  const expected = Buffer.from(access.token);
  const actual = Buffer.from(given);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return null;
  return errorResponse("UNAUTHORIZED", { field: "authorization", message: "authorization: a valid metrics bearer token is required" });
}

export async function handleMetrics(db: Db, request: Request, access: MetricsAccess, gauges: OperationalGaugeOptions): Promise<Response> {
  const refused = checkMetricsAccess(request, access);
  if (refused) return refused;
  registerOperationalGauges(db, gauges);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}

/** Access rule, gauge settings and the worker's listener from the environment (METRICS_TOKEN, BACKUP_DIR, ATTACHMENTS_DIR, AUTH_URL, WORKER_METRICS_*). */
export function metricsSettingsFromEnv(): { access: MetricsAccess; gauges: OperationalGaugeOptions; worker: { port: number; host: string } | null } {
  const env = apiEnv();
  const backupDir = path.resolve(env.BACKUP_DIR ?? defaultBackupDir());
  const diskPaths = [backupDir];
  if (env.ATTACHMENTS_STORAGE === "local") diskPaths.unshift(path.resolve(env.ATTACHMENTS_DIR ?? defaultAttachmentsDir()));
  return {
    access: { token: env.METRICS_TOKEN, production: env.NODE_ENV === "production" },
    gauges: { diskPaths, backupDir, publicUrl: env.AUTH_URL ?? null },
    worker: env.WORKER_METRICS_PORT ? { port: env.WORKER_METRICS_PORT, host: env.WORKER_METRICS_HOST } : null,
  };
}
