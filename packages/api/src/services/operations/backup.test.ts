/**
 * Backup and restore round trip: a seeded database → `backupDatabase` → `restoreDatabase` into a new database; every
 * table has the same number of rows and the audit hash chain verifies on the copy.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { backupDatabase, BackupError, restoreDatabase } from "@kefu/db/backup";
import { createDb, poolConfig, type Db } from "@kefu/db/client";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import * as mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "../audit/index.ts";

let source: TestDatabase;
let dir: string;
let restoredName: string;
let restoredUrl: string;
let restored: Db | undefined;

async function rowCounts(url: string, database: string): Promise<Record<string, number>> {
  const connection = await mariadb.createConnection({ ...poolConfig(url), database });
  try {
    const tables = await connection.query<{ name: string }[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [database],
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await connection.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM \`${name}\``))[0]!.n);
    return counts;
  } finally {
    await connection.end();
  }
}

beforeAll(async () => {
  source = await createTestDatabase("kefu_backup");
  await seedDemo(source.url, { conversations: 20, customers: 15 });
  for (let i = 0; i < 5; i++)
    await appendAudit(source.db, { actorId: null, actorLabel: "backup-test", action: `backup.test.${i}`, result: "SUCCESS", detail: { i, text: "备份测试" } });
  dir = await mkdtemp(path.join(tmpdir(), "kefu-backup-"));
  restoredName = `${source.name}_restored`;
  const url = new URL(source.url);
  url.pathname = `/${restoredName}`;
  restoredUrl = url.toString();
});

afterAll(async () => {
  await restored?.$disconnect();
  const connection = await mariadb.createConnection({ ...poolConfig(source.url), database: undefined });
  await connection.query(`DROP DATABASE IF EXISTS \`${restoredName}\``).finally(() => connection.end());
  await source?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("db:backup and db:restore", () => {
  it("round trip: same rows in every table, and the audit chain verifies on the copy", async () => {
    expect((await verifyAuditChain(source.db)).ok).toBe(true);
    const backup = await backupDatabase({ url: source.url, dir, keep: 3 });
    expect(path.basename(backup.file)).toMatch(new RegExp(`^kefu-${source.name}-\\d{8}T\\d{9}Z\\.sql\\.gz$`));
    expect(backup.bytes).toBeGreaterThan(1000);

    const result = await restoreDatabase({ url: source.url, file: backup.file, database: restoredName });
    const before = await rowCounts(source.url, source.name);
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(before.Message).toBeGreaterThan(0);
    expect(result.tables).toBe(Object.keys(before).length);
    expect(await rowCounts(source.url, restoredName)).toEqual(before);

    restored = createDb(restoredUrl, 2);
    const verdict = await verifyAuditChain(restored);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.rows).toBe(before.AuditLog);
  });

  it("refuses to overwrite a database that has tables unless forced", async () => {
    const [file] = (await readdir(dir)).filter((name) => name.endsWith(".sql.gz"));
    const backupFile = path.join(dir, file!);
    await expect(restoreDatabase({ url: source.url, file: backupFile, database: restoredName })).rejects.toThrow(
      new RegExp(`^database: ${restoredName} already has \\d+ tables`),
    );
    // a row written after the backup disappears when the backup is forced over the copy
    await restored!.auditLog.deleteMany({ where: { action: "backup.test.4" } });
    await restored!.$disconnect();
    restored = undefined;
    await restoreDatabase({ url: source.url, file: backupFile, database: restoredName, force: true });
    expect(await rowCounts(source.url, restoredName)).toEqual(await rowCounts(source.url, source.name));
  });

  it("keeps the newest N backups", async () => {
    const names = [];
    for (const day of [1, 2, 3, 4])
      names.push(path.basename((await backupDatabase({ url: source.url, dir, keep: 3, now: new Date(Date.UTC(2030, 0, day)) })).file));
    const kept = (await readdir(dir)).filter((name) => name.endsWith(".sql.gz")).sort();
    expect(kept).toEqual(names.slice(1));
  });

  it("names the bad input: a file that is not a backup, a bad database name, a missing file", async () => {
    const stray = path.join(dir, "notes.txt");
    await writeFile(stray, "x");
    await expect(restoreDatabase({ url: source.url, file: stray, database: "kefu_x" })).rejects.toThrow(/^file: expected a \.sql\.gz backup/);
    await expect(restoreDatabase({ url: source.url, file: path.join(dir, "nope.sql.gz"), database: "kefu_x" })).rejects.toThrow(/^file: .* does not exist/);
    await expect(restoreDatabase({ url: source.url, file: path.join(dir, "nope.sql.gz"), database: "bad-name; DROP" })).rejects.toBeInstanceOf(BackupError);
    await expect(backupDatabase({ url: source.url, dir, keep: 0 })).rejects.toThrow(/^keep: must be a whole number/);
  });
});
