/**
 * Starting the production web server (`next start`) for `pnpm start`, the end-to-end server and the benchmarks:
 * one process, or WEB_CONCURRENCY processes sharing the port through a Node cluster (web-cluster.ts).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { startProcess } from "./processes.ts";
import { ROOT } from "./services.ts";

/** WEB_CONCURRENCY, else one web process per core in production and one in development. */
export function webConcurrency(env: NodeJS.ProcessEnv = process.env, production = env.NODE_ENV === "production"): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return production ? availableParallelism() : 1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new Error(`WEB_CONCURRENCY: expected a whole number from 1 to 64, got "${raw}"`);
  return value;
}

/** Starts `next start` on `port` in `concurrency` processes (the production build must exist). */
export function startWeb(port: number, env: NodeJS.ProcessEnv, concurrency = 1) {
  const webEnv = { ...env, PORT: String(port), KEFU_SERVICE: "web" };
  if (concurrency <= 1) return startProcess("web", "pnpm", ["--filter", "@kefu/web", "start"], { env: webEnv, cwd: ROOT });
  return startProcess("web", join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "lib", "web-cluster.ts"), String(port), String(concurrency)], {
    env: webEnv,
    cwd: join(ROOT, "apps", "web"),
  });
}
