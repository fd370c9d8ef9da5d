/**
 * Load: simulated customers on the chat widget's API and simulated agents (signed-in sessions on tRPC with their
 * realtime subscriptions), against the production build, ramping to LOAD_CUSTOMERS customers and LOAD_AGENTS agents.
 *
 *   pnpm build && pnpm load                                   # 1,000 customers, 200 agents, 60 s ramp, 120 s in all
 *   LOAD_CUSTOMERS=200 LOAD_AGENTS=40 LOAD_SECONDS=60 pnpm load
 *   pnpm load -- --stress                                     # steps of customers until a service-level target breaks
 *
 * Customers are the simulator of `pnpm simulate` (each with its own X-Forwarded-For address, as customers behind the
 * deployment's proxy): questions to the bot, 转人工, waiting, talking, rating. Agents sign in with the password
 * provider, go ONLINE, subscribe to their own channel as the workspace does, open each conversation assigned to
 * them (conversation.get, conversation.messages), answer each customer message, and resolve after three answers.
 *
 * Reported: requests and errors, latency p50/p95/p99 per route (widget routes, tRPC procedures, sign-in), realtime
 * delivery latency (a customer message's creation → its `message.created` at the agent's client), conversations
 * handed to agents, CPU (% of one core) and memory of the web processes, the worker, soketi, the database server and
 * this process, and the first to saturate. The stress run doubles the customers per step (agents: one per five
 * customers) for LOAD_STEP_SECONDS each until p95 > 1 s or errors > 1 %, and names the bottleneck at that step.
 *
 * Its own database (`kefu_bench_load`, dropped, migrated and seeded with the demo data), web server (WEB_CONCURRENCY
 * processes), worker and soketi on LOAD_WEB_PORT (3320) and LOAD_PUSHER_PORT (6032); loopback only. Writes
 * bench/results/load.json or bench/results/stress.json.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, type UpsertResult } from "mariadb";
import PusherClient from "pusher-js";
import { poolConfig } from "@kefu/db/client";
import { migrate } from "@kefu/db/migrate";
import { seedDemo } from "@kefu/db/seed";
import { percentile } from "../packages/api/src/services/knowledge/evaluation.ts";
import { indexKnowledge } from "../scripts/lib/knowledge.ts";
import { httpOk, isPortOpen, onShutdown, shutdown, startProcess, waitFor } from "../scripts/lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, ROOT } from "../scripts/lib/services.ts";
import { runSimulation, type Fetch } from "../scripts/lib/simulator.ts";
import { startWeb, webConcurrency } from "../scripts/lib/web.ts";
import { cpuPercent, groupRssMb, groupTicks, machineTicks, pidFromFile, pidRssMb, pidTicks, soketiGroup } from "./lib/proc.ts";

function bounded(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const STRESS = process.argv.includes("--stress");
const CUSTOMERS = bounded("LOAD_CUSTOMERS", 1_000, 1, 5_000);
const AGENTS = bounded("LOAD_AGENTS", 200, 1, 1_000);
const SECONDS = bounded("LOAD_SECONDS", 120, 10, 1_800);
const RAMP_SECONDS = bounded("LOAD_RAMP_SECONDS", 60, 0, 600);
const STEP_SECONDS = bounded("LOAD_STEP_SECONDS", 60, 10, 600);
const MAX_STEP_CUSTOMERS = bounded("LOAD_MAX_CUSTOMERS", 5_000, 10, 5_000);
const WEB_PORT = bounded("LOAD_WEB_PORT", 3320, 1024, 65_535);
const PUSHER_PORT = bounded("LOAD_PUSHER_PORT", 6032, 1024, 65_535);
const WEB_PROCESSES = webConcurrency(process.env, true);
const REQUEST_TIMEOUT_MS = 15_000;
const ANSWERS_BEFORE_RESOLVING = 3;
const SLO = { p95Ms: 1_000, errorRate: 0.01 };
const DATABASE_NAME = "kefu_bench_load";
const DEMO_PASSWORD = "Demo@2026kefu";
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "results");

if (!existsSync(join(ROOT, "apps", "web", ".next", "BUILD_ID"))) {
  console.error("pnpm load measures the production build, and there is none: run `pnpm build` first.");
  process.exit(1);
}
for (const port of [WEB_PORT, PUSHER_PORT]) {
  if (await isPortOpen(port)) {
    console.error(`Port ${port} is already in use: stop what listens there (or set LOAD_WEB_PORT / LOAD_PUSHER_PORT).`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------------------------ measuring

/** Latencies and failures per route, for one step of the run. */
class RouteStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly errors = new Map<string, Map<string, number>>();

  record(route: string, ms: number, failure?: string) {
    if (!this.latencies.has(route)) this.latencies.set(route, []);
    this.latencies.get(route)!.push(ms);
    if (failure) {
      const byKind = this.errors.get(route) ?? new Map<string, number>();
      byKind.set(failure, (byKind.get(failure) ?? 0) + 1);
      this.errors.set(route, byKind);
    }
  }

  summary() {
    const routes: Record<string, { requests: number; errors: number; p50: number; p95: number; p99: number; errorKinds: Record<string, number> }> = {};
    let requests = 0;
    let errors = 0;
    const all: number[] = [];
    for (const [route, values] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const kinds = Object.fromEntries(this.errors.get(route) ?? []);
      const failed = Object.values(kinds).reduce((sum, n) => sum + n, 0);
      routes[route] = { requests: values.length, errors: failed, ...percentiles(values), errorKinds: kinds };
      requests += values.length;
      errors += failed;
      all.push(...values);
    }
    return { requests, errors, errorRate: requests ? errors / requests : 0, ...percentiles(all), routes };
  }
}

