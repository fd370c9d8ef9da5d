import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import * as mariadb from "mariadb";
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
const openPools = new Set<mariadb.Pool>();

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

const poolLimits = new WeakMap<mariadb.Pool, number>();

/**
 * The mariadb adapter, but the pool is made here, so that its counters can be read (the adapter keeps the pool it
 * makes to itself). Each connect makes a new pool and the adapter ends it on disconnect, as with its own pools.
 */
class ObservedMariaDb extends PrismaMariaDb {
  readonly #config: ReturnType<typeof poolConfig>;
  readonly #options: { useTextProtocol: boolean };
  constructor(config: ReturnType<typeof poolConfig>, options: { useTextProtocol: boolean }) {
    super(config, options);
    this.#config = config;
    this.#options = options;
  }
  override async connect() {
    const pool = mariadb.createPool(this.#config);
    poolLimits.set(pool, this.#config.connectionLimit);
    openPools.add(pool);
    // the adapter pins its own mariadb release; the pool API it uses is the same in ours
    return new PrismaMariaDb(pool as unknown as ConstructorParameters<typeof PrismaMariaDb>[0], { ...this.#options, disposeExternalPool: true }).connect();
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
