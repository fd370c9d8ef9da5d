/**
 * The customer list at scale (issue 10): list, search and filter latency on BENCH_CUSTOMERS (100,000) customers, and an
 * export of all of them with flat memory. In-process, through the services the tRPC procedures call (the database's
 * work is what grows with the customers; the HTTP layer around it does not).
 *
 *   pnpm bench:customers
 *   BENCH_CUSTOMERS=200000 BENCH_CUSTOMERS_RUNS=50 pnpm bench:customers
 *
 * It uses a database of its own (`kefu_bench_customers`): migrated and seeded with a small demo (staff, teams, tags,
 * 2,000 customers with conversations), then topped up to BENCH_CUSTOMERS customers with multi-row inserts (names,
 * levels, phone hashes, e-mails, CRM ids, owner teams, tags); kept between runs and reused while it has as many
 * customers (BENCH_CUSTOMERS_FRESH=1 starts over). Each query runs BENCH_CUSTOMERS_RUNS (30) times after 3 warm-up
 * runs; p50 / p95 / max in ms, against the target p95 ≤ 100 ms for list and search. The export streams every
 * customer to CSV and to XLSX, sampling this process's RSS every 20 ms: peak minus the RSS before it starts.
 *
 * Writes bench/results/customers.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, type Connection } from "mariadb";
import { createDb, poolConfig } from "@kefu/db/client";
import { hashLookup, parseFieldKeys } from "@kefu/db/crypto";
import { migrate } from "@kefu/db/migrate";
import { seedDemo } from "@kefu/db/seed";

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "results");

function bounded(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const CUSTOMERS = bounded("BENCH_CUSTOMERS", 100_000, 5_000, 2_000_000);
const RUNS = bounded("BENCH_CUSTOMERS_RUNS", 30, 5, 1_000);
const WARM_UP = 3;
const INSERT_BATCH = 2_000;
const DATABASE_NAME = "kefu_bench_customers";
const TARGET_P95_MS = 100;

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";
const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${DATABASE_NAME}`);
const secrets = {
  FIELD_ENCRYPTION_KEYS: "bench1:YmVuY2gtZmllbGQta2V5LTAxMjM0NTY3ODlhYmNkZWY=",
  LOOKUP_HASH_KEY: "bench-lookup-hash-key-0123456789",
  AUDIT_HMAC_KEY: "bench-audit-hmac-key-0123456789",
};
Object.assign(process.env, secrets, { DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });

const { countCustomers, listCustomers, runCustomerExportJob, startCustomerExport, openCustomerExport } =
  await import("../packages/api/src/services/customer/index.ts");
const { percentile } = await import("../packages/api/src/services/knowledge/evaluation.ts");
const { completeJob } = await import("../packages/api/src/job-queue/queue.ts");

const config = poolConfig(databaseUrl);
async function connect(database: string | undefined): Promise<Connection> {
  return createConnection({ ...config, database });
}

// ------------------------------------------------------------------------------------------------ the data set

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";
const LEVELS = ["NORMAL", "NORMAL", "NORMAL", "NORMAL", "NORMAL", "NORMAL", "VIP", "VIP", "SVIP", "NORMAL"] as const;
const DAY = 86_400_000;

/** the n-th generated customer's phone, unique */
const phoneOf = (n: number) => `139${String(n).padStart(8, "0")}`;