function percentiles(values: number[]) {
  const round = (v: number) => Math.round(v);
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)) };
}

let stats = new RouteStats();
let deliveries: number[] = [];

/** A route's name for the figures: the path without its query, tRPC calls by procedure. */
function routeOf(method: string, url: string): string {
  const path = new URL(url).pathname;
  if (path.startsWith("/api/trpc/")) return `trpc ${path.slice("/api/trpc/".length)}`;
  return `${method} ${path}`;
}

/** fetch with a timeout, timed into the current step's figures; an HTTP status ≥ 500 or 429 counts as an error */
const timedFetch: Fetch = async (url, init) => {
  const route = routeOf(init.method ?? "GET", url);
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const failed = response.status >= 500 || response.status === 429;
    stats.record(route, performance.now() - started, failed ? `HTTP ${response.status}` : undefined);
    return response;
  } catch (error) {
    stats.record(route, performance.now() - started, error instanceof Error ? error.name : "error");
    throw error;
  }
};

// --------------------------------------------------------------------------------------------------------- set-up

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";
const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${DATABASE_NAME}`);
const secrets = {
  AUTH_SECRET: "load-auth-secret-with-at-least-32-characters",
  AUDIT_HMAC_KEY: "load-audit-hmac-key-0123456789",
  FIELD_ENCRYPTION_KEYS: "load1:bG9hZC1maWVsZC1rZXktMDEyMzQ1Njc4OWFiY2RlZmc=",
  LOOKUP_HASH_KEY: "load-lookup-hash-key-0123456789",
  WIDGET_TOKEN_SECRET: "load-widget-token-secret-0123456789",
};
const realtime = { ...realtimeSettings(PUSHER_PORT), secret: "load-realtime-secret" };
Object.assign(process.env, secrets, { DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });

const control = await createConnection({ ...poolConfig(databaseUrl), database: undefined });
onShutdown(() => control.end().catch(() => undefined));
await control.query(`DROP DATABASE IF EXISTS \`${DATABASE_NAME}\``);
console.log(`database ${DATABASE_NAME}: migrating and seeding the demo data …`);
await migrate(databaseUrl);
await seedDemo(databaseUrl, { conversations: 1500, customers: 300 });
await indexKnowledge(databaseUrl);

