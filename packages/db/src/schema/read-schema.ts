/**
 * Reads the subset of the Prisma schema language this project uses into a plain model of
 * tables, columns, indexes and foreign keys. Used to write migration SQL in Prisma's layout
 * (the Prisma schema engine cannot run offline) and by the drift test.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

export interface SchemaColumn {
  name: string;
  /** SQL type as Prisma writes it in migrations, e.g. `VARCHAR(191)`, `DATETIME(3)`, `ENUM('A', 'B')` */
  sqlType: string;
  nullable: boolean;
  autoIncrement: boolean;
  /** SQL default clause value, e.g. `CURRENT_TIMESTAMP(3)`, `'x'`, `0`; undefined when none */
  defaultSql?: string;
}

export interface SchemaIndex {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface SchemaForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: "CASCADE" | "RESTRICT" | "SET NULL" | "NO ACTION";
  onUpdate: "CASCADE" | "RESTRICT" | "SET NULL" | "NO ACTION";
}

export interface SchemaTable {
  name: string;
  columns: SchemaColumn[];
  primaryKey: string[];
  indexes: SchemaIndex[];
  foreignKeys: SchemaForeignKey[];
}

export interface SchemaModel {
  tables: SchemaTable[];
  enums: Map<string, string[]>;
}

const SCALAR_SQL: Record<string, string> = {
  String: "VARCHAR(191)",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE",
  Decimal: "DECIMAL(65, 30)",
  Boolean: "BOOLEAN",
  DateTime: "DATETIME(3)",
  Json: "JSON",
  Bytes: "LONGBLOB",
};

const NATIVE_SQL: Record<string, (args: string) => string> = {
  VarChar: (n) => `VARCHAR(${n})`,
  Char: (n) => `CHAR(${n})`,
  Text: () => "TEXT",
  MediumText: () => "MEDIUMTEXT",
  LongText: () => "LONGTEXT",
  Date: () => "DATE",
  DateTime: (n) => `DATETIME(${n || 3})`,
  TinyInt: () => "TINYINT",
  SmallInt: () => "SMALLINT",
  UnsignedInt: () => "INTEGER UNSIGNED",
};

const REFERENTIAL: Record<string, SchemaForeignKey["onDelete"]> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  SetNull: "SET NULL",
  NoAction: "NO ACTION",
};

interface Attribute {
  name: string;
  args: string;
}

/** Splits `@a @b(x, (y)) @db.VarChar(3)` into attributes, respecting nested parentheses and strings. */
function readAttributes(text: string): Attribute[] {
  const attributes: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "@") {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && /[@\w.]/.test(text[j]!)) j++;
    const name = text.slice(i, j);
    let args = "";
    if (text[j] === "(") {
      let depth = 0;
      let k = j;
      let inString = false;
      for (; k < text.length; k++) {
        const c = text[k];
        if (c === '"' && text[k - 1] !== "\\") inString = !inString;
        if (inString) continue;
        if (c === "(") depth++;
        if (c === ")") {
          depth--;
          if (depth === 0) break;
        }
      }
      args = text.slice(j + 1, k);
      j = k + 1;
    }
    attributes.push({ name, args });
    i = j;
  }
  return attributes;
}

