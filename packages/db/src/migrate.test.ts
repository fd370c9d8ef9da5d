import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfig } from "./client.ts";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

let database: TestDatabase;
let connection: mariadb.Connection;
beforeAll(async () => {
  database = await createTestDatabase();
  connection = await mariadb.createConnection(poolConfig(database.url));
});
afterAll(async () => {
  await connection.end();
  await database.drop();
});

describe("migrator", () => {
  it("records migrations as prisma migrate deploy does", async () => {
    const rows = await connection.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]>(
      "SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    const files = readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(files.map((f) => [f.name, f.checksum, 1]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("is a no-op when run again", async () => {
    const result = await migrate(database.url);
    expect(result).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it("refuses a migration changed after it was applied, with a clear message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kefu-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = readMigrations()[0]!;
    writeFileSync(join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(migrate(database.url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });
});
