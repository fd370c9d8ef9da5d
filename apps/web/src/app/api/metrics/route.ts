import { handleMetrics, instrumentRoute, metricsSettingsFromEnv } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint (bearer METRICS_TOKEN; 404 in production without one). */
async function handleGET(request: Request) {
  const { access, gauges } = metricsSettingsFromEnv();
  return handleMetrics(getDb(), request, access, gauges);
}

export const GET = instrumentRoute("/api/metrics", handleGET);
