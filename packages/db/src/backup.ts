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
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { createReadStream, createWriteStream } from "node:fs";
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

/** The first of the client programs found on PATH (MariaDB's names first, MySQL's as a fallback). */
function program(names: string[]): string {
  for (const name of names) for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new BackupError(`none of ${names.join(", ")} is installed (the MariaDB or MySQL client programs are needed)`);
}

function connectionArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const config = poolConfig(url);
  // the password goes through the environment, never the command line (visible to every user in `ps`)
  return {
    args: [`--host=${config.host}`, `--port=${config.port}`, `--user=${config.user}`],
    env: { ...process.env, MYSQL_PWD: config.password },
    database: config.database,
  };
}

const NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

function checkDatabaseName(name: string, what: string) {
  if (!NAME_PATTERN.test(name)) throw new BackupError(`${what}: "${name}" is not a database name (letters, digits and _, at most 64)`);
}

/** `20261203T021500123Z`: sorts as time does. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, "");
}

function runToStream(command: string, args: string[], env: NodeJS.ProcessEnv, into: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const piped = pipeline(child.stdout, createGzip({ level: 6 }), into);
    child.on("error", reject);
    child.on("close", (code) => {
      piped.then(
        () => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(command)} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))),
        reject,
      );
    });
  });
}

export interface BackupResult {
  file: string;
  bytes: number;
  removed: string[];
}

export async function backupDatabase(options: { url: string; dir: string; keep: number; now?: Date }): Promise<BackupResult> {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new BackupError(`keep: must be a whole number of at least 1 (got ${options.keep})`);
  const { args, env, database } = connectionArgs(options.url);
  checkDatabaseName(database, "DATABASE_URL");
  await mkdir(options.dir, { recursive: true });
  const prefix = `kefu-${database}-`;
  const file = path.join(options.dir, `${prefix}${stamp(options.now ?? new Date())}.sql.gz`);
  const partial = `${file}.partial`;
  const dump = program(["mariadb-dump", "mysqldump"]);
  try {
    await runToStream(
      dump,
      [...args, "--single-transaction", "--routines", "--triggers", "--events", "--hex-blob", "--default-character-set=utf8mb4", "--skip-lock-tables", database],
      env,
      createWriteStream(partial),
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
  const { args, env } = connectionArgs(options.url);
  const client = program(["mariadb", "mysql"]);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(client, [...args, "--default-character-set=utf8mb4", options.database], { env, stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const fed = pipeline(createReadStream(options.file), createGunzip(), child.stdin);
    child.on("error", reject);
    child.on("close", (code) => {
      fed.then(
        () => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(client)} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))),
        (error: unknown) => reject(code === 0 ? error : new BackupError(`${path.basename(client)} exited with ${code}: ${stderr.trim().slice(0, 2000)}`)),
      );
    });
  });
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
