import { z } from "zod";
import { parseFieldKeys, type FieldKeys } from "./crypto.ts";
import { readEnv } from "./read-env.ts";

// `next build` runs with NODE_ENV=production but starts nothing: secrets are required when a process starts.
const isProduction = process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build";

/** A secret that has a development default but must be set explicitly in production. */
export function secret(devDefault: string, minLength = 16) {
  const base = z.string().min(minLength, `must be at least ${minLength} characters`);
  return isProduction ? base : base.default(devDefault);
}

export const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, "must be a mysql:// or mariadb:// URL")
    .default("mysql://root@127.0.0.1:3306/kefu"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** how Prisma's statements reach the server (client.ts) */
  DATABASE_PROTOCOL: z.enum(["text", "binary"]).default("binary"),
  /** statements taking at least this many milliseconds are logged and counted; 0 turns it off */
  SLOW_QUERY_MS: z.coerce.number().int().min(0).max(600_000).default(500),
});

export const fieldKeysEnvSchema = z.object({
  /** `kid:base64(32 bytes)[,kid:…]`; the first key encrypts, all decrypt */
  FIELD_ENCRYPTION_KEYS: secret("dev1:ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=", 10).refine((value) => {
    try {
      parseFieldKeys(value, "x");
      return true;
    } catch {
      return false;
    }
  }, "must be kid:<32 bytes in base64>[,kid:…]"),
  LOOKUP_HASH_KEY: secret("dev-only-lookup-hash-key-change-me"),
});

export const dbEnv = () => readEnv(dbEnvSchema, process.env);
export const databaseProtocol = () => readEnv(dbEnvSchema.pick({ DATABASE_PROTOCOL: true }), process.env).DATABASE_PROTOCOL;

let cachedKeys: FieldKeys | undefined;
export function fieldKeysFromEnv(): FieldKeys {
  if (!cachedKeys) {
    const env = readEnv(fieldKeysEnvSchema, process.env);
    cachedKeys = parseFieldKeys(env.FIELD_ENCRYPTION_KEYS, env.LOOKUP_HASH_KEY);
  }
  return cachedKeys;
}

/** The server test databases are created on (TEST_DATABASE_URL, else DATABASE_URL); the database name in it is ignored. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? dbEnv().DATABASE_URL;
}

export const backupEnvSchema = z.object({
  /** where `pnpm db:backup` writes; default `.data/backups` in the workspace */
  BACKUP_DIR: z.string().min(1).optional(),
  /** backups of one database kept; older ones are removed after each backup */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
});

export const backupEnv = () => readEnv(backupEnvSchema, process.env);