// the simulated agents: members of every team, so every conversation can be routed to them; the demo's own agents
// are taken off the floor so that the figures are about the simulated ones
const agentCount = STRESS ? Math.ceil(MAX_STEP_CUSTOMERS / 5) : AGENTS;
const agentAccounts: { id: number; employeeNo: string }[] = [];
{
  await control.query(`USE \`${DATABASE_NAME}\``);
  await control.query("UPDATE `User` SET presence = 'OFFLINE' WHERE role = 'AGENT'");
  const teams = (await control.query<{ id: number }[]>("SELECT id FROM `Team`")).map((t) => t.id);
  for (let i = 1; i <= agentCount; i++) {
    const employeeNo = `L${String(i).padStart(4, "0")}`;
    const user = await control.query<UpsertResult>(
      "INSERT INTO `User` (employeeNo, name, email, passwordHash, role, presence, maxConcurrent, updatedAt) " +
        "SELECT ?, ?, ?, passwordHash, 'AGENT', 'OFFLINE', 5, NOW(3) FROM `User` WHERE employeeNo = '3001'",
      [employeeNo, `压测坐席${i}`, `${employeeNo.toLowerCase()}@load.kefu.cn`],
    );
    const id = Number(user.insertId);
    for (const teamId of teams) await control.query("INSERT INTO `TeamMember` (teamId, userId) VALUES (?, ?)", [teamId, id]);
    agentAccounts.push({ id, employeeNo });
  }
}

await ensureSoketi(realtime);
const baseUrl = `http://localhost:${WEB_PORT}`;
const env = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: baseUrl,
  AUTH_URL: baseUrl,
  ...secrets,
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  ...realtimeEnv(realtime),
};
const worker = startProcess("worker", "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
const web = startWeb(WEB_PORT, env, WEB_PROCESSES);
await waitFor(httpOk(`http://127.0.0.1:${WEB_PORT}/api/health`), "the web server", 120_000);
const [serverInfo] = await control.query<{ pidFile: string }[]>("SELECT @@pid_file AS pidFile");
const databasePid = pidFromFile(serverInfo?.pidFile);
const soketiPgrp = soketiGroup(PUSHER_PORT);

const groups = {
  web: [web.pid!],
  worker: [worker.pid!],
  soketi: soketiPgrp ? [soketiPgrp] : [],
};

function usageProbe() {
  const before = {
    web: groupTicks(groups.web),
    worker: groupTicks(groups.worker),
    soketi: groupTicks(groups.soketi),
    database: pidTicks(databasePid),
    load: pidTicks(process.pid),
    machine: machineTicks(),
  };
  const started = performance.now();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const cpu = {
      web: cpuPercent(before.web, groupTicks(groups.web), seconds),
      worker: cpuPercent(before.worker, groupTicks(groups.worker), seconds),
      soketi: cpuPercent(before.soketi, groupTicks(groups.soketi), seconds),
      database: cpuPercent(before.database, pidTicks(databasePid), seconds),
      loadGenerator: cpuPercent(before.load, pidTicks(process.pid), seconds),
    };
    const memoryMb = {
      web: groupRssMb(groups.web),
      worker: groupRssMb(groups.worker),
      soketi: groupRssMb(groups.soketi),
      database: pidRssMb(databasePid),
      loadGenerator: pidRssMb(process.pid),
    };
    const machine = machineTicks();
    const machineBusyPercent = Math.round(((machine.busy - before.machine.busy) / Math.max(1, machine.total - before.machine.total)) * 1000) / 10;
    return { cpuPercentOfOneCore: cpu, machineBusyPercent, memoryMb, bottleneck: bottleneckOf(cpu, machineBusyPercent) };
  };
}

/**
 * The first to saturate: a Node process does its JavaScript on one core, so the web tier saturates at 100 % per
 * process; the database uses what the machine has. When the machine's CPU is busy (≥ 90 %, whoever uses it), that
 * is the limit, with our largest share named.
 */
