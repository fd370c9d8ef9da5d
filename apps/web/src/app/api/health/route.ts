import { checkHealth } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(getDb());
  return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
