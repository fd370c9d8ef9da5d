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

/**
 * `binary`: server-side prepared statements, kept per connection (PREPARED_STATEMENTS_PER_CONNECTION); `text`: the
 * driver escapes the values into the statement and sends it in one round trip (DATABASE_PROTOCOL).
 */
export function createDb(url: string, connectionLimit = 10, protocol: DatabaseProtocol = databaseProtocol()): Db {
  return new PrismaClient({ adapter: new PrismaMariaDb(poolConfig(url, connectionLimit), { useTextProtocol: protocol === "text" }) });
}

const globalForDb = globalThis as unknown as { kefuDb?: Db };

/** The process-wide client, cached on globalThis so dev hot reloads do not open new pools. */
export function getDb(): Db {
  if (!globalForDb.kefuDb) {
    const env = dbEnv();
    globalForDb.kefuDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE, env.DATABASE_PROTOCOL);
  }
  return globalForDb.kefuDb;
}