function bottleneckOf(cpu: Record<string, number | null>, machineBusyPercent: number): string {
  const capacity: Record<string, number> = { web: 100 * WEB_PROCESSES, worker: 100, soketi: 100, database: 100 * availableParallelism(), loadGenerator: 100 };
  const total = Object.values(cpu).reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const shares = Object.entries(cpu).map(([name, value]) => ({ name, share: (value ?? 0) / capacity[name]! }));
  shares.sort((a, b) => b.share - a.share);
  const top = shares[0]!;
  if (machineBusyPercent >= 90) {
    const others = Math.max(0, Math.round(machineBusyPercent * availableParallelism() - total));
    return `the machine's CPU: ${machineBusyPercent} % busy (this run's processes ${Math.round(total)} % of one core, other processes ${others} %); the largest share of ours is ${top.name} at ${Math.round(top.share * 100)} % of its capacity`;
  }
  return `${top.name} at ${Math.round(top.share * 100)} % of its CPU capacity`;
}

// ------------------------------------------------------------------------------------------------------- agents

interface TrpcEnvelope<T> {
  result?: { data?: { json?: T } };
  error?: { json?: { message?: string } };
}

class SimulatedAgent {
  private cookie = "";
  private pusher: PusherClient | null = null;
  private readonly answered = new Map<number, number>();
  private readonly busy = new Set<number>();
  private readonly ip: string;
  private resolutionCategory = "";

  constructor(
    private readonly account: { id: number; employeeNo: string },
    n: number,
  ) {
    this.ip = `172.16.${(n >> 8) & 255}.${n & 255}`;
  }

  private headers(extra: Record<string, string> = {}) {
    return { cookie: this.cookie, "x-forwarded-for": this.ip, ...extra };
  }

