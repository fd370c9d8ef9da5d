/**
 * `pnpm start:cluster` (after `pnpm build`): the fleet topology on one machine, without containers. A load balancer
 * on PORT in front of CLUSTER_WEB_INSTANCES separate `next start` instances (PORT+1, PORT+2, …), CLUSTER_WORKERS
 * workers, soketi, Redis (rate limits counted across instances) and the database. Each instance is its own
 * process tree with nothing shared in memory, as on separate machines: sessions are JWTs signed with AUTH_SECRET,
 * rate limits live in Redis, realtime events go through soketi, jobs are claimed with SKIP LOCKED.
 *
 *   pnpm build && pnpm start:cluster            # production secrets from the environment, as for `pnpm start`
 *   pnpm start:cluster -- --demo                # writes the demo data first when the database is empty
 *   pnpm start:cluster -- --demo=300            # … with 300 conversations instead of the demo's 20,000
 *
 * REDIS_URL when set; else a Redis already listening on 127.0.0.1:6379; else a `redis-server` started here on
 * CLUSTER_REDIS_PORT (6390) without persistence. Ctrl-C stops everything it started.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "@kefu/db/migrate";
import { isSeeded, seedDemo } from "@kefu/db/seed";
import { checkSeededConversations } from "./lib/autoqa.ts";
import { createBalancer } from "./lib/balancer.ts";
import { indexKnowledge } from "./lib/knowledge.ts";
import { httpOk, isPortOpen, onShutdown, shutdown, startProcess, waitFor } from "./lib/processes.ts";
import { rollUpSeededConversations } from "./lib/reports.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, resolveDatabaseUrl, ROOT } from "./lib/services.ts";

const port = Number(process.env.PORT ?? 3000);
const webInstances = wholeNumber("CLUSTER_WEB_INSTANCES", 2);
const workers = wholeNumber("CLUSTER_WORKERS", 2);

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 16) throw new Error(`${name}: expected a whole number from 1 to 16, got "${raw}"`);
  return value;
}

async function resolveRedisUrl(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (await isPortOpen(6379)) return "redis://127.0.0.1:6379";
  const redisPort = Number(process.env.CLUSTER_REDIS_PORT ?? 6390);
  if (!(await isPortOpen(redisPort))) {
    startProcess("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { quiet: true });
    await waitFor(() => isPortOpen(redisPort), `redis-server on port ${redisPort}`);
  }
  return `redis://127.0.0.1:${redisPort}`;
}

try {
  if (!existsSync(join(ROOT, "apps", "web", ".next", "BUILD_ID"))) throw new Error("No production build: run `pnpm build` first.");
  const databaseUrl = await resolveDatabaseUrl();
  await migrate(databaseUrl, { log: (line) => console.log(`database │ ${line}`) });
  const demo = process.argv.find((arg) => arg === "--demo" || arg.startsWith("--demo="));
  if (demo && !(await isSeeded(databaseUrl))) {
    console.log("database │ empty: writing demo data …");
    const conversations = demo.includes("=") ? Number(demo.split("=")[1]) : undefined;
    const customers = conversations ? Math.max(50, Math.ceil(conversations / 3)) : undefined;
    await seedDemo(databaseUrl, { conversations, customers, log: (line) => console.log(`seed     │ ${line}`) });
    await indexKnowledge(databaseUrl);
    await checkSeededConversations(databaseUrl);
    await rollUpSeededConversations(databaseUrl);
  }
  const redisUrl = await resolveRedisUrl();
  const realtime = realtimeSettings();
  await ensureSoketi(realtime);
  const publicUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NEXTAUTH_URL: publicUrl,
    AUTH_URL: process.env.AUTH_URL ?? publicUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    ...realtimeEnv(realtime),
  };
  for (let i = 1; i <= workers; i++)
    startProcess(`worker-${i}`, "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
  const upstreams = Array.from({ length: webInstances }, (_, i) => ({ name: `web-${i + 1}`, port: port + i + 1 }));
  for (const upstream of upstreams)
    startProcess(upstream.name, "pnpm", ["--filter", "@kefu/web", "start"], { env: { ...env, PORT: String(upstream.port), KEFU_SERVICE: "web" }, cwd: ROOT });
  await Promise.all(upstreams.map((u) => waitFor(httpOk(`http://127.0.0.1:${u.port}/api/health`), u.name, 120_000)));

  const balancer = createBalancer(upstreams);
  await new Promise<void>((resolve, reject) => balancer.once("error", reject).listen(port, resolve));
  onShutdown(() => new Promise<void>((resolve) => balancer.close(() => resolve())));
  console.log(
    `\n  Kefu Console (cluster) is serving on port ${port}: ${webInstances} web instances (ports ${upstreams.map((u) => u.port).join(", ")}), ` +
      `${workers} worker${workers > 1 ? "s" : ""}, soketi on ${realtime.port}, Redis ${redisUrl}. Ctrl-C stops it.\n`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
