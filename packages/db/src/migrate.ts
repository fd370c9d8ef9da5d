/**
 * Applies prisma/migrations/<ts>_<name>/migration.sql in order and keeps `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (sha256 checksum of the file, started/finished
 * timestamps, applied step count), so a machine with the schema engine can switch to
 * `prisma migrate deploy` on the same folder.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as mariadb from "mariadb";
import { poolConfig } from "./client.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
    \`id\` VARCHAR(36) NOT NULL,
    \`checksum\` VARCHAR(64) NOT NULL,
    \`finished_at\` DATETIME(3) NULL,
    \`migration_name\` VARCHAR(255) NOT NULL,
    \`logs\` TEXT NULL,
    \`rolled_back_at\` DATETIME(3) NULL,
    \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4`;

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const config = poolConfig(url);
  const connection = await mariadb.createConnection({ ...config, database: undefined });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${config.database.replace(/`/g, "")}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(url: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const migrations = readMigrations(options.dir);
  await ensureDatabase(url);
  const connection = await mariadb.createConnection({ ...poolConfig(url), multipleStatements: true });
  try {
    // One migrator at a time, also across several web instances starting together.
    const [lock] = await connection.query<{ locked: number | bigint }[]>("SELECT GET_LOCK('kefu_migrate', 120) AS locked");
    if (Number(lock?.locked) !== 1) throw new MigrationError("Could not take the migration lock within 120 s");
    await connection.query(CREATE_MIGRATIONS_TABLE);
    const rows = await connection.query<AppliedRow[]>(
      "SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );
    const applied = new Map(rows.filter((r) => !r.rolled_back_at).map((r) => [r.migration_name, r]));
    for (const row of applied.values()) {
      if (!row.finished_at) {
        throw new MigrationError(`Migration ${row.migration_name} started but did not finish. Fix the database by hand, then mark it rolled back or applied.`);
      }
    }
    const result: MigrateResult = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const existing = applied.get(migration.name);
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum ${existing.checksum.slice(0, 12)}… in the database, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations must not be edited: add a new migration instead.`,
          );
        }
        result.alreadyApplied++;
        continue;
      }
      const id = randomUUID();
      await connection.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), 0)",
        [id, migration.checksum, migration.name],
      );
      try {
        await connection.query(migration.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await connection.query("UPDATE _prisma_migrations SET logs = ? WHERE id = ?", [message, id]);
        throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
      }
      await connection.query("UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?", [id]);
      log(`applied ${migration.name}`);
      result.applied.push(migration.name);
    }
    await connection.query("SELECT RELEASE_LOCK('kefu_migrate')");
    return result;
  } finally {
    await connection.end();
  }
}
