import { checkHealth, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const dynamic = "force-dynamic";

async function handleGET() {
  const report = await checkHealth(getDb());
  return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}

export const GET = instrumentRoute("/api/health", handleGET);
