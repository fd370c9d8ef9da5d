/**
 * The backing services a local run needs: a MySQL/MariaDB database and a soketi server.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { isPortOpen, onShutdown, startProcess, waitFor } from "./processes.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

function which(binary: string): string | null {
  const result = spawnSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * DATABASE_URL when set; otherwise a project-local MariaDB/MySQL server under .data/ (started
 * here and stopped on exit), initialised on first use.
 */
export async function resolveDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = Number(process.env.KEFU_LOCAL_DB_PORT ?? 3307);
  const url = `mysql://root@127.0.0.1:${port}/kefu`;
  if (await isPortOpen(port)) return url;

  const server =
    which("mariadbd") ??
    which("mysqld") ??
    (existsSync("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : existsSync("/usr/sbin/mysqld") ? "/usr/sbin/mysqld" : null);
  if (!server) {
    throw new Error("No DATABASE_URL and no MariaDB/MySQL server binary found. Install mariadb-server (or MySQL 8), or set DATABASE_URL.");
  }
  const dataDir = join(ROOT, ".data", "mysql");
  if (!existsSync(join(dataDir, "mysql"))) {
    mkdirSync(dataDir, { recursive: true });
    const installer = which("mariadb-install-db") ?? which("mysql_install_db");
    const args = installer
      ? ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", `--user=${userInfo().username}`]
      : ["--no-defaults", `--datadir=${dataDir}`, "--initialize-insecure"];
    console.log(`Initialising a local database in ${dataDir} …`);
    const result = spawnSync(installer ?? server, args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`Could not initialise the local database: ${result.stderr || result.stdout}`);
  }
  // --no-defaults: the project's server ignores the machine's my.cnf (its user, port and data directory).
  startProcess(
    "mariadb",
    server,
    [
      "--no-defaults",
      `--datadir=${dataDir}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--socket=${join(dataDir, "mysqld.sock")}`,
      `--pid-file=${join(dataDir, "mysqld.pid")}`,
      `--user=${userInfo().username}`,
      "--skip-log-bin",
      "--character-set-server=utf8mb4",
      "--collation-server=utf8mb4_unicode_ci",
    ],
    { quiet: true },
  );
  await waitFor(() => isPortOpen(port), `the local database on port ${port}`);
  return url;
}

export interface RealtimeSettings {
  appId: string;
  key: string;
  secret: string;
  host: string;
  port: number;
}

export function realtimeSettings(port = Number(process.env.PUSHER_PORT ?? 6001)): RealtimeSettings {
  return {
    appId: process.env.PUSHER_APP_ID ?? "kefu",
    key: process.env.PUSHER_KEY ?? "kefu-key",
    secret: process.env.PUSHER_SECRET ?? "kefu-dev-secret-change-me",
    host: process.env.PUSHER_HOST ?? "127.0.0.1",
    port,
  };
}

/** Starts soketi for the local realtime settings unless something already listens there. */
export async function ensureSoketi(settings: RealtimeSettings, metricsPort = settings.port + 3600): Promise<void> {
  if (!["127.0.0.1", "localhost"].includes(settings.host)) return;
  if (await isPortOpen(settings.port)) return;
  startProcess("soketi", join(ROOT, "node_modules", ".bin", "soketi"), ["start"], {
    quiet: true,
    env: {
      SOKETI_PORT: String(settings.port),
      SOKETI_DEFAULT_APP_ID: settings.appId,
      SOKETI_DEFAULT_APP_KEY: settings.key,
      SOKETI_DEFAULT_APP_SECRET: settings.secret,
      // Pusher Channels rejects events over 10 KB; so does the local server.
      SOKETI_EVENT_MAX_SIZE_IN_KB: "10",
      SOKETI_METRICS_SERVER_PORT: String(metricsPort),
      SOKETI_DEBUG: "0",
    },
  });
  await waitFor(() => isPortOpen(settings.port), `soketi on port ${settings.port}`);
}

export function realtimeEnv(settings: RealtimeSettings): NodeJS.ProcessEnv {
  return {
    PUSHER_APP_ID: settings.appId,
    PUSHER_KEY: settings.key,
    PUSHER_SECRET: settings.secret,
    PUSHER_HOST: settings.host,
    PUSHER_PORT: String(settings.port),
  };
}

onShutdown(() => undefined);
