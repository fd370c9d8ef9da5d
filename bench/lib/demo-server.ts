/**
 * The production build with the demo data, for the browser benchmarks: the same server the end-to-end tests use
 * (`scripts/e2e-server.ts`: a fresh `kefu_e2e_<port>` database, soketi, the worker, `next start`), on the
 * benchmark's own ports.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { httpOk, isPortOpen, startProcess, waitFor } from "../../scripts/lib/processes.ts";
import { ROOT } from "../../scripts/lib/services.ts";

export async function startDemoServer(options: { port: number; pusherPort: number }): Promise<string> {
  if (!existsSync(join(ROOT, "apps/web/.next/BUILD_ID"))) throw new Error("No production build: run `pnpm build` first.");
  if (await isPortOpen(options.port)) throw new Error(`Port ${options.port} is already in use.`);
  startProcess("server", "pnpm", ["exec", "tsx", "scripts/e2e-server.ts"], {
    cwd: ROOT,
    env: { E2E_PORT: String(options.port), E2E_PUSHER_PORT: String(options.pusherPort) },
    quiet: true,
  });
  await waitFor(httpOk(`http://127.0.0.1:${options.port}/api/health`), "the demo server", 300_000);
  return `http://localhost:${options.port}`;
}

/** The 1-minute load average and the number of CPUs: the machine is shared, figures are read with it. */
export async function machineLoad(): Promise<{ loadAverage1m: number; cpus: number }> {
  const { loadavg, cpus } = await import("node:os");
  return { loadAverage1m: Math.round(loadavg()[0]! * 100) / 100, cpus: cpus().length };
}
