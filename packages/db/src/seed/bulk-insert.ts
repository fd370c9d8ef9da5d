/**
 * Fast loading with the mariadb driver: rows are rendered into multi-row INSERT statements with
 * ids assigned here (not by AUTO_INCREMENT), sent pipelined on one connection and committed in
 * chunks, so generating the next chunk overlaps with the database writing the previous one.
 */
import * as mariadb from "mariadb";
import { poolConfig } from "../client.ts";

/** A column value. Dates are written as UTC DATETIME(3); JSON columns take a JSON string. */
export type SqlValue = string | number | boolean | Date | null;

const MAX_ROWS_PER_STATEMENT = 2_500;
/** Characters, not bytes: Chinese text is 3 bytes a character, which keeps us well under max_allowed_packet. */
const MAX_CHARS_PER_STATEMENT = 1_500_000;
const MAX_STATEMENTS_IN_FLIGHT = 6;

export async function openSeedConnection(url: string): Promise<mariadb.Connection> {
  const connection = await mariadb.createConnection({ ...poolConfig(url, 1), multipleStatements: false });
  // Our literals escape with backslashes, so make sure the session reads them that way.
  await connection.query("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
  return connection;
}

const ESCAPED: Record<string, string> = {
  "\0": "\\0",
  "\n": "\\n",
  "\r": "\\r",
  "\x1a": "\\Z",
  "'": "\\'",
  '"': '\\"',
  "\\": "\\\\",
};

export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to SQL`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return `'${value.toISOString().slice(0, 23).replace("T", " ")}'`;
  // eslint-disable-next-line no-control-regex -- MySQL string escaping must cover NUL and Ctrl-Z
  return `'${value.replace(/[\0\n\r\x1a'"\\]/g, (c) => ESCAPED[c] ?? c)}'`;
}

/** Rows for one table, rendered as they are added and sent when a statement is full. */
export class TableWriter<Column extends string> {
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly prefix: string;

  constructor(
    private readonly loader: BulkLoader,
    readonly table: string,
    private readonly columns: readonly Column[],
  ) {
    this.prefix = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(", ")}) VALUES `;
  }

  add(row: Record<Column, SqlValue>): void {
    let rendered = "(";
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) rendered += ",";
      rendered += sqlLiteral(row[this.columns[i]!]);
    }
    rendered += ")";
    this.pending.push(rendered);
    this.pendingChars += rendered.length;
    if (this.pending.length >= MAX_ROWS_PER_STATEMENT || this.pendingChars >= MAX_CHARS_PER_STATEMENT) {
      this.loader.flushThrough(this);
    }
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Takes the pending rows as one statement and returns it with its row count. */
  take(): { sql: string; rows: number } {
    const rows = this.pending.length;
    const sql = this.prefix + this.pending.join(",");
    this.pending = [];
    this.pendingChars = 0;
    return { sql, rows };
  }
}

/**
 * Owns the connection's write pipeline. Tables must be registered parents first: before a table's
 * statement is sent, every table registered earlier sends its pending rows, so foreign keys hold
 * even with checks on.
 */
export class BulkLoader {
  readonly rowCounts = new Map<string, number>();
  private readonly writers: TableWriter<string>[] = [];
  private readonly inFlight: Promise<unknown>[] = [];
  private failure: unknown = undefined;
  private inTransaction = false;

  constructor(private readonly connection: mariadb.Connection) {}

  table<Column extends string>(table: string, columns: readonly Column[]): TableWriter<Column> {
    const writer = new TableWriter(this, table, columns);
    this.writers.push(writer);
    return writer;
  }

  flushThrough(target: TableWriter<string>): void {
    for (const writer of this.writers) {
      if (writer.hasPending) this.sendInsert(writer);
      if (writer === target) break;
    }
  }

  /** Sends everything pending and commits it as one transaction; waits only when too much is in flight. */
  async commit(): Promise<void> {
    for (const writer of this.writers) if (writer.hasPending) this.sendInsert(writer);
    if (this.inTransaction) {
      this.send("COMMIT");
      this.inTransaction = false;
    }
    await this.settle(MAX_STATEMENTS_IN_FLIGHT);
  }

  /** Lets the caller pause generating while the database catches up. */
  async settle(maxInFlight = MAX_STATEMENTS_IN_FLIGHT): Promise<void> {
    while (this.inFlight.length > maxInFlight) await this.inFlight.shift();
    if (this.failure !== undefined) throw this.failure;
  }

  async finish(): Promise<void> {
    await this.commit();
    await this.settle(0);
  }

  private sendInsert(writer: TableWriter<string>): void {
    if (!this.inTransaction) {
      this.send("START TRANSACTION");
      this.inTransaction = true;
    }
    const { sql, rows } = writer.take();
    this.send(sql);
    this.rowCounts.set(writer.table, (this.rowCounts.get(writer.table) ?? 0) + rows);
  }

  private send(sql: string): void {
    // after a failure nothing more is sent; the caller drops the connection, rolling back the open transaction
    if (this.failure !== undefined) return;
    const result = this.connection.query(sql);
    result.catch((error: unknown) => {
      this.failure ??= error;
    });
    this.inFlight.push(result);
  }
}

/** Hands out ids after the current maximum of each table, so seeding adds to existing data. */
export class IdAllocator {
  private constructor(private readonly last: Map<string, number>) {}

  static async load(connection: mariadb.Connection, tables: readonly string[]): Promise<IdAllocator> {
    const last = new Map<string, number>();
    for (const table of tables) {
      const [row] = await connection.query<{ maxId: number | bigint | null }[]>(`SELECT MAX(id) AS maxId FROM \`${table}\``);
      last.set(table, Number(row?.maxId ?? 0));
    }
    return new IdAllocator(last);
  }

  next(table: string): number {
    return this.reserve(table, 1);
  }

  /** Reserves `count` consecutive ids and returns the first. */
  reserve(table: string, count: number): number {
    const last = this.last.get(table);
    if (last === undefined) throw new Error(`IdAllocator: ids of ${table} were not loaded`);
    this.last.set(table, last + count);
    return last + 1;
  }
}
