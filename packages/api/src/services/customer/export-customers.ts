/**
 * Exports of a filter, segment or selection to CSV or XLSX. Always a job: it reads the customers a batch at a time and
 * streams them to a file under the data directory, so memory stays flat however many rows there are. Phone and ID
 * numbers stay masked unless the exporter has `customer.reveal` and asked for full values; such an export leaves its
 * own audit row naming the job and the row count.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { decryptField } from "@kefu/db/crypto";
import { phoneMaskOf } from "./protected-fields.ts";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { CustomFieldType, Db, Prisma } from "@kefu/db/client";
import { customerExportInput, type CustomerAudience, type CustomerExportInput, type CustomerExportResult } from "../../contracts/customer.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { apiEnv } from "../../env.ts";
import { AppError, parseInput } from "../../errors.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { can } from "../../permissions.ts";
import { defaultAttachmentsDir } from "../attachment/index.ts";
import { appendAudit } from "../audit/index.ts";
import type { Actor } from "../conversation/index.ts";
import { audienceWhere } from "./audience.ts";
import { CUSTOMER_EXPORT_JOB, jobActor, setJobProgress } from "./customer-job.ts";

export const EXPORT_BATCH_SIZE = 1_000;
const FILE_PATTERN = /^\d+-[0-9a-f-]{36}\.(csv|xlsx)$/;

/** Beside the attachments directory, so the web app (download) and the worker (writer) share it. */
export function customerExportsDir(): string {
  return path.join(path.dirname(apiEnv().ATTACHMENTS_DIR ?? defaultAttachmentsDir()), "exports");
}

export async function startCustomerExport(db: Db, actor: Actor, rawInput: CustomerExportInput) {
  const input = parseInput(customerExportInput, rawInput);
  if (input.includeFullValues && !can(actor.role, "customer.reveal")) throw new AppError("REVEAL_NOT_ALLOWED", { field: "includeFullValues" });
  const total = await db.customer.count({ where: await audienceWhere(db, actor, input.audience) });
  const job = await runUnitOfWork(db, async (uow) => {
    const created = await enqueueJob(uow.tx, {
      type: CUSTOMER_EXPORT_JOB,
      payload: { actorId: actor.id, ...input },
      maxAttempts: 3,
    });
    await uow.tx.job.update({ where: { id: created.id }, data: { createdById: actor.id, progressTotal: total } });
    return created;
  });
  return { jobId: job.id, total };
}

interface Column {
  key: string;
  value: (row: ExportRow) => string | number;
}

const rowSelect = {
  id: true,
  name: true,
  phoneLast4: true,
  phoneEnc: true,
  email: true,
  idNumberEnc: true,
  idNumberMask: true,
  externalId: true,
  level: true,
  city: true,
  firstSeenAt: true,
  lastSeenAt: true,
  conversationCount: true,
  ownerTeam: { select: { name: true } },
  tags: { select: { tag: { select: { name: true } } } },
  fieldValues: { select: { fieldId: true, textValue: true, numberValue: true, dateValue: true, boolValue: true, optionValues: true } },
} satisfies Prisma.CustomerSelect;
type ExportRow = Prisma.CustomerGetPayload<{ select: typeof rowSelect }>;
type FieldValue = ExportRow["fieldValues"][number];

function formatFieldValue(type: CustomFieldType, value: FieldValue | undefined): string | number {
  if (!value) return "";
  switch (type) {
    case "NUMBER":
      return value.numberValue ?? "";
    case "DATE":
      return value.dateValue ? value.dateValue.toISOString().slice(0, 10) : "";
    case "CHECKBOX":
      return value.boolValue === null ? "" : String(value.boolValue);
    case "MULTI_SELECT":
      return Array.isArray(value.optionValues) ? value.optionValues.map(String).join("|") : "";
    default:
      return value.textValue ?? "";
  }
}

/** Columns named by stable keys (the import reads the same names); custom fields by their key. */
async function exportColumns(db: Db, revealed: boolean): Promise<Column[]> {
  const keys = fieldKeysFromEnv();
  const builtIn: Column[] = [
    { key: "id", value: (r) => r.id },
    { key: "name", value: (r) => r.name },
    { key: "phone", value: (r) => (revealed && r.phoneEnc ? decryptField(keys, r.phoneEnc) : (phoneMaskOf(r) ?? "")) },
    { key: "email", value: (r) => r.email ?? "" },
    { key: "idNumber", value: (r) => (revealed && r.idNumberEnc ? decryptField(keys, r.idNumberEnc) : (r.idNumberMask ?? "")) },
    { key: "externalId", value: (r) => r.externalId ?? "" },
    { key: "level", value: (r) => r.level },
    { key: "city", value: (r) => r.city ?? "" },
    { key: "ownerTeam", value: (r) => r.ownerTeam?.name ?? "" },
    { key: "tags", value: (r) => r.tags.map((t) => t.tag.name).join("|") },
    { key: "conversationCount", value: (r) => r.conversationCount },
    { key: "firstSeenAt", value: (r) => r.firstSeenAt.toISOString() },
    { key: "lastSeenAt", value: (r) => r.lastSeenAt.toISOString() },
  ];
  const fields = await db.customField.findMany({
    where: { archivedAt: null },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, key: true, type: true },
  });
  const taken = new Set(builtIn.map((c) => c.key));
  return [
    ...builtIn,
    ...fields.map((field) => ({
      key: taken.has(field.key) ? `field_${field.key}` : field.key,
      value: (r: ExportRow) =>
        formatFieldValue(
          field.type,
          r.fieldValues.find((v) => v.fieldId === field.id),
        ),
    })),
  ];
}

