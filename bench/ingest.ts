/**
 * Ingestion throughput: customer messages through the channel API (`POST /api/v1/channels/api/messages`, API key of
 * scope channel.messages) against the production build, each one answered by the bot, from BENCH_INGEST_SENDERS
 * concurrent senders (closed loop: a sender posts its next message when the last one is answered). Then the same
 * use case in-process, without HTTP: `handleIncomingCustomerMessage`, which the REST handler calls.
 *
 *   pnpm build && pnpm bench:ingest
 *   BENCH_INGEST_SENDERS=100 BENCH_INGEST_SECONDS=60 WEB_CONCURRENCY=1 pnpm bench:ingest
 *
 * It runs on a database of its own (`kefu_bench_ingest`, dropped, migrated and seeded with the demo data on every
 * run, kept afterwards for inspection), starts `next start` (WEB_CONCURRENCY processes), soketi and the worker on
 * ports of its own, and reports per phase: messages/s, latency p50/p95/p99, errors, acknowledged messages against
 * the rows in the database, CPU of the web processes and of the database server, and SQL statements per message.
 *
 * Statements are counted from the database server's general log over a counting round of
 * BENCH_INGEST_COUNT_MESSAGES messages, on the connections of the web processes (in-process: of this process) only,
 * found by their client ports, so the worker and other clients of a shared server do not inflate them; the log is on
 * only for that round. The global
 * `Com_*` counters over the timed run are reported beside them, labelled as server-wide.
 *
 * Writes bench/results/ingest.json (and a copy named after the time of the run).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, type Connection } from "mariadb";
import { createDb, poolConfig } from "@kefu/db/client";
import { migrate } from "@kefu/db/migrate";
import { seedDemo } from "@kefu/db/seed";
import { KB_GROUPS } from "../packages/db/src/seed/knowledge.ts";
import { indexKnowledge } from "../scripts/lib/knowledge.ts";
import { httpOk, isPortOpen, onShutdown, shutdown, startProcess, waitFor } from "../scripts/lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, ROOT } from "../scripts/lib/services.ts";
import { cpuPercent, groupTicks, pidFromFile, pidTicks, soketiGroup } from "./lib/proc.ts";
import { startWeb, webConcurrency } from "../scripts/lib/web.ts";

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "results");

function bounded(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const SENDERS = bounded("BENCH_INGEST_SENDERS", 50, 1, 500);
const SECONDS = bounded("BENCH_INGEST_SECONDS", 30, 1, 600);
const COUNT_MESSAGES = bounded("BENCH_INGEST_COUNT_MESSAGES", 200, 10, 5_000);
const WEB_PORT = bounded("BENCH_INGEST_PORT", 3300, 1024, 65_535);
const PUSHER_PORT = bounded("BENCH_INGEST_PUSHER_PORT", 6031, 1024, 65_535);
const WEB_PROCESSES = webConcurrency(process.env, true);
const WARM_UP_SECONDS = 5;
/** a customer writes this many messages in one conversation, then the sender goes on as a new customer */
const MESSAGES_PER_CUSTOMER = 10;
/** hard cap per phase, whatever the time */
const MAX_MESSAGES_PER_PHASE = 300_000;
const REQUEST_TIMEOUT_MS = 15_000;
const DATABASE_NAME = "kefu_bench_ingest";