function listArg(args: string, key?: string): string[] {
  const source = key ? new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`).exec(args)?.[1] : /^\s*\[([^\]]*)\]/.exec(args)?.[1];
  if (source === undefined) return [];
  return source
    .split(",")
    .map((s) => s.trim().replace(/\(.*\)$/, ""))
    .filter(Boolean);
}

function namedArg(args: string, key: string): string | undefined {
  return new RegExp(`${key}\\s*:\\s*"?([\\w]+)"?`).exec(args)?.[1];
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inString = !inString;
    if (!inString && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

export function readSchema(source = readFileSync(SCHEMA_PATH, "utf8")): SchemaModel {
  const blocks: { kind: "model" | "enum"; name: string; lines: string[] }[] = [];
  let current: (typeof blocks)[number] | undefined;
  for (const raw of source.split("\n")) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    const open = /^(model|enum)\s+(\w+)\s*\{$/.exec(line);
    if (open) {
      current = { kind: open[1] as "model" | "enum", name: open[2]!, lines: [] };
      blocks.push(current);
    } else if (line === "}") {
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    }
  }

  const enums = new Map<string, string[]>();
  for (const block of blocks)
    if (block.kind === "enum")
      enums.set(
        block.name,
        block.lines.map((l) => l.split(/\s+/)[0]!),
      );
  const modelNames = new Set(blocks.filter((b) => b.kind === "model").map((b) => b.name));

  const tables: SchemaTable[] = [];
  for (const block of blocks) {
    if (block.kind !== "model") continue;
    const table: SchemaTable = { name: block.name, columns: [], primaryKey: [], indexes: [], foreignKeys: [] };
    const uniqueSingles: string[] = [];
    for (const line of block.lines) {
      if (line.startsWith("@@")) {
        const [attribute] = readAttributes(line.slice(1));
        if (!attribute) continue;
        const columns = listArg(attribute.args);
        if (attribute.name === "@id") table.primaryKey = columns;
        if (attribute.name === "@unique") table.indexes.push({ name: `${table.name}_${columns.join("_")}_key`, columns, unique: true });
        if (attribute.name === "@index") table.indexes.push({ name: `${table.name}_${columns.join("_")}_idx`, columns, unique: false });
        continue;
      }
      const match = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(line);
      if (!match) throw new Error(`schema.prisma: cannot read line in model ${block.name}: ${line}`);
      const [, fieldName, type, modifier, rest] = match as unknown as [string, string, string, string | undefined, string];
      const attributes = readAttributes(rest);
      if (modelNames.has(type)) {
        const relation = attributes.find((a) => a.name === "@relation");
        const fields = relation ? listArg(relation.args, "fields") : [];
        if (relation && fields.length > 0) {
          const onDelete = namedArg(relation.args, "onDelete");
          const onUpdate = namedArg(relation.args, "onUpdate");
          table.foreignKeys.push({
            name: `${table.name}_${fields.join("_")}_fkey`,
            columns: fields,
            referencedTable: type,
            referencedColumns: listArg(relation.args, "references"),
            onDelete: onDelete ? REFERENTIAL[onDelete]! : modifier === "?" ? "SET NULL" : "RESTRICT",
            onUpdate: onUpdate ? REFERENTIAL[onUpdate]! : "CASCADE",
          });
        }
        continue;
      }
      if (modifier === "[]") throw new Error(`schema.prisma: scalar lists are not supported on MySQL (${block.name}.${fieldName})`);
      const native = attributes.find((a) => a.name.startsWith("@db."));
      const enumValues = enums.get(type);
      let sqlType: string;
      if (native) {
        const build = NATIVE_SQL[native.name.slice(4)];
        if (!build) throw new Error(`schema.prisma: unsupported native type ${native.name} on ${block.name}.${fieldName}`);
        sqlType = build(native.args.trim());
      } else if (enumValues) {
        sqlType = `ENUM(${enumValues.map((v) => `'${v}'`).join(", ")})`;
      } else {
        const scalar = SCALAR_SQL[type];
        if (!scalar) throw new Error(`schema.prisma: unknown type ${type} on ${block.name}.${fieldName}`);
        sqlType = scalar;
      }
      const column: SchemaColumn = { name: fieldName, sqlType, nullable: modifier === "?", autoIncrement: false };
      const defaultAttribute = attributes.find((a) => a.name === "@default");
      if (defaultAttribute) {
        const value = defaultAttribute.args.trim();
        if (value === "autoincrement()") column.autoIncrement = true;
        else if (value === "now()") column.defaultSql = "CURRENT_TIMESTAMP(3)";
        else if (value.startsWith('"')) column.defaultSql = `'${value.slice(1, -1).replace(/'/g, "''")}'`;
        else if (enumValues) column.defaultSql = `'${value}'`;
        else column.defaultSql = value;
      }
      if (attributes.some((a) => a.name === "@id")) table.primaryKey = [fieldName];
      if (attributes.some((a) => a.name === "@unique")) uniqueSingles.push(fieldName);
      table.columns.push(column);
    }
    table.indexes.unshift(...uniqueSingles.map((c) => ({ name: `${table.name}_${c}_key`, columns: [c], unique: true })));
    tables.push(table);
  }
  return { tables, enums };
}

/** The `CREATE TABLE` / `ALTER TABLE … ADD CONSTRAINT` script Prisma Migrate writes for an empty database. */
export function createSchemaSql(model: SchemaModel): string {
  const parts: string[] = [];
  for (const table of model.tables) {
    const lines = table.columns.map((c) => {
      let line = `    \`${c.name}\` ${c.sqlType}${c.nullable ? " NULL" : " NOT NULL"}`;
      if (c.autoIncrement) line += " AUTO_INCREMENT";
      if (c.defaultSql !== undefined) line += ` DEFAULT ${c.defaultSql}`;
      return line;
    });
    const keyLines = [
      ...table.indexes.map((i) => `    ${i.unique ? "UNIQUE INDEX" : "INDEX"} \`${i.name}\`(${i.columns.map((c) => `\`${c}\``).join(", ")})`),
      `    PRIMARY KEY (${table.primaryKey.map((c) => `\`${c}\``).join(", ")})`,
    ];
    parts.push(
      `-- CreateTable\nCREATE TABLE \`${table.name}\` (\n${lines.join(",\n")},\n\n${keyLines.join(",\n")}\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n`,
    );
  }
  for (const table of model.tables) {
    for (const fk of table.foreignKeys) {
      parts.push(
        `-- AddForeignKey\nALTER TABLE \`${table.name}\` ADD CONSTRAINT \`${fk.name}\` FOREIGN KEY (${fk.columns.map((c) => `\`${c}\``).join(", ")}) REFERENCES \`${fk.referencedTable}\`(${fk.referencedColumns.map((c) => `\`${c}\``).join(", ")}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};\n`,
      );
    }
  }
  return parts.join("\n");
}
