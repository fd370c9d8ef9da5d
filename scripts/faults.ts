/**
 * `pnpm test:faults` (after `pnpm build`): customers keep chatting while each process is killed with SIGKILL in turn
 * (the web server, the worker, soketi, the database server) and started again. Then the run checks that no
 * acknowledged customer message is lost or stored twice, that every one of them was answered, that the job outbox
 * drained (jobs of the killed worker included), and that a realtime client came back by itself; and measures the
 * time each process took to recover. Exits non-zero when a check fails.
 *
 * Everything is its own: a MariaDB server started here on a fresh data directory (`.data/faults-db`, port
 * FAULTS_DB_PORT 3391; killing the machine's shared server is not this test's business), soketi on FAULTS_PUSHER_PORT
 * (6042), `next start` on FAULTS_WEB_PORT (3330) and the worker. FAULTS_CUSTOMERS (12) customers, each sending a
 * question the bot answers every 300 ms and retrying a failed send with the same clientId, as the widget does.
 * Writes bench/results/faults.json.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { createConnection } from "mariadb";
import Pusher from "pusher";
import PusherClient from "pusher-js";
import { migrate } from "@kefu/db/migrate";
import { seedDemo } from "@kefu/db/seed";
import { KNOWLEDGE_EVALUATION_SET } from "../packages/api/src/services/knowledge/evaluation-set.ts";
import { indexKnowledge } from "./lib/knowledge.ts";
import { isPortOpen, waitFor } from "./lib/processes.ts";
import { ROOT } from "./lib/services.ts";

const WEB_PORT = Number(process.env.FAULTS_WEB_PORT ?? 3330);
const PUSHER_PORT = Number(process.env.FAULTS_PUSHER_PORT ?? 6042);
const DB_PORT = Number(process.env.FAULTS_DB_PORT ?? 3391);
const CUSTOMERS = Number(process.env.FAULTS_CUSTOMERS ?? 12);
const STEADY_MS = 6_000;
const RECOVERY_TIMEOUT_MS = 120_000;
const SEND_GIVE_UP_MS = 90_000;
const JOB_STALE_AFTER_SECONDS = 15;

if (!existsSync(join(ROOT, "apps", "web", ".next", "BUILD_ID"))) {
  console.error("pnpm test:faults runs the production build, and there is none: run `pnpm build` first.");
  process.exit(1);
}
for (const port of [WEB_PORT, PUSHER_PORT, DB_PORT]) {
  if (await isPortOpen(port)) {
    console.error(`Port ${port} is already in use (FAULTS_WEB_PORT, FAULTS_PUSHER_PORT, FAULTS_DB_PORT).`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------------------------ processes

/** A process this test starts, kills and starts again; each run in its own group, so the kill reaches its children. */
class Service {
  private child: ChildProcess | null = null;
  log = "";
  constructor(
    readonly name: string,
    /** the port it listens on, free again before a restart */
    private readonly port: number | null,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  start() {
    this.child = spawn(this.command, this.args, { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8_000));
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
  }

  async kill(signal: NodeJS.Signals = "SIGKILL") {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
    await exited;
    // the group's other members (next-server under pnpm) got the same signal: the port is free once they are gone
    if (this.port) await waitFor(async () => !(await isPortOpen(this.port!)), `${this.name}'s port to close`, 30_000);
  }
}

const dataDir = join(ROOT, ".data", "faults-db");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const which = (binary: string) => spawnSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" }).stdout.trim() || null;
const mariadbd = which("mariadbd") ?? (existsSync("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : null);
const installer = which("mariadb-install-db");
if (!mariadbd || !installer) {
  console.error("pnpm test:faults needs the MariaDB server binaries (mariadbd, mariadb-install-db).");
  process.exit(1);
}
const installed = spawnSync(
  installer,
  ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", `--user=${userInfo().username}`],
  { encoding: "utf8" },
);
if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr || installed.stdout}`);

const database = new Service("database", DB_PORT, mariadbd, [
  "--no-defaults",
  `--datadir=${dataDir}`,
  `--port=${DB_PORT}`,
  "--bind-address=127.0.0.1",
  `--socket=${join(dataDir, "mysqld.sock")}`,
  `--pid-file=${join(dataDir, "mysqld.pid")}`,
  `--user=${userInfo().username}`,
  "--skip-log-bin",
  "--character-set-server=utf8mb4",
  "--collation-server=utf8mb4_unicode_ci",
]);
const databaseUrl = `mysql://root@127.0.0.1:${DB_PORT}/kefu_faults`;
const realtime = { appId: "kefu", key: "faults-key", secret: "faults-realtime-secret", host: "127.0.0.1", port: PUSHER_PORT };
const secrets = {
  AUTH_SECRET: "faults-auth-secret-with-at-least-32-characters",
  AUDIT_HMAC_KEY: "faults-audit-hmac-key-0123456789",
  FIELD_ENCRYPTION_KEYS: "f1:ZmF1bHRzLWZpZWxkLWtleS0wMTIzNDU2Nzg5YWJjZGU=",
  LOOKUP_HASH_KEY: "faults-lookup-hash-key-0123456789",
  WIDGET_TOKEN_SECRET: "faults-widget-token-secret-0123456789",
};
Object.assign(process.env, secrets, { LOG_LEVEL: "warn" });
const baseUrl = `http://localhost:${WEB_PORT}`;
const appEnv = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: baseUrl,
  AUTH_URL: baseUrl,
  ...secrets,
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  JOB_STALE_AFTER_SECONDS: String(JOB_STALE_AFTER_SECONDS),
  PUSHER_APP_ID: realtime.appId,
  PUSHER_KEY: realtime.key,
  PUSHER_SECRET: realtime.secret,
  PUSHER_HOST: realtime.host,
  PUSHER_PORT: String(realtime.port),
};
const soketi = new Service("soketi", PUSHER_PORT, join(ROOT, "node_modules", ".bin", "soketi"), ["start"], {
  SOKETI_PORT: String(PUSHER_PORT),
  SOKETI_DEFAULT_APP_ID: realtime.appId,
  SOKETI_DEFAULT_APP_KEY: realtime.key,
  SOKETI_DEFAULT_APP_SECRET: realtime.secret,
  SOKETI_EVENT_MAX_SIZE_IN_KB: "10",
  SOKETI_METRICS_SERVER_PORT: String(PUSHER_PORT + 3600),
});
const worker = new Service("worker", null, "pnpm", ["--filter", "@kefu/worker", "start"], { ...appEnv, KEFU_SERVICE: "worker" });
const web = new Service("web", WEB_PORT, "pnpm", ["--filter", "@kefu/web", "start"], { ...appEnv, PORT: String(WEB_PORT), KEFU_SERVICE: "web" });
const services = [database, soketi, worker, web];

async function stopAll() {
  for (const service of [...services].reverse()) await service.kill("SIGTERM").catch(() => undefined);
}
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

const healthy = async () => (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3_000) })).status === 200;