const buildId = join(ROOT, "apps", "web", ".next", "BUILD_ID");
if (!existsSync(buildId)) {
  console.error("bench:ingest measures the production build, and there is none: run `pnpm build` first.");
  process.exit(1);
}
for (const port of [WEB_PORT, PUSHER_PORT]) {
  if (await isPortOpen(port)) {
    console.error(`Port ${port} is already in use: stop what listens there (or set BENCH_INGEST_PORT / BENCH_INGEST_PUSHER_PORT).`);
    process.exit(1);
  }
}

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";
const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${DATABASE_NAME}`);
const secrets = {
  AUTH_SECRET: "bench-auth-secret-with-at-least-32-characters",
  AUDIT_HMAC_KEY: "bench-audit-hmac-key-0123456789",
  FIELD_ENCRYPTION_KEYS: "bench1:YmVuY2gtZmllbGQta2V5LTAxMjM0NTY3ODlhYmNkZWY=",
  LOOKUP_HASH_KEY: "bench-lookup-hash-key-0123456789",
  WIDGET_TOKEN_SECRET: "bench-widget-token-secret-0123456789",
};
const realtime = { ...realtimeSettings(PUSHER_PORT), secret: "bench-realtime-secret" };
// this process seeds and runs the in-process phase with the same keys and soketi as the server
Object.assign(process.env, secrets, realtimeEnv(realtime), { DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });

const { handleIncomingCustomerMessage } = await import("../packages/api/src/services/inbox/index.ts");
const { createApiKey } = await import("../packages/api/src/services/integration/api-keys.ts");
const { searchKnowledge } = await import("../packages/api/src/services/knowledge/search.ts");
const { asksForHuman } = await import("../packages/api/src/services/bot/respond.ts");
const { getSetting } = await import("../packages/api/src/services/settings/index.ts");
const { percentile } = await import("../packages/api/src/services/knowledge/evaluation.ts");

// ---------------------------------------------------------------------------------------------- measuring helpers

function summary(values: number[]) {
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: values.length,
    mean: round(values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length)),
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(values.length ? Math.max(...values) : 0),
  };
}

// --------------------------------------------------------------------------------------------------------- set-up

const control: Connection = await createConnection({ ...poolConfig(databaseUrl), database: undefined });
onShutdown(() => control.end().catch(() => undefined));
await control.query(`DROP DATABASE IF EXISTS \`${DATABASE_NAME}\``);
console.log(`database ${DATABASE_NAME}: migrating and seeding the demo data …`);
await migrate(databaseUrl);
await seedDemo(databaseUrl, { conversations: 1500, customers: 300 });
await indexKnowledge(databaseUrl);

const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const db = createDb(databaseUrl, poolSize);
onShutdown(() => db.$disconnect());

const admin = await db.user.findFirst({ where: { role: "ADMIN" }, orderBy: { id: "asc" }, select: { id: true } });
if (!admin) throw new Error("the demo data has no admin");
// one key per sender: the channel API allows each key 1,200 requests a minute, as for one integration
const keys: string[] = [];
for (let i = 0; i < SENDERS; i++)
  keys.push((await createApiKey(db, { name: `bench-ingest-${i + 1}`, scopes: ["channel.messages"], createdById: admin.id })).key);

// questions the bot answers: demo article titles whose best match clears the answer threshold
const [replies, strategy] = await Promise.all([getSetting(db, "bot.replies"), getSetting(db, "bot.strategy")]);
const questions: string[] = [];
for (const group of KB_GROUPS) {
  for (const [title] of group.articles) {
    if (asksForHuman(title, strategy.handoffKeywords)) continue;
    const search = await searchKnowledge(db, title, { limit: 1 });
    if (search.confidence >= replies.threshold) questions.push(title);
  }
}
if (questions.length === 0) throw new Error("no demo article title clears the bot's answer threshold");