  private keepCookies(response: Response) {
    const jar = new Map(this.cookie ? this.cookie.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const) : []);
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      jar.set(pair.slice(0, pair.indexOf("=")), pair);
    }
    this.cookie = [...jar.values()].join("; ");
  }

  async start() {
    const csrf = await timedFetch(`${baseUrl}/api/auth/csrf`, { headers: this.headers() });
    this.keepCookies(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, identifier: this.account.employeeNo, password: DEMO_PASSWORD, callbackUrl: `${baseUrl}/workspace` });
    const signedIn = await timedFetch(`${baseUrl}/api/auth/callback/password`, {
      method: "POST",
      redirect: "manual",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", origin: baseUrl }),
      body: form.toString(),
    });
    this.keepCookies(signedIn);
    if (!/session-token=/.test(this.cookie)) throw new Error(`agent ${this.account.employeeNo}: sign-in refused (${signedIn.status})`);
    await this.mutate("auth.setPresence", { presence: "ONLINE" });
    await this.subscribe();
    // the workspace's first screen
    this.resolutionCategory = (await this.query<string[]>("conversation.listResolutionCategories", undefined))[0] ?? "";
    for (const conversation of (await this.query<{ items: { id: number }[] }>("conversation.list", { view: "mine" })).items) void this.open(conversation.id);
  }

  private async subscribe() {
    this.pusher = new PusherClient(realtime.key, {
      cluster: "mt1",
      wsHost: realtime.host,
      wsPort: realtime.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      channelAuthorization: {
        endpoint: "/api/realtime/auth",
        transport: "ajax",
        customHandler: (params, callback) => {
          const body = new URLSearchParams({ socket_id: params.socketId, channel_name: params.channelName });
          timedFetch(`${baseUrl}/api/realtime/auth`, {
            method: "POST",
            headers: this.headers({ "content-type": "application/x-www-form-urlencoded", origin: baseUrl }),
            body: body.toString(),
          })
            .then(async (response) =>
              response.ok ? callback(null, (await response.json()) as { auth: string }) : callback(new Error(`auth ${response.status}`), null),
            )
            .catch((error: Error) => callback(error, null));
        },
      },
    });
    const channel = this.pusher.subscribe(`private-agent-${this.account.id}`);
    await new Promise<void>((resolve, reject) => {
      channel.bind("pusher:subscription_succeeded", () => resolve());
      channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`agent channel: ${JSON.stringify(error)}`)));
    });
    channel.bind("conversation.assigned", (data: { id: number }) => void this.open(data.id));
    channel.bind("message.created", (data: { conversationId: number; senderType: string; message: { createdAt: string } | null }) => {
      if (data.senderType !== "CUSTOMER") return;
      if (data.message) deliveries.push(Date.now() - Date.parse(data.message.createdAt));
      void this.answer(data.conversationId);
    });
  }

  private async open(conversationId: number) {
    await this.query("conversation.get", { id: conversationId }).catch(() => undefined);
    await this.query("conversation.messages", { id: conversationId }).catch(() => undefined);
    void this.answer(conversationId);
  }

  private async answer(conversationId: number) {
    if (this.busy.has(conversationId)) return;
    this.busy.add(conversationId);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 2_000));
      await this.mutate("conversation.reply", { id: conversationId, body: "您好，我来帮您看一下，请稍等。", clientId: randomUUID() });
      const answers = (this.answered.get(conversationId) ?? 0) + 1;
      this.answered.set(conversationId, answers);
      if (answers >= ANSWERS_BEFORE_RESOLVING) {
        await this.mutate("conversation.resolve", { id: conversationId, resolutionCategory: this.resolutionCategory });
        this.answered.delete(conversationId);
      }
    } catch {
      // counted by timedFetch; the conversation may have ended meanwhile
    } finally {
      this.busy.delete(conversationId);
    }
  }

  private async query<T>(path: string, input: unknown): Promise<T> {
    const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const response = await timedFetch(`${baseUrl}/api/trpc/${path}${search}`, { headers: this.headers() });
    return unwrap<T>(path, response);
  }

  private async mutate<T>(path: string, input: unknown): Promise<T> {
    const response = await timedFetch(`${baseUrl}/api/trpc/${path}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json", origin: baseUrl }),
      body: JSON.stringify({ json: input }),
    });
    return unwrap<T>(path, response);
  }

  async stop() {
    this.pusher?.disconnect();
    await this.mutate("auth.setPresence", { presence: "OFFLINE" }).catch(() => undefined);
  }
}

async function unwrap<T>(path: string, response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as TrpcEnvelope<T>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.error?.json?.message ?? ""}`);
  return body.result?.data?.json as T;
}

// ------------------------------------------------------------------------------------------------------------ runs

async function startAgents(count: number, rampMs: number, from: SimulatedAgent[]): Promise<SimulatedAgent[]> {
  const started: SimulatedAgent[] = [];
  const gap = count > 1 ? rampMs / count : 0;
  await Promise.all(
    agentAccounts.slice(from.length, from.length + count).map(async (account, i) => {
      await new Promise((resolve) => setTimeout(resolve, gap * i));
      const agent = new SimulatedAgent(account, from.length + i + 1);
      try {
        await agent.start();
        started.push(agent);
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
      }
    }),
  );
  return started;
}

/** One timed step; the figures include what happened since `stats` was last replaced (the agents' sign-ins). */
async function step(customers: number, agents: SimulatedAgent[], seconds: number, rampSeconds: number) {
  deliveries = [];
  const probe = usageProbe();
  const report = await runSimulation({
    baseUrl,
    customers,
    durationSeconds: seconds,
    handoffRate: 0.5,
    patienceSeconds: 60,
    thinkMs: 3_000,
    pollMs: 2_000,
    rampSeconds,
    fetch: timedFetch,
    onProgress: (line) => console.log(`  ${line}`),
  });
  const usage = probe();
  const figures = stats.summary();
  return {
    customers,
    agentsOnline: agents.length,
    seconds,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    requests: figures.requests,
    requestsPerSecond: Math.round((figures.requests / seconds) * 10) / 10,
    errors: figures.errors,
    errorRate: Math.round(figures.errorRate * 10_000) / 10_000,
    latencyMs: { p50: figures.p50, p95: figures.p95, p99: figures.p99 },
    realtimeDeliveryMs: { count: deliveries.length, ...percentiles(deliveries) },
    conversations: report.conversations,
    messages: report.messages,
    ...usage,
    routes: figures.routes,
  };
}

