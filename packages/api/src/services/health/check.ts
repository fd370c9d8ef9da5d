import type { Db } from "@kefu/db/client";
import { getPusher } from "../../realtime/pusher.ts";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs: number; error?: string };
  realtime: { ok: boolean; latencyMs: number; error?: string };
}

async function timed(probe: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message.slice(0, 200) : "unreachable" };
  }
}

/** Database and realtime reachability for `/api/health`; the database being down means the service is down. */
export async function checkHealth(db: Db): Promise<HealthReport> {
  const [database, realtime] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`),
    timed(async () => {
      const response = await getPusher().get({ path: "/channels" });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    }),
  ]);
  return { status: !database.ok ? "down" : realtime.ok ? "ok" : "degraded", database, realtime };
}