// --------------------------------------------------------------------------------------------------------- set-up

database.start();
await waitFor(() => isPortOpen(DB_PORT), "the test's database server", 60_000);
console.log("faults: migrating and seeding …");
await migrate(databaseUrl);
await seedDemo(databaseUrl, { conversations: 200, customers: 60 });
await indexKnowledge(databaseUrl);
soketi.start();
await waitFor(() => isPortOpen(PUSHER_PORT), "soketi", 60_000);
worker.start();
web.start();
await waitFor(healthy, "the web server", 120_000);

// a client as the monitor holds one: private-monitor, authorised with the app's secret
const authorizer = new Pusher({ appId: realtime.appId, key: realtime.key, secret: realtime.secret, host: realtime.host, port: String(realtime.port) });
const client = new PusherClient(realtime.key, {
  cluster: "mt1",
  wsHost: realtime.host,
  wsPort: realtime.port,
  forceTLS: false,
  enabledTransports: ["ws"],
  channelAuthorization: {
    endpoint: "/unused",
    transport: "ajax",
    customHandler: (params, callback) => callback(null, authorizer.authorizeChannel(params.socketId, params.channelName)),
  },
});
let lastLiveEventAt = 0;
client.subscribe("private-monitor").bind("monitor.message", () => (lastLiveEventAt = Date.now()));

