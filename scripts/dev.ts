/**
 * `pnpm dev`: the whole product with demo data on this machine. Uses DATABASE_URL or a
 * project-local database, migrates, seeds when empty, starts soketi, the worker and Next.js,
 * prints the URL and the demo sign-ins. Ctrl-C stops everything it started.
 */
import { migrate } from "@kefu/db/migrate";
import { checkSeededConversations } from "./lib/autoqa.ts";
import { rollUpSeededConversations } from "./lib/reports.ts";
import { indexKnowledge } from "./lib/knowledge.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from "@kefu/db/seed";
import { httpOk, shutdown, startProcess, waitFor } from "./lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings, resolveDatabaseUrl, ROOT } from "./lib/services.ts";

const port = Number(process.env.PORT ?? 3000);
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

try {
  const databaseUrl = await resolveDatabaseUrl();
  await migrate(databaseUrl, { log: (line) => console.log(`database │ ${line}`) });
  if (!(await isSeeded(databaseUrl))) {
    console.log("database │ empty: writing demo data …");
    await seedDemo(databaseUrl, { log: (line) => console.log(`seed     │ ${line}`) });
    await indexKnowledge(databaseUrl);
    await checkSeededConversations(databaseUrl);
    await rollUpSeededConversations(databaseUrl);
  }
  const realtime = realtimeSettings();
  await ensureSoketi(realtime);
  const env = { DATABASE_URL: databaseUrl, NEXTAUTH_URL: url, AUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", ...realtimeEnv(realtime) };
  startProcess("worker", "pnpm", ["--filter", "@kefu/worker", "start"], { env: { ...env, KEFU_SERVICE: "worker" }, cwd: ROOT });
  startProcess("web", "pnpm", ["--filter", "@kefu/web", "dev"], { env: { ...env, PORT: String(port), KEFU_SERVICE: "web" }, cwd: ROOT });
  await waitFor(httpOk(`http://127.0.0.1:${port}/api/health`), "the web server", 180_000);

  console.log(`\n  客服控制台 Kefu Console is running at ${url}\n`);
  console.log(`  Demo sign-ins (password ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS)
    console.log(`    ${account.role.padEnd(10)} ${account.employeeNo.padEnd(6)} ${account.email.padEnd(28)} ${account.name}`);
  console.log("\n  Ctrl-C stops everything.\n");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
