/**
 * Gauges read when /api/metrics is scraped: the queue, agents on duty, the job outbox, database and realtime
 * reachability, the database pool, free disk space, the newest backup and the public certificate's expiry.
 *
 * The database figures come from one statement per scrape (a UNION of three grouped reads, each on an index:
 * Conversation(status, …), User(presence), Job(status, runAt)); every gauge of one scrape shares its result.
 * The gauges are registered once per process; `scrapeGauge` ignores a second registration of a name.
 */
import { readdir, stat, statfs } from "node:fs/promises";
import { connect } from "node:tls";
import type { Db } from "@kefu/db/client";
import { databasePoolStats } from "@kefu/db/client";
import { logger } from "../../logger.ts";
import { scrapeGauge } from "../../observability/metrics.ts";
import { getPusher } from "../../realtime/pusher.ts";

export interface OperationalGaugeOptions {
  /** directories whose file system's free space is reported (attachments, backups) */
  diskPaths: string[];
  /** where `pnpm db:backup` writes; the newest file's time is the last successful backup */
  backupDir: string | null;
  /** the public URL; its certificate's expiry is reported when it is https */
  publicUrl: string | null;
}

interface DatabaseSnapshot {
  up: boolean;
  /** team id (or "none") → [waiting, oldest queuedAt] */
  queue: Map<string, { waiting: number; oldest: Date | null }>;
  presence: Map<string, number>;
  jobs: Map<string, number>;
  oldestDueJob: Date | null;
}

type Row = { k: string; label: string | null; n: bigint | number; t: Date | null };

/** One statement: queued conversations per team, staff per presence, jobs per open status. */
export async function readDatabaseSnapshot(db: Db): Promise<DatabaseSnapshot> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT 'queue' AS k, CAST(teamId AS CHAR) AS label, COUNT(*) AS n, MIN(queuedAt) AS t
      FROM Conversation WHERE status = 'QUEUED' GROUP BY teamId
    UNION ALL
    SELECT 'presence', presence, COUNT(*), NULL
      FROM \`User\` WHERE presence IN ('ONLINE', 'BUSY', 'AWAY') AND disabledAt IS NULL GROUP BY presence
    UNION ALL
    SELECT 'job', status, COUNT(*), MIN(runAt)
      FROM Job WHERE status IN ('PENDING', 'RUNNING', 'DEAD') GROUP BY status`;
  const snapshot: DatabaseSnapshot = { up: true, queue: new Map(), presence: new Map(), jobs: new Map(), oldestDueJob: null };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.k === "queue") snapshot.queue.set(row.label ?? "none", { waiting: n, oldest: row.t });
    else if (row.k === "presence" && row.label) snapshot.presence.set(row.label, n);
    else if (row.k === "job" && row.label) {
      snapshot.jobs.set(row.label, n);
      if (row.label === "PENDING") snapshot.oldestDueJob = row.t;
    }
  }
  return snapshot;
}

const EMPTY: DatabaseSnapshot = { up: false, queue: new Map(), presence: new Map(), jobs: new Map(), oldestDueJob: null };

/** The certificate's expiry is looked up at most this often (ms). */
const CERTIFICATE_CHECK_INTERVAL = 60 * 60_000;

function certificateExpiry(url: URL): Promise<Date | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, timeout: 5000 }, () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      resolve(certificate.valid_to ? new Date(certificate.valid_to) : null);
    });
    socket.on("error", () => resolve(null));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(null);
    });
  });
}

async function newestBackup(dir: string): Promise<Date | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let newest: Date | null = null;
  for (const name of names) {
    if (!name.endsWith(".sql.gz")) continue;
    const info = await stat(`${dir}/${name}`).catch(() => null);
    if (info && (!newest || info.mtime > newest)) newest = info.mtime;
  }
  return newest;
}

/** What the gauges read: set before every scrape. */
let source: { db: Db; options: OperationalGaugeOptions; snapshot: Promise<DatabaseSnapshot> | null } | null = null;

/** One database read per scrape: the gauges are collected concurrently and share it. */
function snapshot(): Promise<DatabaseSnapshot> {
  if (!source) return Promise.resolve(EMPTY);
  const { db } = source;
  return (source.snapshot ??= readDatabaseSnapshot(db).catch((error: unknown) => {
    logger.warn({ err: error }, "metrics: database snapshot failed");
    return EMPTY;
  }));
}

/**
 * Points the scrape-time gauges at this database and these settings for the scrape about to run (each call starts a
 * fresh database read); the gauges are registered on the first call.
 */
export function registerOperationalGauges(db: Db, options: OperationalGaugeOptions) {
  source = { db, options, snapshot: null };
  registerGauges();
}

