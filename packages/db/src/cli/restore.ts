// pnpm db:restore <file> [--database <name>] [--force] — loads a db:backup file into a database on DATABASE_URL's
// server (default: DATABASE_URL's own database). A database that has tables is refused without --force.
import { parseArgs } from "node:util";
import { BackupError, restoreDatabase } from "../backup.ts";
import { poolConfig } from "../client.ts";
import { dbEnv } from "../env.ts";

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    allowPositionals: true,
    options: { database: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new BackupError("usage: pnpm db:restore <file.sql.gz> [--database <name>] [--force]");
  const { DATABASE_URL } = dbEnv();
  const database = values.database ?? poolConfig(DATABASE_URL).database;
  const started = Date.now();
  const result = await restoreDatabase({ url: DATABASE_URL, file, database, force: values.force });
  console.log(`Restored ${file} into ${result.database}: ${result.tables} tables (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  const known = error instanceof BackupError || (error instanceof Error && (error.name === "EnvError" || "code" in error));
  console.error(known && error instanceof Error ? error.message : error);
  process.exit(1);
}