await ensureSoketi(realtime);
const env = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: String(poolSize),
  NEXTAUTH_URL: `http://localhost:${WEB_PORT}`,
  AUTH_URL: `http://localhost:${WEB_PORT}`,
  ...secrets,
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  ...realtimeEnv(realtime),
};
const worker = startProcess("worker", "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
const web = startWeb(WEB_PORT, env, WEB_PROCESSES);
await waitFor(httpOk(`http://127.0.0.1:${WEB_PORT}/api/health`), "the web server", 120_000);

const soketiPgrp = soketiGroup(PUSHER_PORT);
const [serverInfo] = await control.query<{ pidFile: string; datadir: string; logOutput: string; logFile: string; generalLog: number }[]>(
  "SELECT @@pid_file AS pidFile, @@datadir AS datadir, @@log_output AS logOutput, @@general_log_file AS logFile, @@general_log AS generalLog",
);
const databasePid = pidFromFile(serverInfo?.pidFile);

// ------------------------------------------------------------------------------------------------------- senders

type Send = (userId: string, clientId: string, text: string) => Promise<{ ok: boolean; error?: string }>;

function httpSend(sender: number): Send {
  const authorization = `Bearer ${keys[sender % keys.length]}`;
  return async (userId, clientId, text) => {
    const response = await fetch(`http://127.0.0.1:${WEB_PORT}/api/v1/channels/api/messages`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ userId, clientMessageId: clientId, text }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { error?: { code: string } };
    if (response.status === 201 || response.status === 200) return { ok: true };
    return { ok: false, error: `${response.status} ${body.error?.code ?? ""}`.trim() };
  };
}

/** what the REST handler does after authorising the key */
const inProcessSend: Send = async (userId, clientId, text) => {
  await handleIncomingCustomerMessage(db, { channel: "API", externalUserId: userId, clientId, body: text });
  return { ok: true };
};

interface RoundResult {
  latencies: number[];
  acknowledged: string[];
  errors: Record<string, number>;
  seconds: number;
}

/** `SENDERS` closed-loop senders until `seconds` pass or `maxMessages` are sent */
async function round(prefix: string, sendFor: (sender: number) => Send, seconds: number, maxMessages: number): Promise<RoundResult> {
  const latencies: number[] = [];
  const acknowledged: string[] = [];
  const errors: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, sender) => {
      const send = sendFor(sender);
      for (let n = 0; performance.now() < deadline && issued < maxMessages; n++) {
        issued++;
        const userId = `${prefix}-${sender}-${Math.floor(n / MESSAGES_PER_CUSTOMER)}`;
        const clientId = `${prefix}-${sender}-${n}`;
        const text = questions[(sender * 7 + n) % questions.length]!;
        const t0 = performance.now();
        try {
          const result = await send(userId, clientId, text);
          if (result.ok) {
            latencies.push(performance.now() - t0);
            acknowledged.push(clientId);
          } else errors[result.error!] = (errors[result.error!] ?? 0) + 1;
        } catch (error) {
          const name = error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : String(error);
          errors[name] = (errors[name] ?? 0) + 1;
        }
      }
    }),
  );
  return { latencies, acknowledged, errors, seconds: (performance.now() - started) / 1000 };
}

/** acknowledged messages against the customer rows written under `prefix`, and the bot's answers to them */
async function reconcile(prefix: string, acknowledged: readonly string[]) {
  const rows = await db.message.findMany({ where: { senderType: "CUSTOMER", clientId: { startsWith: `${prefix}-` } }, select: { clientId: true } });
  const stored = new Set(rows.map((r) => r.clientId));
  const lost = acknowledged.filter((clientId) => !stored.has(clientId));
  const [bot] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*) AS n FROM Message m
    JOIN Conversation c ON c.id = m.conversationId
    JOIN CustomerIdentity ci ON ci.customerId = c.customerId AND ci.channel = c.channel
    WHERE ci.externalUserId LIKE ${`${prefix}-%`} AND m.senderType = 'BOT'`;
  return {
    acknowledged: acknowledged.length,
    /** rows holding an acknowledged clientId: equal to `acknowledged` when nothing was lost */
    rowsOfAcknowledged: acknowledged.length - lost.length,
    /** every row of the phase, also of requests the sender gave up on (timeouts) that the server still committed */
    rows: stored.size,
    lost: lost.length,
    lostSample: lost.slice(0, 5),
    botAnswers: Number(bot?.n ?? 0),
  };
}

const STATUS_NAMES = [
  "Questions",
  "Com_stmt_prepare",
  "Com_stmt_execute",
  "Com_stmt_close",
  "Com_select",
  "Com_insert",
  "Com_update",
  "Com_begin",
  "Com_commit",
];
async function globalStatus(): Promise<Record<string, number>> {
  const rows = await control.query<{ Variable_name: string; Value: string }[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATUS_NAMES.map(() => "?").join(",")})`,
    STATUS_NAMES,
  );
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