async function ensureData(): Promise<{ generated: number; seconds: number }> {
  const started = performance.now();
  const admin = await connect(undefined);
  const exists =
    (await admin.query<{ n: bigint }[]>("SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [DATABASE_NAME]))[0]!.n > 0n;
  if (!exists || process.env.BENCH_CUSTOMERS_FRESH === "1") {
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE_NAME}\``);
    await admin.end();
    await migrate(databaseUrl);
    await seedDemo(databaseUrl, { conversations: 4_000, customers: 2_000 });
  } else {
    await admin.end();
  }
  const db = await connect(DATABASE_NAME);
  try {
    const have = Number((await db.query<{ n: bigint }[]>("SELECT COUNT(*) AS n FROM `Customer`"))[0]!.n);
    const missing = CUSTOMERS - have;
    if (missing <= 0) return { generated: 0, seconds: 0 };
    const teams = (await db.query<{ id: number }[]>("SELECT id FROM `Team` ORDER BY id")).map((t) => Number(t.id));
    const tags = (await db.query<{ id: number }[]>("SELECT id FROM `Tag` ORDER BY id")).map((t) => Number(t.id));
    const keys = parseFieldKeys(secrets.FIELD_ENCRYPTION_KEYS, secrets.LOOKUP_HASH_KEY);
    const now = Date.now();
    const firstId = Number((await db.query<{ n: bigint | null }[]>("SELECT MAX(id) AS n FROM `Customer`"))[0]!.n ?? 0) + 1;
    for (let offset = 0; offset < missing; offset += INSERT_BATCH) {
      const size = Math.min(INSERT_BATCH, missing - offset);
      const rows: unknown[] = [];
      const tagRows: unknown[] = [];
      for (let i = 0; i < size; i++) {
        const n = offset + i;
        const id = firstId + n;
        const firstSeen = new Date(now - ((n * 7919) % 720) * DAY);
        const lastSeen = new Date(Math.min(now, firstSeen.getTime() + ((n * 104_729) % (400 * DAY))));
        const phone = phoneOf(n);
        rows.push(
          id,
          `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${GIVEN[(n * 13) % GIVEN.length]}`,
          n % 10 < 9 ? hashLookup(keys, phone) : null,
          n % 10 < 9 ? phone.slice(-4) : null,
          n % 3 === 0 ? `user${n}@example.cn` : null,
          n % 4 === 0 ? `CRMB-${String(n).padStart(7, "0")}` : null,
          LEVELS[n % LEVELS.length],
          firstSeen,
          lastSeen,
          (n * 31) % 17,
          n % 5 === 0 && teams.length ? teams[n % teams.length] : null,
          firstSeen,
          lastSeen,
        );
        if (tags.length && n % 3 === 0) tagRows.push(id, tags[n % tags.length], firstSeen);
        if (tags.length > 1 && n % 7 === 0) tagRows.push(id, tags[(n + 1) % tags.length], firstSeen);
      }
      await db.query(
        "INSERT INTO `Customer` (id, name, phoneHash, phoneLast4, email, externalId, level, firstSeenAt, lastSeenAt, conversationCount, ownerTeamId, createdAt, updatedAt) VALUES " +
          Array.from({ length: size }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", "),
        rows,
      );
      if (tagRows.length) {
        await db.query(
          "INSERT IGNORE INTO `CustomerTag` (customerId, tagId, createdAt) VALUES " + Array.from({ length: tagRows.length / 3 }, () => "(?, ?, ?)").join(", "),
          tagRows,
        );
      }
    }
    await db.query("ANALYZE TABLE `Customer`, `CustomerTag`");
    return { generated: missing, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await db.end();
  }
}

// ------------------------------------------------------------------------------------------------ measuring

const round = (v: number) => Math.round(v * 10) / 10;

async function timed(name: string, call: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  const result = { name, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) };
  console.log(
    `${name.padEnd(44)} p50 ${String(result.p50).padStart(7)} ms   p95 ${String(result.p95).padStart(7)} ms   max ${String(result.max).padStart(7)} ms`,
  );
  return result;
}

const prepared = await ensureData();
const db = createDb(databaseUrl);
const adminUser = await db.user.findFirstOrThrow({ where: { employeeNo: "1000" }, select: { id: true, role: true } });
const agentUser = await db.user.findFirstOrThrow({ where: { employeeNo: "3001" }, select: { id: true, role: true } });
const total = await db.customer.count();
const vipTag = await db.tag.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
console.log(`customers: ${total} (${prepared.generated} generated in ${prepared.seconds} s)`);

