/**
 * Drift test: the migrated database (information_schema) matches schema.prisma's models,
 * columns, types, nullability, primary keys, indexes and foreign keys.
 */
import * as mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfig } from "./client.ts";
import { readSchema } from "./schema/read-schema.ts";
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

/** What information_schema reports for a type Prisma writes, on MySQL 8 and on MariaDB. */
function normalizeType(sqlType: string): string {
  const t = sqlType.toLowerCase().replace(/\s+/g, " ").replace(/, /g, ",");
  if (t === "integer") return "int";
  if (t === "integer unsigned") return "int unsigned";
  if (t === "boolean") return "tinyint(1)";
  if (t === "json") return "json";
  return t;
}

function normalizeColumnType(columnType: string, dataType: string): string {
  const t = columnType.toLowerCase().replace(/, /g, ",");
  if (/^int\(\d+\)/.test(t)) return t.replace(/^int\(\d+\)/, "int");
  if (/^bigint\(\d+\)/.test(t)) return t.replace(/^bigint\(\d+\)/, "bigint");
  if (t === "longtext" && dataType === "longtext") return "longtext";
  return t;
}

describe("schema drift", () => {
  const schema = readSchema();

  it("has exactly the schema's tables", async () => {
    const rows = await connection.query<{ t: string }[]>(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations'",
    );
    expect(rows.map((r) => r.t).sort()).toEqual(schema.tables.map((t) => t.name).sort());
  });

  it("has each model's columns with their types and nullability", async () => {
    const rows = await connection.query<{ t: string; c: string; type: string; dataType: string; nullable: string; extra: string }[]>(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, DATA_TYPE AS dataType, IS_NULLABLE AS nullable, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations'`,
    );
    // MariaDB stores JSON as LONGTEXT with a json_valid check.
    const jsonColumns = new Set(
      (
        await connection
          .query<{ t: string; c: string }[]>(
            "SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS c FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CHECK_CLAUSE LIKE 'json_valid%'",
          )
          .catch(() => [])
      ).map((r) => `${r.t}.${r.c}`),
    );
    const actual = rows
      .map((r) => {
        const isJson = r.dataType === "json" || jsonColumns.has(`${r.t}.${r.c}`);
        return `${r.t}.${r.c} ${isJson ? "json" : normalizeColumnType(r.type, r.dataType)} ${r.nullable === "YES" ? "null" : "not null"}${r.extra.includes("auto_increment") ? " auto" : ""}`;
      })
      .sort();
    const expected = schema.tables
      .flatMap((t) =>
        t.columns.map((c) => `${t.name}.${c.name} ${normalizeType(c.sqlType)} ${c.nullable ? "null" : "not null"}${c.autoIncrement ? " auto" : ""}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has each primary key, unique index and index", async () => {
    const rows = await connection.query<{ t: string; i: string; nonUnique: number | bigint; c: string }[]>(
      `SELECT TABLE_NAME AS t, INDEX_NAME AS i, NON_UNIQUE AS nonUnique, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations'
       GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE`,
    );
    const foreignKeyIndexes = new Set(schema.tables.flatMap((t) => t.foreignKeys.map((fk) => `${t.name}.${fk.name}`)));
    const actual = rows
      .filter((r) => !foreignKeyIndexes.has(`${r.t}.${r.i}`))
      .map((r) => `${r.t} ${r.i === "PRIMARY" ? "PRIMARY" : r.i} ${Number(r.nonUnique) ? "index" : "unique"} (${r.c})`)
      .sort();
    const expected = schema.tables
      .flatMap((t) => [
        `${t.name} PRIMARY unique (${t.primaryKey.join(",")})`,
        ...t.indexes.map((i) => `${t.name} ${i.name} ${i.unique ? "unique" : "index"} (${i.columns.join(",")})`),
      ])
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has each relation's foreign key with its referential actions", async () => {
    const rows = await connection.query<{ t: string; name: string; refTable: string; del: string; upd: string; cols: string; refCols: string }[]>(
      `SELECT k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS name, k.REFERENCED_TABLE_NAME AS refTable, r.DELETE_RULE AS del, r.UPDATE_RULE AS upd,
              GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION) AS cols, GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION) AS refCols
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
       WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
       GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE`,
    );
    const actual = rows.map((r) => `${r.t}.${r.name} (${r.cols}) → ${r.refTable}(${r.refCols}) ON DELETE ${r.del} ON UPDATE ${r.upd}`).sort();
    const expected = schema.tables
      .flatMap((t) =>
        t.foreignKeys.map(
          (fk) =>
            `${t.name}.${fk.name} (${fk.columns.join(",")}) → ${fk.referencedTable}(${fk.referencedColumns.join(",")}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
        ),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