async function timedPhase(name: string, prefix: string, sendFor: (sender: number) => Send, groups: () => number[]) {
  const senders = Array.from({ length: SENDERS }, (_, i) => sendFor(i));
  console.log(`${name}: warming up for ${WARM_UP_SECONDS} s …`);
  await round(`${prefix}w`, (i) => senders[i]!, WARM_UP_SECONDS, MAX_MESSAGES_PER_PHASE);
  console.log(`${name}: ${SENDERS} senders for ${SECONDS} s …`);
  const cpuBefore = {
    group: groupTicks(groups()),
    database: pidTicks(databasePid),
    soketi: groupTicks(soketiPgrp ? [soketiPgrp] : []),
    worker: groupTicks([worker.pid!]),
  };
  const benchBefore = process.cpuUsage();
  const statusBefore = await globalStatus();
  const loadBefore = loadavg()[0]!;
  const result = await round(prefix, (i) => senders[i]!, SECONDS, MAX_MESSAGES_PER_PHASE);
  const statusAfter = await globalStatus();
  const bench = process.cpuUsage(benchBefore);
  const cpu = {
    webPercentOfOneCore: name === "http" ? cpuPercent(cpuBefore.group, groupTicks(groups()), result.seconds) : null,
    databasePercentOfOneCore: cpuPercent(cpuBefore.database, pidTicks(databasePid), result.seconds),
    soketiPercentOfOneCore: cpuPercent(cpuBefore.soketi, groupTicks(soketiPgrp ? [soketiPgrp] : []), result.seconds),
    workerPercentOfOneCore: cpuPercent(cpuBefore.worker, groupTicks([worker.pid!]), result.seconds),
    benchProcessPercentOfOneCore: Math.round(((bench.user + bench.system) / 1e6 / result.seconds) * 1000) / 10,
    loadAverage1mBefore: loadBefore,
    loadAverage1mAfter: loadavg()[0]!,
  };
  const messages = result.acknowledged.length;
  // CPU time per message: on a machine shared with other work, steadier than the percentages
  const perMessage = (percent: number | null) =>
    percent === null ? null : Math.round(((percent / 100) * result.seconds * 1000 * 10) / Math.max(1, messages)) / 10;
  const cpuMsPerMessage = {
    web: perMessage(cpu.webPercentOfOneCore),
    benchProcess: perMessage(cpu.benchProcessPercentOfOneCore),
    database: perMessage(cpu.databasePercentOfOneCore),
  };
  const delta = Object.fromEntries(STATUS_NAMES.map((k) => [k, statusAfter[k]! - statusBefore[k]!]));
  return {
    seconds: Math.round(result.seconds * 10) / 10,
    messages,
    messagesPerSecond: Math.round((messages / result.seconds) * 10) / 10,
    latencyMs: summary(result.latencies),
    errors: result.errors,
    errorCount: Object.values(result.errors).reduce((a, b) => a + b, 0),
    reconciliation: await reconcile(prefix, result.acknowledged),
    cpu,
    cpuMsPerMessage,
    serverWideStatusPerMessage: {
      note: "SHOW GLOBAL STATUS deltas over the timed run divided by its messages: every client of the server counts, the worker included",
      ...Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, Math.round((v / Math.max(1, messages)) * 10) / 10])),
    },
  };
}

// -------------------------------------------------------------------------------------------- statement counting

interface LogEntry {
  thread: number;
  command: string;
  argument: string;
}

const HEADER =
  /^(?:\d{6}\s+\d{1,2}:\d{2}:\d{2})?\s+(\d+)\s(Connect|Quit|Query|Prepare|Execute|Close stmt|Reset stmt|Init DB|Ping|Change user|Set option|Fetch|Long Data|Field List)\t?(.*)$/;

function parseLog(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of text.split("\n")) {
    const match = HEADER.exec(line);
    if (match) entries.push({ thread: Number(match[1]), command: match[2]!, argument: match[3]! });
    else if (entries.length && line.trim()) entries.at(-1)!.argument += ` ${line.trim()}`;
  }
  return entries;
}

/** pids of the processes in these process groups */
function groupPids(groups: readonly number[]): number[] {
  return [...groupTicks(groups).keys()];
}

/** the local ports of these processes' TCP connections to the database server's port */
function databaseClientPorts(pids: readonly number[], serverPort: number): Set<number> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith("socket:[")) inodes.add(target.slice(8, -1));
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports = new Set<number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1]!.split(":")[1]!, 16);
      const remotePort = parseInt(fields[2]!.split(":")[1]!, 16);
      if (remotePort === serverPort && inodes.has(fields[9]!)) ports.add(localPort);
    }
  }
  return ports;
}