const firstPage = await listCustomers(db, adminUser, { limit: 50 });
const everyone = { kind: "filter" as const, filter: { conditions: [] } };
const queries = [
  await timed("list, last seen first (page 1)", () => listCustomers(db, adminUser, { audience: everyone, limit: 50 })),
  await timed("list, page 2 by cursor", () => listCustomers(db, adminUser, { audience: everyone, cursor: firstPage.nextCursor, limit: 50 })),
  await timed("list, by name", () => listCustomers(db, adminUser, { sort: { field: "name", direction: "asc" }, limit: 50 })),
  await timed("list, by conversation count", () => listCustomers(db, adminUser, { sort: { field: "conversationCount", direction: "desc" }, limit: 50 })),
  await timed("list, agent (customers they serve)", () => listCustomers(db, agentUser, { limit: 50 })),
  await timed("search, name contains 王芳", () =>
    listCustomers(db, adminUser, { audience: { kind: "filter", filter: { conditions: [{ kind: "search", value: "王芳" }] } }, limit: 50 }),
  ),
  await timed("search, exact phone", () =>
    listCustomers(db, adminUser, { audience: { kind: "filter", filter: { conditions: [{ kind: "search", value: phoneOf(4242) }] } }, limit: 50 }),
  ),
  await timed("search, exact CRM id", () =>
    listCustomers(db, adminUser, { audience: { kind: "filter", filter: { conditions: [{ kind: "search", value: "CRMB-0004000" }] } }, limit: 50 }),
  ),
  await timed("filter, level VIP + SVIP", () =>
    listCustomers(db, adminUser, { audience: { kind: "filter", filter: { conditions: [{ kind: "level", levels: ["VIP", "SVIP"] }] } }, limit: 50 }),
  ),
  await timed("filter, VIP AND tag AND ≥ 5 conversations", () =>
    listCustomers(db, adminUser, {
      audience: {
        kind: "filter",
        filter: {
          conditions: [
            { kind: "level", levels: ["VIP"] },
            { kind: "tags", op: "any", tagIds: [vipTag.id] },
            { kind: "conversationCount", range: { min: 5 } },
          ],
        },
      },
      limit: 50,
    }),
  ),
  await timed("count, everyone", () => countCustomers(db, adminUser, { audience: everyone })),
  await timed("count, level VIP + SVIP", () =>
    countCustomers(db, adminUser, { audience: { kind: "filter", filter: { conditions: [{ kind: "level", levels: ["VIP", "SVIP"] }] } } }),
  ),
];

async function measureExport(format: "csv" | "xlsx") {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const job = await startCustomerExport(db, adminUser, { audience: everyone, format });
  const payload = (await db.job.findUniqueOrThrow({ where: { id: job.jobId }, select: { payload: true } })).payload;
  const result = await runCustomerExportJob(db, job.jobId, payload);
  await completeJob(db, job.jobId);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const file = await openCustomerExport(db, adminUser, job.jobId);
  await rm(file.path, { force: true });
  await db.job.delete({ where: { id: job.jobId } });
  const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  const figures = {
    format,
    rows: result.rows,
    seconds: round(seconds),
    rowsPerSecond: Math.round(result.rows / seconds),
    fileMb: mb(file.size),
    rssBeforeMb: mb(before),
    rssPeakMb: mb(peak),
    rssGrowthMb: mb(peak - before),
  };
  console.log(
    `export ${format}: ${figures.rows} rows in ${figures.seconds} s, file ${figures.fileMb} MB, RSS ${figures.rssBeforeMb} → peak ${figures.rssPeakMb} MB (+${figures.rssGrowthMb} MB)`,
  );
  return figures;
}

const exports = [await measureExport("csv"), await measureExport("xlsx")];
await db.$disconnect();

const listAndSearch = queries.filter((q) => q.name.startsWith("list") || q.name.startsWith("search"));
const worst = Math.max(...listAndSearch.map((q) => q.p95));
const report = {
  at: new Date().toISOString(),
  // a loaded machine inflates every figure: read them beside the load
  loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  cpus: availableParallelism(),
  customers: total,
  runs: RUNS,
  queries,
  exports,
  target: { listAndSearchP95Ms: TARGET_P95_MS, worstP95Ms: worst, met: worst <= TARGET_P95_MS },
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, "customers.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`load average ${report.loadAverage.join(" ")} on ${report.cpus} CPUs`);
console.log(`list/search worst p95 ${worst} ms (target ≤ ${TARGET_P95_MS} ms): ${report.target.met ? "met" : "NOT met"}`);
console.log(`written ${join(RESULTS_DIR, "customers.json")}`);