function printStep(figures: Awaited<ReturnType<typeof step>>) {
  console.log(
    `\n${figures.customers} customers, ${figures.agentsOnline} agents, ${figures.seconds} s (load ${figures.loadAverage1m}): ` +
      `${figures.requestsPerSecond} req/s, p50/p95/p99 ${figures.latencyMs.p50}/${figures.latencyMs.p95}/${figures.latencyMs.p99} ms, ` +
      `errors ${figures.errors} (${(figures.errorRate * 100).toFixed(2)} %), realtime p95 ${figures.realtimeDeliveryMs.p95} ms over ${figures.realtimeDeliveryMs.count}`,
  );
  console.log(`  CPU % of one core: ${JSON.stringify(figures.cpuPercentOfOneCore)}; memory MB: ${JSON.stringify(figures.memoryMb)}`);
  console.log(`  first to saturate: ${figures.bottleneck}`);
  for (const [route, r] of Object.entries(figures.routes))
    console.log(
      `  ${route.padEnd(48)} ${String(r.requests).padStart(7)}  p50 ${String(r.p50).padStart(5)}  p95 ${String(r.p95).padStart(5)}  p99 ${String(r.p99).padStart(5)}  errors ${r.errors}`,
    );
}

const run = { startedAt: new Date().toISOString(), cpus: availableParallelism(), webProcesses: WEB_PROCESSES };
mkdirSync(RESULTS_DIR, { recursive: true });
let agents: SimulatedAgent[] = [];
try {
  if (!STRESS) {
    console.log(`load: ramping to ${CUSTOMERS} customers and ${AGENTS} agents over ${RAMP_SECONDS} s, ${SECONDS} s in all …`);
    agents = await startAgents(AGENTS, Math.min(RAMP_SECONDS, 30) * 1000, agents);
    const figures = await step(CUSTOMERS, agents, SECONDS, RAMP_SECONDS);
    printStep(figures);
    writeFileSync(join(RESULTS_DIR, "load.json"), `${JSON.stringify({ ...run, ...figures }, null, 2)}\n`);
    console.log(`\nwritten to bench/results/load.json`);
  } else {
    const steps: Awaited<ReturnType<typeof step>>[] = [];
    let broken: { step: number; reason: string } | null = null;
    for (let customers = 100; customers <= MAX_STEP_CUSTOMERS && !broken; customers *= 2) {
      stats = new RouteStats();
      agents.push(...(await startAgents(Math.ceil(customers / 5) - agents.length, 10_000, agents)));
      console.log(`stress: ${customers} customers, ${agents.length} agents, ${STEP_SECONDS} s …`);
      const figures = await step(customers, agents, STEP_SECONDS, Math.min(30, STEP_SECONDS / 2));
      printStep(figures);
      steps.push(figures);
      if (figures.latencyMs.p95 > SLO.p95Ms) broken = { step: customers, reason: `p95 ${figures.latencyMs.p95} ms > ${SLO.p95Ms} ms` };
      else if (figures.errorRate > SLO.errorRate) broken = { step: customers, reason: `errors ${(figures.errorRate * 100).toFixed(2)} % > 1 %` };
    }
    const last = steps.at(-1);
    const result = { ...run, slo: SLO, broken, bottleneck: broken && last ? last.bottleneck : null, steps };
    writeFileSync(join(RESULTS_DIR, "stress.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      broken
        ? `\nthe target broke at ${broken.step} customers (${broken.reason}); bottleneck: ${last?.bottleneck}`
        : `\nno target broke up to ${MAX_STEP_CUSTOMERS} customers`,
    );
    console.log("written to bench/results/stress.json");
  }
} finally {
  await Promise.all(agents.map((agent) => agent.stop()));
}
await shutdown(0);