/**
 * The server's thread ids of the connections these processes hold to the benchmark's database: the counting is
 * limited to them, so the worker, the other clients of a shared server and this script's control connection are
 * left out.
 */
async function threadsOf(pids: readonly number[]): Promise<Set<number>> {
  const ports = databaseClientPorts(pids, Number(new URL(databaseUrl).port || 3306));
  const rows = await control.query<{ ID: number | bigint; HOST: string }[]>("SELECT ID, HOST FROM information_schema.PROCESSLIST WHERE DB = ?", [
    DATABASE_NAME,
  ]);
  return new Set(rows.filter((r) => ports.has(Number(r.HOST.split(":").at(-1)))).map((r) => Number(r.ID)));
}

const logFile = `${serverInfo!.datadir.replace(/\/?$/, "/")}kefu-bench-ingest.log`;
const canReadLog = existsSync(serverInfo!.datadir) && ["127.0.0.1", "localhost", "::1"].includes(new URL(databaseUrl).hostname);

/** Runs `work` with the general log on; returns the entries of the connections `pids` hold to the benchmark database. */
async function withGeneralLog(pids: () => number[], work: () => Promise<void>) {
  const threads = await threadsOf(pids());
  if (!serverInfo!.logOutput.includes("FILE")) await control.query("SET GLOBAL log_output = CONCAT(@@log_output, ',FILE')");
  await control.query("SET GLOBAL general_log_file = ?", [logFile]);
  await control.query("SET GLOBAL general_log = 1");
  let text = "";
  try {
    await work();
    for (const id of await threadsOf(pids())) threads.add(id);
  } finally {
    await control.query(`SET GLOBAL general_log = ${serverInfo!.generalLog ? 1 : 0}`);
    await control.query("SET GLOBAL general_log_file = ?", [serverInfo!.logFile]);
    await control.query("SET GLOBAL log_output = ?", [serverInfo!.logOutput]);
    text = readFileSync(logFile, "utf8");
    unlinkSync(logFile);
  }
  return { entries: parseLog(text).filter((e) => threads.has(e.thread)) };
}

function countCommands(entries: readonly LogEntry[], messages: number) {
  const by: Record<string, number> = {};
  for (const e of entries) by[e.command] = (by[e.command] ?? 0) + 1;
  const statements = (by.Query ?? 0) + (by.Execute ?? 0);
  const per = (n: number) => Math.round((n / Math.max(1, messages)) * 10) / 10;
  return {
    messages,
    statementsPerMessage: per(statements),
    roundTripsPerMessage: per(statements + (by.Prepare ?? 0) + (by["Close stmt"] ?? 0)),
    perMessageByCommand: Object.fromEntries(Object.entries(by).map(([k, v]) => [k, per(v)])),
  };
}

/** the statements of one message, in order: what the server executed for it */
function listOf(entries: readonly LogEntry[]): string[] {
  return entries
    .filter((e) => ["Query", "Execute", "Prepare"].includes(e.command))
    .map((e) => `${e.command.padEnd(7)} ${e.argument.replace(/\s+/g, " ").slice(0, 220)}`);
}

async function countPhase(prefix: string, sendFor: (sender: number) => Send, pids: () => number[]) {
  if (!canReadLog) return null;
  // a round of COUNT_MESSAGES messages from all senders
  const counted = await withGeneralLog(pids, async () => {
    await round(`${prefix}c`, sendFor, 120, COUNT_MESSAGES);
  });
  const rows = await db.message.count({ where: { senderType: "CUSTOMER", clientId: { startsWith: `${prefix}c-` } } });
  // one message that starts a conversation, then one that follows it in the same conversation
  const send = sendFor(0);
  const userId = `${prefix}1-0-0`;
  const first = await withGeneralLog(pids, async () => void (await send(userId, `${prefix}1-first`, questions[0]!)));
  const next = await withGeneralLog(pids, async () => void (await send(userId, `${prefix}1-next`, questions[1 % questions.length]!)));
  return { round: countCommands(counted.entries, rows), firstMessage: listOf(first.entries), followingMessage: listOf(next.entries) };
}

// ------------------------------------------------------------------------------------------------------------ run

