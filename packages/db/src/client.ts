import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaClient } from "../generated/prisma/client.ts";
import { databaseProtocol, dbEnv } from "./env.ts";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client.ts";
export * from "../generated/prisma/enums.ts";

/**
 * Statements prepared on the server that each pooled connection keeps for reuse (binary protocol). Without the
 * cache every statement costs three round trips (prepare, execute, close).
 */
export const PREPARED_STATEMENTS_PER_CONNECTION = 256;

export type DatabaseProtocol = "text" | "binary";

/** Parses a mysql:// URL into mariadb pool settings; every session runs in UTC. */
export function poolConfig(url: string, connectionLimit = 10) {
  const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    connectionLimit,
    initSql: "SET time_zone = '+00:00'",
    acquireTimeout: 20_000,
    prepareCacheLength: PREPARED_STATEMENTS_PER_CONNECTION,
  };
}

/** The pools this process has open (one per connected client), for the pool gauges of /api/metrics. */
const openPools = new Set<PoolCounters>();

/** Connections of this process's pools, added up; null when no client has connected yet. */
export function databasePoolStats(): { active: number; idle: number; limit: number; waiting: number } | null {
  let stats: { active: number; idle: number; limit: number; waiting: number } | null = null;
  for (const pool of openPools) {
    if (pool.closed) {
      openPools.delete(pool);
      continue;
    }
    stats ??= { active: 0, idle: 0, limit: 0, waiting: 0 };
    stats.active += pool.activeConnections();
    stats.idle += pool.idleConnections();
    stats.limit += poolLimits.get(pool) ?? 0;
    stats.waiting += pool.taskQueueSize();
  }
  return stats;
}

const poolLimits = new WeakMap<PoolCounters, number>();

/** The pool counters this process reads (the adapter's pool, whose type comes from the adapter's own mariadb release). */
interface PoolCounters {
  closed: boolean;
  activeConnections(): number;
  idleConnections(): number;
  taskQueueSize(): number;
}

/**
 * The mariadb adapter, with its pool registered for the pool gauges. The adapter makes the pool itself, with the
 * mariadb release it pins (which returns JSON and dates as the adapter expects; a pool made with another release does
 * not), and keeps it as `client`; only its counters are read here.
 */
class ObservedMariaDb extends PrismaMariaDb {
  readonly #limit: number;
  constructor(config: ReturnType<typeof poolConfig>, options: { useTextProtocol: boolean }) {
    super(config, options);
    this.#limit = config.connectionLimit;
  }
  override async connect() {
    const adapter = await super.connect();
    const pool = (adapter as unknown as { client?: Partial<PoolCounters> }).client;
    if (pool && typeof pool.activeConnections === "function" && typeof pool.idleConnections === "function" && typeof pool.taskQueueSize === "function") {
      poolLimits.set(pool as PoolCounters, this.#limit);
      openPools.add(pool as PoolCounters);
    }
    return adapter;
  }
}

/** A statement that took at least the slow-query threshold (ms). */
export interface SlowQuery {
  query: string;
  durationMs: number;
}

let slowQueryListener: ((query: SlowQuery) => void) | null = null;

/** Who hears of slow statements (the API's logger and metrics); clients made with a threshold report to it. */
export function onSlowQuery(listener: ((query: SlowQuery) => void) | null) {
  slowQueryListener = listener;
}

/**
 * `binary`: server-side prepared statements, kept per connection (PREPARED_STATEMENTS_PER_CONNECTION); `text`: the
 * driver escapes the values into the statement and sends it in one round trip (DATABASE_PROTOCOL).
 * `slowQueryMs` > 0: every statement taking at least that long goes to the `onSlowQuery` listener (SLOW_QUERY_MS).
 */
export function createDb(url: string, connectionLimit = 10, protocol: DatabaseProtocol = databaseProtocol(), slowQueryMs = 0): Db {
  const adapter = new ObservedMariaDb(poolConfig(url, connectionLimit), { useTextProtocol: protocol === "text" });
  if (slowQueryMs <= 0) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    if (event.duration >= slowQueryMs) slowQueryListener?.({ query: event.query.slice(0, 2000), durationMs: event.duration });
  });
  return client;
}

const globalForDb = globalThis as unknown as { kefuDb?: Db };

/** The process-wide client, cached on globalThis so dev hot reloads do not open new pools. */
export function getDb(): Db {
  if (!globalForDb.kefuDb) {
    const env = dbEnv();
    globalForDb.kefuDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE, env.DATABASE_PROTOCOL, env.SLOW_QUERY_MS);
  }
  return globalForDb.kefuDb;
}
