/**
 * `pnpm start` (after `pnpm build`): the production path on one machine. Applies migrations,
 * starts soketi when the realtime host is this machine, then the worker and `next start` in
 * WEB_CONCURRENCY processes on one port (default: one per core).
 * At scale, run the web app, the worker and the realtime server as separate services (README).
 */
import { migrate } from "@kefu/db/migrate";
import { httpOk, shutdown, startProcess, waitFor } from "./lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, resolveDatabaseUrl, ROOT } from "./lib/services.ts";
import { startWeb, webConcurrency } from "./lib/web.ts";

const port = Number(process.env.PORT ?? 3000);

try {
  const databaseUrl = await resolveDatabaseUrl();
  await migrate(databaseUrl, { log: (line) => console.log(`database │ ${line}`) });
  const realtime = realtimeSettings();
  await ensureSoketi(realtime);
  const env = { NODE_ENV: "production", DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", ...realtimeEnv(realtime) };
  startProcess("worker", "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
  const processes = webConcurrency(process.env, true);
  startWeb(port, env, processes);
  await waitFor(httpOk(`http://127.0.0.1:${port}/api/health`), "the web server", 120_000);
  console.log(`\n  Kefu Console is serving on port ${port} (${processes} web process${processes > 1 ? "es" : ""}). Ctrl-C stops it.\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