// --------------------------------------------------------------------------------------------------------- customers

const acknowledged = new Set<string>();
const givenUp: string[] = [];
let sent = 0;
let failedAttempts = 0;
let running = true;

async function customer(n: number) {
  const ip = `10.99.${(n >> 8) & 255}.${n & 255}`;
  const headers: Record<string, string> = { origin: baseUrl, "x-forwarded-for": ip, "content-type": "application/json" };
  let token: string | null = null;
  while (running && !token) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/widget/session`, { method: "POST", headers, body: "{}", signal: AbortSignal.timeout(10_000) });
      if (response.ok) token = ((await response.json()) as { token: string }).token;
    } catch {
      // the server is down: try again
    }
    if (!token) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!token) return;
  headers.authorization = `Visitor ${token}`;
  for (let i = 0; running; i++) {
    const clientId = randomUUID();
    const body = KNOWLEDGE_EVALUATION_SET[(n * 7 + i) % KNOWLEDGE_EVALUATION_SET.length]!.question;
    sent++;
    const deadline = Date.now() + SEND_GIVE_UP_MS;
    let ok = false;
    while (!ok && Date.now() < deadline) {
      try {
        const response = await fetch(`${baseUrl}/api/v1/widget/messages`, {
          method: "POST",
          headers,
          body: JSON.stringify({ clientId, body }),
          signal: AbortSignal.timeout(15_000),
        });
        ok = response.ok;
        if (!ok && response.status < 500 && response.status !== 429) throw new Error(`customer ${n}: ${response.status} ${await response.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(`customer ${n}:`)) throw error;
      }
      if (!ok) {
        failedAttempts++;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    if (ok) acknowledged.add(clientId);
    else givenUp.push(clientId);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// --------------------------------------------------------------------------------------------------------- faults

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const recoveries: { target: string; recoveredMs: number; what: string }[] = [];

async function nextAcknowledged() {
  const before = acknowledged.size;
  await waitFor(() => Promise.resolve(acknowledged.size > before), "an acknowledged message", RECOVERY_TIMEOUT_MS);
}

async function pendingDueJobs(): Promise<number> {
  const connection = await createConnection({ host: "127.0.0.1", port: DB_PORT, user: "root", database: "kefu_faults" });
  try {
    const [row] = await connection.query<{ n: bigint }[]>(
      "SELECT COUNT(*) AS n FROM `Job` WHERE status IN ('PENDING', 'RUNNING') AND runAt <= NOW(3) - INTERVAL 2 SECOND",
    );
    return Number(row!.n);
  } finally {
    await connection.end();
  }
}

const load = Array.from({ length: CUSTOMERS }, (_, i) => customer(i + 1));
const loadDone = Promise.all(load);
let failure: unknown = null;
try {
  await sleep(STEADY_MS);

  for (const [service, what] of [
    [web, "health 200 and the next message acknowledged"],
    [worker, "every due job done, the killed worker's included"],
    [soketi, "a live event at the realtime client again"],
    [database, "health 200 and the next message acknowledged"],
  ] as const) {
    console.log(`faults: SIGKILL ${service.name}`);
    const killedAt = Date.now();
    await service.kill("SIGKILL");
    await sleep(1_000);
    service.start();
    if (service === web || service === database) {
      await waitFor(healthy, `${service.name} to recover`, RECOVERY_TIMEOUT_MS);
      await nextAcknowledged();
    } else if (service === worker) {
      await sleep(2_000);
      await waitFor(async () => (await pendingDueJobs()) === 0, "the outbox to drain", RECOVERY_TIMEOUT_MS);
    } else {
      const since = Date.now();
      await waitFor(() => Promise.resolve(lastLiveEventAt > since), "a live event after soketi's restart", RECOVERY_TIMEOUT_MS);
    }
    const recoveredMs = Date.now() - killedAt;
    recoveries.push({ target: service.name, recoveredMs, what });
    console.log(`faults: ${service.name} recovered in ${(recoveredMs / 1000).toFixed(1)} s (${what})`);
    await sleep(STEADY_MS);
  }
} catch (error) {
  failure = error;
} finally {
  running = false;
}
await loadDone.catch((error: unknown) => (failure ??= error));

// --------------------------------------------------------------------------------------------------------- checks

const checks: { name: string; ok: boolean; detail: string }[] = [];
const connection = await createConnection({ host: "127.0.0.1", port: DB_PORT, user: "root", database: "kefu_faults" });
try {
  await waitFor(async () => (await pendingDueJobs()) === 0, "the outbox to drain at the end", RECOVERY_TIMEOUT_MS).catch(() => undefined);
  const ids = [...acknowledged];
  const rows = ids.length
    ? await connection.query<{ clientId: string; n: bigint }[]>(
        "SELECT clientId, COUNT(*) AS n FROM `Message` WHERE senderType = 'CUSTOMER' AND clientId IN (?) GROUP BY clientId",
        [ids],
      )
    : [];
  const stored = new Map(rows.map((r) => [r.clientId, Number(r.n)]));
  const lost = ids.filter((id) => !stored.has(id));
  const doubled = [...stored].filter(([, n]) => n > 1);
  checks.push({ name: "no acknowledged message lost", ok: lost.length === 0, detail: `${ids.length} acknowledged, ${lost.length} without a row` });
  checks.push({ name: "no message stored twice", ok: doubled.length === 0, detail: `${doubled.length} clientIds with more than one row` });
  const [unanswered] = ids.length
    ? await connection.query<{ n: bigint }[]>(
        // conversations handed to the queue wait for a person, whom this test does not play
        "SELECT COUNT(*) AS n FROM `Message` m JOIN `Conversation` c ON c.id = m.conversationId " +
          "WHERE m.senderType = 'CUSTOMER' AND m.clientId IN (?) AND c.status = 'BOT' AND NOT EXISTS " +
          "(SELECT 1 FROM `Message` a WHERE a.conversationId = m.conversationId AND a.id > m.id AND a.senderType IN ('BOT', 'AGENT', 'SYSTEM'))",
        [ids],
      )
    : [{ n: 0n }];
  checks.push({
    name: "every acknowledged message answered",
    ok: Number(unanswered!.n) === 0,
    detail: `${Number(unanswered!.n)} customer messages in conversations still with the bot with nothing after them`,
  });
  const jobs = await connection.query<{ status: string; n: bigint }[]>("SELECT status, COUNT(*) AS n FROM `Job` GROUP BY status");
  const byStatus = Object.fromEntries(jobs.map((j) => [j.status, Number(j.n)]));
  const due = await pendingDueJobs();
  checks.push({ name: "the outbox drained (jobs of the killed worker resumed)", ok: due === 0, detail: `${due} due jobs left; ${JSON.stringify(byStatus)}` });
  checks.push({ name: "the realtime client reconnected by itself", ok: client.connection.state === "connected", detail: client.connection.state });
  checks.push({
    name: "every process recovered",
    ok: failure === null && recoveries.length === 4,
    detail: failure instanceof Error ? failure.message : failure ? JSON.stringify(failure) : `${recoveries.length} of 4`,
  });
} finally {
  await connection.end();
  client.disconnect();
  await stopAll();
}

const ok = checks.every((c) => c.ok);
const result = {
  at: new Date().toISOString(),
  customers: CUSTOMERS,
  sent,
  acknowledged: acknowledged.size,
  givenUp: givenUp.length,
  failedAttempts,
  recoveries,
  checks,
  ok,
};
mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
writeFileSync(join(ROOT, "bench", "results", "faults.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nfaults: ${sent} messages sent, ${acknowledged.size} acknowledged, ${givenUp.length} given up, ${failedAttempts} failed attempts retried`);
for (const r of recoveries) console.log(`  ${r.target.padEnd(9)} recovered in ${(r.recoveredMs / 1000).toFixed(1)} s: ${r.what}`);
for (const c of checks) console.log(`  ${c.ok ? "✓" : "✗"} ${c.name}: ${c.detail}`);
if (!ok) for (const service of services) console.log(`\n--- ${service.name} (last output)\n${service.log.slice(-2_000)}`);
rmSync(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
