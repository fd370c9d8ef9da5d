/**
 * A freshly migrated database of its own for each test file.
 */
import { randomBytes } from "node:crypto";
import * as mariadb from "mariadb";
import { createDb, poolConfig, type Db } from "./client.ts";
import { testServerUrl } from "./env.ts";
import { migrate } from "./migrate.ts";

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  drop: () => Promise<void>;
}

export async function createTestDatabase(prefix = "kefu_test"): Promise<TestDatabase> {
  const server = new URL(testServerUrl().replace(/^mariadb:/, "mysql:"));
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  server.pathname = `/${name}`;
  const url = server.toString();
  await migrate(url);
  const db = createDb(url, 5);
  return {
    url,
    name,
    db,
    drop: async () => {
      await db.$disconnect();
      const connection = await mariadb.createConnection({ ...poolConfig(url), database: undefined });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
