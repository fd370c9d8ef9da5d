/**
 * Consistent backups of the database and their restore.
 *
 * A backup is `mariadb-dump --single-transaction` (one consistent snapshot of InnoDB tables without locking writers)
 * with routines, triggers and events, gzip-compressed into `<dir>/kefu-<database>-<UTC timestamp>.sql.gz`; it is
 * written under a `.partial` name and renamed when complete, so a file with the final name is always whole. After a
 * backup, the oldest files of the same database beyond `keep` are removed.
 *
 * A restore loads such a file into a named database, created when missing; a database that already has tables is
 * refused unless `force` is given.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import * as mariadb from "mariadb";
import { poolConfig } from "./client.ts";

export class BackupError extends Error {
  override name = "BackupError";
}

/** The workspace root (where pnpm-workspace.yaml is), so every package finds the same `.data`. */
function workspaceRoot(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

export function defaultBackupDir(): string {
  return path.join(workspaceRoot(), ".data", "backups");
}

/**
 * Runs the first of `programs` that is installed (MariaDB's name first, MySQL's as a fallback). The connection's
 * password goes in an option file readable by this user only, never on the command line (visible to all in `ps`).
 */
async function runClient(
  programs: string[],
  url: string,
  args: string[],
  stdio: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream },
): Promise<void> {
  const config = poolConfig(url);
  const optionsDir = await mkdtemp(path.join(tmpdir(), "kefu-db-"));
  const optionFile = path.join(optionsDir, "client.cnf");
  const quoted = config.password.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  await writeFile(optionFile, `[client]\npassword="${quoted}"\n`, { mode: 0o600 });
  const connection = [`--defaults-extra-file=${optionFile}`, `--host=${config.host}`, `--port=${config.port}`, `--user=${config.user}`];
  try {
    for (const [index, program] of programs.entries()) {
      try {
        await runOnce(program, [...connection, ...args], stdio);
        return;
      } catch (error) {
        const missing = error instanceof Error && "code" in error && error.code === "ENOENT";
        if (!missing) throw error;
        if (index === programs.length - 1)
          throw new BackupError(`none of ${programs.join(", ")} is installed (the MariaDB or MySQL client programs are needed)`);
      }
    }
  } finally {
    await rm(optionsDir, { recursive: true, force: true });
  }
}

function runOnce(program: string, args: string[], stdio: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [stdio.input ? "pipe" : "ignore", stdio.output ? "pipe" : "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const streams = [
      stdio.output && child.stdout ? pipeline(child.stdout, createGzip({ level: 6 }), stdio.output) : Promise.resolve(),
      stdio.input && child.stdin ? pipeline(stdio.input, createGunzip(), child.stdin) : Promise.resolve(),
    ];
    let failed = false;
    child.on("error", (error) => {
      failed = true;
      reject(error);
    });
    child.on("close", (code) => {
      if (failed) return;
      const exitError = new BackupError(`${program} exited with ${code}: ${stderr.trim().slice(0, 2000)}`);
      Promise.all(streams).then(
        () => (code === 0 ? resolve() : reject(exitError)),
        (error: unknown) => reject(code === 0 && error instanceof Error ? error : exitError),
      );
    });
  });
}

const NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

function checkDatabaseName(name: string, what: string) {
  if (!NAME_PATTERN.test(name)) throw new BackupError(`${what}: "${name}" is not a database name (letters, digits and _, at most 64)`);
}

/** `20261203T021500123Z`: sorts as time does. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, "");
}

export interface BackupResult {
  file: string;
  bytes: number;
  removed: string[];
}

export async function backupDatabase(options: { url: string; dir: string; keep: number; now?: Date }): Promise<BackupResult> {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new BackupError(`keep: must be a whole number of at least 1 (got ${options.keep})`);
  const database = poolConfig(options.url).database;
  checkDatabaseName(database, "DATABASE_URL");
  await mkdir(options.dir, { recursive: true });
  const prefix = `kefu-${database}-`;
  const file = path.join(options.dir, `${prefix}${stamp(options.now ?? new Date())}.sql.gz`);
  const partial = `${file}.partial`;
  try {
    await runClient(
      ["mariadb-dump", "mysqldump"],
      options.url,
      ["--single-transaction", "--routines", "--triggers", "--events", "--hex-blob", "--default-character-set=utf8mb4", "--skip-lock-tables", database],
      { output: createWriteStream(partial) },
    );
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, file);
  const removed = await pruneBackups(options.dir, prefix, options.keep);
  return { file, bytes: (await stat(file)).size, removed };
}

/** Removes the oldest `<prefix>*.sql.gz` files beyond the newest `keep`. */
async function pruneBackups(dir: string, prefix: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name.endsWith(".sql.gz")).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(path.join(dir, name));
  return old.map((name) => path.join(dir, name));
}

export interface RestoreResult {
  database: string;
  tables: number;
}

/** Loads a backup file into `database` on the server of `url` (created when missing). */
export async function restoreDatabase(options: { url: string; file: string; database: string; force?: boolean }): Promise<RestoreResult> {
  checkDatabaseName(options.database, "database");
  if (!options.file.endsWith(".sql.gz")) throw new BackupError(`file: expected a .sql.gz backup made by db:backup (got ${options.file})`);
  if (!existsSync(options.file)) throw new BackupError(`file: ${options.file} does not exist`);
  const connection = await mariadb.createConnection({ ...poolConfig(options.url), database: undefined });
  try {
    const tables = await countTables(connection, options.database);
    if (tables > 0 && !options.force)
      throw new BackupError(`database: ${options.database} already has ${tables} tables; restore into an empty or new database, or pass --force to replace it`);
    if (tables > 0) await connection.query(`DROP DATABASE \`${options.database}\``);
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${options.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  await runClient(["mariadb", "mysql"], options.url, ["--default-character-set=utf8mb4", options.database], { input: createReadStream(options.file) });
  const check = await mariadb.createConnection({ ...poolConfig(options.url), database: undefined });
  try {
    return { database: options.database, tables: await countTables(check, options.database) };
  } finally {
    await check.end();
  }
}

async function countTables(connection: mariadb.Connection, database: string): Promise<number> {
  const rows = await connection.query<{ n: bigint | number }[]>("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", [database]);
  return Number(rows[0]?.n ?? 0);
}
