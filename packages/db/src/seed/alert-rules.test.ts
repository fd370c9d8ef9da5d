/** Default alert rules: on a freshly migrated database, after a reset, kept through the demo seed, never doubled. */
import * as mariadb from "mariadb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { poolConfig } from "../client.ts";
import { migrate } from "../migrate.ts";
import { createTestDatabase, type TestDatabase } from "../test-database.ts";
import { DEFAULT_ALERT_RULES } from "./alert-rules.ts";
import { resetData, seedDemo } from "./index.ts";

let database: TestDatabase;
let connection: mariadb.Connection;

beforeAll(async () => {
  database = await createTestDatabase("kefu_alert_defaults");
  connection = await mariadb.createConnection(poolConfig(database.url));
});
afterAll(async () => {
  await connection?.end();
  await database?.drop();
});

async function rules() {
  const rows = await connection.query<{ metric: string; threshold: number; teamId: number | null; enabled: number }[]>(
    "SELECT metric, threshold, teamId, enabled FROM MonitorAlertRule ORDER BY id",
  );
  return rows.map((r) => ({ metric: r.metric, threshold: Number(r.threshold), teamId: r.teamId, enabled: Boolean(r.enabled) }));
}
const expected = DEFAULT_ALERT_RULES.map((rule) => ({ ...rule, teamId: null, enabled: true }));

it("a freshly migrated database has the default rules: queue over 10, wait over 5 minutes, CSAT under 80 %", async () => {
  expect(await rules()).toEqual([
    { metric: "QUEUE_LENGTH", threshold: 10, teamId: null, enabled: true },
    { metric: "LONGEST_WAIT_SECONDS", threshold: 300, teamId: null, enabled: true },
    { metric: "CSAT_TODAY_BELOW", threshold: 80, teamId: null, enabled: true },
  ]);
  expect(await rules()).toEqual(expected);
});

it("an admin's change stays: migrating again writes nothing", async () => {
  await connection.query("UPDATE MonitorAlertRule SET threshold = 15 WHERE metric = 'QUEUE_LENGTH'");
  await migrate(database.url);
  expect((await rules()).map((r) => r.threshold)).toEqual([15, 300, 80]);
});

it("a reset database starts with them again, and the demo seed keeps them", async () => {
  await connection.query("DELETE FROM MonitorAlertRule");
  await resetData(database.url);
  expect(await rules()).toEqual(expected);
  await seedDemo(database.url, { conversations: 30, customers: 10 });
  expect(await rules()).toEqual(expected);
}, 120_000);