function registerGauges() {
  scrapeGauge({
    name: "kefu_database_up",
    help: "1 when the database answered this scrape's read, else 0",
    collect: async (gauge) => gauge.set((await snapshot()).up ? 1 : 0),
  });
  scrapeGauge({
    name: "kefu_queue_length",
    help: "Conversations waiting in the queue, by team id (none: no team)",
    labelNames: ["team"],
    collect: async (gauge) => {
      gauge.reset();
      for (const [team, { waiting }] of (await snapshot()).queue) gauge.set({ team }, waiting);
    },
  });
  scrapeGauge({
    name: "kefu_queue_oldest_wait_seconds",
    help: "How long the longest-waiting queued conversation has waited, by team id",
    labelNames: ["team"],
    collect: async (gauge) => {
      gauge.reset();
      const now = Date.now();
      for (const [team, { oldest }] of (await snapshot()).queue) gauge.set({ team }, oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0);
    },
  });
  scrapeGauge({
    name: "kefu_agents_on_duty",
    help: "Staff signed in and not offline, by presence (ONLINE, BUSY, AWAY)",
    labelNames: ["presence"],
    collect: async (gauge) => {
      const presence = (await snapshot()).presence;
      for (const state of ["ONLINE", "BUSY", "AWAY"]) gauge.set({ presence: state }, presence.get(state) ?? 0);
    },
  });
  scrapeGauge({
    name: "kefu_outbox_jobs",
    help: "Jobs in the outbox not yet done, by status (PENDING, RUNNING)",
    labelNames: ["status"],
    collect: async (gauge) => {
      const jobs = (await snapshot()).jobs;
      for (const status of ["PENDING", "RUNNING"]) gauge.set({ status }, jobs.get(status) ?? 0);
    },
  });
  scrapeGauge({
    name: "kefu_outbox_oldest_due_seconds",
    help: "How long the oldest due job has waited past its run time (0 when none is overdue)",
    collect: async (gauge) => {
      const oldest = (await snapshot()).oldestDueJob;
      gauge.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
  scrapeGauge({
    name: "kefu_jobs_dead",
    help: "Jobs that used up their attempts (DEAD), kept for replay on the jobs page",
    collect: async (gauge) => gauge.set((await snapshot()).jobs.get("DEAD") ?? 0),
  });
  scrapeGauge({
    name: "kefu_realtime_up",
    help: "1 when the realtime server (soketi / Pusher) answered this scrape's probe, else 0",
    collect: async (gauge) => {
      const ok = await getPusher()
        .get({ path: "/channels" })
        .then((response) => response.status === 200)
        .catch(() => false);
      gauge.set(ok ? 1 : 0);
    },
  });
  scrapeGauge({
    name: "kefu_db_pool_connections",
    help: "Connections of this process's database pool, by state (active, idle)",
    labelNames: ["state"],
    collect: (gauge) => {
      const pool = databasePoolStats();
      gauge.set({ state: "active" }, pool?.active ?? 0);
      gauge.set({ state: "idle" }, pool?.idle ?? 0);
    },
  });
  scrapeGauge({
    name: "kefu_db_pool_max_connections",
    help: "The size limit of this process's database pool (DATABASE_POOL_SIZE)",
    collect: (gauge) => gauge.set(databasePoolStats()?.limit ?? 0),
  });
  scrapeGauge({
    name: "kefu_db_pool_waiting_requests",
    help: "Requests waiting for a free connection of this process's database pool",
    collect: (gauge) => gauge.set(databasePoolStats()?.waiting ?? 0),
  });
  scrapeGauge({
    name: "kefu_disk_free_ratio",
    help: "Free share (0–1) of the file system holding each data directory",
    labelNames: ["path"],
    collect: async (gauge) => {
      for (const path of source?.options.diskPaths ?? []) {
        const info = await statfs(path).catch(() => null);
        if (info && info.blocks > 0) gauge.set({ path }, info.bavail / info.blocks);
      }
    },
  });
  scrapeGauge({
    name: "kefu_backup_last_success_timestamp_seconds",
    help: "Unix time of the newest backup file in BACKUP_DIR (absent when there is none)",
    collect: async (gauge) => {
      gauge.reset();
      const backupDir = source?.options.backupDir;
      const newest = backupDir ? await newestBackup(backupDir) : null;
      if (newest) gauge.set(newest.getTime() / 1000);
    },
  });
  let certificate: { at: number; expiry: Date | null } | null = null;
  scrapeGauge({
    name: "kefu_tls_certificate_expiry_timestamp_seconds",
    help: "Unix time the public URL's TLS certificate expires (absent when the URL is not https)",
    collect: async (gauge) => {
      gauge.reset();
      const publicUrl = source?.options.publicUrl;
      const url = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl) : null;
      if (url?.protocol !== "https:") return;
      if (!certificate || Date.now() - certificate.at > CERTIFICATE_CHECK_INTERVAL) certificate = { at: Date.now(), expiry: await certificateExpiry(url) };
      if (certificate.expiry) gauge.set(certificate.expiry.getTime() / 1000);
    },
  });
}