/** A text cell starting like a formula is opened as text, not run by the spreadsheet. */
function safeCell(value: string | number): string | number {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

interface RowSink {
  write(values: (string | number)[]): Promise<void>;
  close(): Promise<void>;
}

function csvSink(file: string, headers: string[]): RowSink {
  const out = createWriteStream(file);
  // the byte order mark makes Excel read the file as UTF-8 (Chinese names)
  const csv = stringify({ header: true, columns: headers, bom: true });
  csv.pipe(out);
  return {
    async write(values) {
      if (!csv.write(values)) await once(csv, "drain");
    },
    async close() {
      csv.end();
      await finished(out);
    },
  };
}

function xlsxSink(file: string, headers: string[]): RowSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet("customers");
  sheet.addRow(headers).commit();
  return {
    write(values) {
      sheet.addRow(values).commit();
      return Promise.resolve();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

interface ExportJobPayload {
  actorId: number;
  audience: CustomerAudience;
  format: "csv" | "xlsx";
  includeFullValues: boolean;
}

export async function runCustomerExportJob(db: Db, jobId: number, payload: Prisma.JsonValue): Promise<CustomerExportResult & { file: string }> {
  const raw = payload as unknown as ExportJobPayload;
  const input = parseInput(customerExportInput, { audience: raw.audience, format: raw.format, includeFullValues: raw.includeFullValues });
  const actor = await jobActor(db, raw.actorId);
  // a permission taken away since the export was asked for is respected
  const revealed = input.includeFullValues && can(actor.role, "customer.reveal");
  const where = await audienceWhere(db, actor, input.audience);
  const total = await db.customer.count({ where });
  await setJobProgress(db, jobId, { done: 0, total });
  const columns = await exportColumns(db, revealed);

  const dir = customerExportsDir();
  await mkdir(dir, { recursive: true });
  const file = `${jobId}-${randomUUID()}.${input.format}`;
  const temporary = path.join(dir, `${file}.part`);
  const headers = columns.map((c) => c.key);
  const sink = input.format === "csv" ? csvSink(temporary, headers) : xlsxSink(temporary, headers);
  let rows = 0;
  try {
    let lastId = 0;
    for (;;) {
      const batch = await db.customer.findMany({
        where: { AND: [where, { id: { gt: lastId } }] },
        orderBy: { id: "asc" },
        take: EXPORT_BATCH_SIZE,
        select: rowSelect,
      });
      if (batch.length === 0) break;
      for (const row of batch) await sink.write(columns.map((c) => safeCell(c.value(row))));
      rows += batch.length;
      lastId = batch.at(-1)!.id;
      await setJobProgress(db, jobId, { done: rows, total: Math.max(total, rows) });
    }
    await sink.close();
    await rename(temporary, path.join(dir, file));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }

  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  const result = { kind: "export" as const, format: input.format, rows, fileName: `customers-${stamp}.${input.format}`, revealed, file };
  await setJobProgress(db, jobId, { done: rows, total: rows, result });
  if (revealed) {
    await appendAudit(db, {
      actorId: actor.id,
      actorLabel: actor.employeeNo,
      action: "customer.revealExport",
      targetType: "Job",
      targetId: jobId,
      result: "SUCCESS",
      detail: { export: jobId, rows, format: input.format, audience: input.audience.kind },
    });
  }
  return result;
}

export interface CustomerExportFile {
  path: string;
  fileName: string;
  contentType: string;
  size: number;
}

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/** The finished file of an export, for the one who asked for it; anyone else is told it does not exist. */
export async function openCustomerExport(db: Db, actor: Actor, jobId: number): Promise<CustomerExportFile> {
  if (!Number.isSafeInteger(jobId) || jobId <= 0) throw new AppError("NOT_FOUND", { field: "id" });
  const job = await db.job.findUnique({ where: { id: jobId }, select: { type: true, status: true, createdById: true, result: true } });
  if (!job || job.type !== CUSTOMER_EXPORT_JOB || job.createdById !== actor.id || !can(actor.role, "customer.manage"))
    throw new AppError("NOT_FOUND", { field: "id" });
  const result = job.result as { file?: unknown; fileName?: unknown; format?: unknown } | null;
  if (job.status !== "SUCCEEDED" || typeof result?.file !== "string" || !FILE_PATTERN.test(result.file))
    throw new AppError("EXPORT_NOT_READY", { field: "id" });
  const file = path.join(customerExportsDir(), result.file);
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError("EXPORT_NOT_READY", { field: "id" });
  const format = result.format === "xlsx" ? "xlsx" : "csv";
  return { path: file, fileName: typeof result.fileName === "string" ? result.fileName : `customers.${format}`, contentType: CONTENT_TYPES[format], size };
}