try {
  const run = Date.now().toString(36);
  const webGroups = () => [web.pid!];
  const httpFigures = await timedPhase("http", `${run}h`, httpSend, webGroups);
  console.log("http: counting statements …");
  const httpStatements = await countPhase(`${run}H`, httpSend, () => groupPids(webGroups()));

  const inProcessFigures = await timedPhase(
    "in-process",
    `${run}p`,
    () => inProcessSend,
    () => [],
  );
  console.log("in-process: counting statements …");
  const inProcessStatements = await countPhase(
    `${run}P`,
    () => inProcessSend,
    () => [process.pid],
  );

  const figures = {
    measuredAt: new Date().toISOString(),
    label: process.env.BENCH_INGEST_LABEL ?? null,
    build: readFileSync(buildId, "utf8").trim(),
    machine: { cores: availableParallelism(), loadAverage: loadavg() },
    config: {
      senders: SENDERS,
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      webProcesses: WEB_PROCESSES,
      databasePoolSizePerProcess: poolSize,
      messagesPerCustomer: MESSAGES_PER_CUSTOMER,
      questions: questions.length,
      apiKeys: keys.length,
      statementCountRound: COUNT_MESSAGES,
    },
    http: { ...httpFigures, statements: httpStatements },
    inProcess: { ...inProcessFigures, statements: inProcessStatements },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(figures, null, 2)}\n`;
  writeFileSync(join(RESULTS_DIR, "ingest.json"), json);
  writeFileSync(join(RESULTS_DIR, `ingest-${figures.measuredAt.replace(/[:.]/g, "-")}.json`), json);

  const cell = (v: string | number | null | undefined, width = 12) => String(v ?? "–").padStart(width);
  const rows: [string, (p: typeof httpFigures & { statements: typeof httpStatements }) => number | null | undefined][] = [
    ["messages/s", (p) => p.messagesPerSecond],
    ["latency p50 ms", (p) => p.latencyMs.p50],
    ["latency p95 ms", (p) => p.latencyMs.p95],
    ["latency p99 ms", (p) => p.latencyMs.p99],
    ["errors", (p) => p.errorCount],
    ["acknowledged", (p) => p.reconciliation.acknowledged],
    ["rows of acknowledged", (p) => p.reconciliation.rowsOfAcknowledged],
    ["rows in database", (p) => p.reconciliation.rows],
    ["lost", (p) => p.reconciliation.lost],
    ["bot answers", (p) => p.reconciliation.botAnswers],
    ["statements/message", (p) => p.statements?.round.statementsPerMessage],
    ["round trips/message", (p) => p.statements?.round.roundTripsPerMessage],
    ["web CPU % of a core", (p) => p.cpu.webPercentOfOneCore],
    ["bench CPU %", (p) => p.cpu.benchProcessPercentOfOneCore],
    ["mariadbd CPU %", (p) => p.cpu.databasePercentOfOneCore],
    ["web CPU ms/message", (p) => p.cpuMsPerMessage.web],
    ["bench CPU ms/message", (p) => p.cpuMsPerMessage.benchProcess],
    ["mariadbd CPU ms/msg", (p) => p.cpuMsPerMessage.database],
    ["soketi CPU %", (p) => p.cpu.soketiPercentOfOneCore],
    ["worker CPU %", (p) => p.cpu.workerPercentOfOneCore],
  ];
  console.log(
    `\n${SENDERS} senders, ${SECONDS} s, ${WEB_PROCESSES} web process(es), ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}\n`,
  );
  console.log(`${"".padEnd(22)}${cell("http")}${cell("in-process")}`);
  for (const [label, get] of rows) console.log(`${label.padEnd(22)}${cell(get(figures.http))}${cell(get(figures.inProcess))}`);
  for (const [phase, p] of [
    ["http", figures.http],
    ["in-process", figures.inProcess],
  ] as const)
    if (p.errorCount) console.log(`${phase} errors: ${JSON.stringify(p.errors)}`);
  if (httpStatements) {
    console.log(`\nstatements of one message that follows another in a bot conversation (http):`);
    for (const line of httpStatements.followingMessage) console.log(`  ${line.slice(0, 160)}`);
  } else console.log("\nstatements were not counted: the database server's general log is not readable from here");
  console.log(`\nwritten to ${join(RESULTS_DIR, "ingest.json")}`);
  await shutdown(0);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
