/**
 * The server Playwright tests run against: the production build (`next start`) on its own
 * database (wiped and seeded with a small demo), its own soketi and a worker.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { createConnection } from "mariadb";
import { poolConfig } from "@kefu/db/client";
import { migrate } from "@kefu/db/migrate";
import { checkSeededConversations } from "./lib/autoqa.ts";
import { rollUpSeededConversations } from "./lib/reports.ts";
import { indexKnowledge } from "./lib/knowledge.ts";
import { seedDemo } from "@kefu/db/seed";
import { httpOk, isPortOpen, startProcess, waitFor } from "./lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, ROOT } from "./lib/services.ts";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
/** the worker's metrics listener: beside the web port, so parallel runs on their own ports do not collide */
const E2E_WORKER_METRICS_PORT = E2E_PORT + 1100;
if (await isPortOpen(E2E_PORT)) throw new Error(`Port ${E2E_PORT} is already in use: stop what listens there (or set E2E_PORT).`);
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";
// One database per port, so two end-to-end runs on one machine do not wipe each other's data.
const databaseName = `kefu_e2e_${E2E_PORT}`;
const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${databaseName}`);

const url = `http://localhost:${E2E_PORT}`;
const secrets = {
  AUTH_SECRET: "e2e-auth-secret-with-at-least-32-characters",
  AUDIT_HMAC_KEY: "e2e-audit-hmac-key-0123456789",
  FIELD_ENCRYPTION_KEYS: "e2e1:ZTJlLWZpZWxkLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=",
  LOOKUP_HASH_KEY: "e2e-lookup-hash-key-0123456789",
  WIDGET_TOKEN_SECRET: "e2e-widget-token-secret-0123456789",
};
// The seed encrypts with the same keys the server will decrypt with.
Object.assign(process.env, secrets);

const config = poolConfig(databaseUrl);
const connection = await createConnection({ ...config, database: undefined });
await connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
await connection.end();
await migrate(databaseUrl);
await seedDemo(databaseUrl, { conversations: 1500, customers: 300 });
await indexKnowledge(databaseUrl);
await checkSeededConversations(databaseUrl);
// the report rollups of the seeded history, before the worker starts keeping them up to date: a spec that reads
// a report never sees a half-built month
await rollUpSeededConversations(databaseUrl);

// attachments of this run, kept apart from the development store and emptied with the database
const attachmentsDir = path.join(ROOT, ".data", `e2e-attachments-${E2E_PORT}`);
await rm(attachmentsDir, { recursive: true, force: true });

const realtime = { ...realtimeSettings(Number(process.env.E2E_PUSHER_PORT ?? 6011)), secret: "e2e-realtime-secret" };
await ensureSoketi(realtime);
const env = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: url,
  AUTH_URL: url,
  ...secrets,
  LOGIN_RATE_LIMIT_PER_IP: "1000",
  // codes go to the admins' outbox, where the sign-in test reads them
  SMS_PROVIDERS: "dev",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  ATTACHMENTS_DIR: attachmentsDir,
  // the webhook test's receiver and the CRM test's fake CRM listen on this machine (one SSRF setting for both)
  WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  // the operations test scrapes the web's /api/metrics and the worker's listener (e2e/operations.spec.ts)
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  WORKER_METRICS_PORT: String(E2E_WORKER_METRICS_PORT),
  ...realtimeEnv(realtime),
};
startProcess("worker", "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
startProcess("web", "pnpm", ["--filter", "@kefu/web", "start"], { env: { ...env, PORT: String(E2E_PORT), KEFU_SERVICE: "web" }, cwd: ROOT });
await waitFor(httpOk(`http://127.0.0.1:${E2E_PORT}/api/health`), "the web server", 120_000);
console.log(`e2e server ready on ${url}`);
