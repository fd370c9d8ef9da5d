/**
 * Customer import: upload (the file is stored like attachments and its header row kept), mapping (remembered per
 * header row), dry run, and the run itself as a job in batches that checkpoints in the same transaction as its
 * writes, so a retried job continues where it stopped and never writes a batch twice.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { fieldKeysFromEnv } from "@kefu/db/env";
import {
  CUSTOM_TARGET_PREFIX,
  IMPORT_REJECT_PREVIEW,
  IMPORT_TARGETS,
  importListInput,
  importPlanInput,
  type ImportMapping,
  type ImportMatchKey,
  type ImportRejectReason,
  type ImportStandardTarget,
} from "../../contracts/customer-data.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { attachmentStore, newStorageKey, type AttachmentStore } from "../attachment/index.ts";
import type { Actor } from "../conversation/index.ts";
import { applyBatch, IMPORT_BATCH_SIZE, planBatch } from "./import-batch.ts";
import { fileRule, importFormatOf, readImportTable, type ImportFormat } from "./import-file.ts";
import { importContextFor, prepareRows, type ImportContext } from "./import-rows.ts";

export const CUSTOMER_IMPORT_JOB = "customer.import";
export const importJobKey = (importId: number) => `${CUSTOMER_IMPORT_JOB}:${importId}`;
const FILE_NAME_MAX = 255;

const HEADER_GUESSES: Record<ImportStandardTarget, string[]> = {
  name: ["姓名", "名称", "客户名称", "客户姓名", "name", "fullname"],
  phone: ["手机", "手机号", "手机号码", "电话", "phone", "mobile"],
  email: ["邮箱", "电子邮箱", "email", "e-mail", "mail"],
  externalId: ["外部id", "客户编号", "会员号", "externalid", "external_id", "id"],
  level: ["等级", "客户等级", "level"],
  city: ["城市", "city"],
  tags: ["标签", "tags", "tag"],
  ownerTeam: ["归属技能组", "归属组", "技能组", "ownerteam", "team"],
  idNumber: ["身份证", "身份证号", "证件号", "idnumber", "id_number"],
};
const squash = (text: string) => text.toLowerCase().replace(/[\s_-]/g, "");

/** The mapping a file starts from: the last one used for the same header row, else a guess from the header names. */
async function suggestMapping(db: Db, headers: string[]): Promise<{ mapping: ImportMapping; matchBy: ImportMatchKey; remembered: boolean }> {
  const previous = await db.customerImport.findMany({
    where: { mapping: { not: { equals: null } } },
    orderBy: { id: "desc" },
    take: 50,
    select: { headers: true, mapping: true, matchBy: true },
  });
  const same = previous.find((row) => JSON.stringify(row.headers) === JSON.stringify(headers));
  if (same) return { mapping: same.mapping as unknown as ImportMapping, matchBy: same.matchBy as ImportMatchKey, remembered: true };
  const fields = await db.customField.findMany({ where: { archivedAt: null }, select: { key: true, label: true } });
  const mapping: ImportMapping = [];
  const used = new Set<string>();
  for (const column of headers) {
    const header = squash(column);
    const standard = IMPORT_TARGETS.find((target) => !used.has(target) && HEADER_GUESSES[target].some((guess) => squash(guess) === header));
    const custom = fields.find((field) => squash(field.key) === header || squash(field.label) === header);
    const target = standard ?? (custom ? `${CUSTOM_TARGET_PREFIX}${custom.key}` : null);
    if (target && !used.has(target)) {
      used.add(target);
      mapping.push({ column, target });
    }
  }
  const matchBy: ImportMatchKey = used.has("phone") ? "PHONE" : used.has("email") ? "EMAIL" : "EXTERNAL_ID";
  return { mapping, matchBy, remembered: false };
}

export interface ImportUpload {
  name: string;
  bytes: Uint8Array;
}

/** Reads and stores an uploaded file and opens an import for it, with the mapping it starts from. */
export async function createCustomerImport(db: Db, actor: Actor, file: ImportUpload, store: AttachmentStore = attachmentStore()) {
  if (!file.name || file.name.length > FILE_NAME_MAX)
    throw fileRule("fileName", `file names may be at most ${FILE_NAME_MAX} characters`, { max: FILE_NAME_MAX });
  const format = importFormatOf(file.name, file.bytes);
  const table = await readImportTable(format, file.bytes);
  const storageKey = newStorageKey(format, new Date(), "-import");
  await store.put(storageKey, file.bytes, format === "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const suggestion = await suggestMapping(db, table.headers);
  const created = await db.customerImport.create({
    data: {
      createdById: actor.id,
      fileName: file.name,
      storageKey,
      format,
      headers: table.headers,
      matchBy: suggestion.matchBy,
      totalRows: table.rows.length,
    },
    select: { id: true },
  });
  return { id: created.id, headers: table.headers, totalRows: table.rows.length, sample: table.rows.slice(0, 3), ...suggestion };
}

async function loadImport(db: Db, id: number) {
  const found = await db.customerImport.findUnique({ where: { id } });
  if (!found) throw new AppError("NOT_FOUND", { field: "id" });
  return found;
}

async function readStoredTable(store: AttachmentStore, imported: { storageKey: string; format: string }) {
  const bytes = await store.get(imported.storageKey);
  if (!bytes) throw new AppError("NOT_FOUND", { field: "file", message: "file: the uploaded file is no longer stored" });
  return readImportTable(imported.format as ImportFormat, bytes);
}

export interface DryRunResult {
  total: number;
  created: number;
  updated: number;
  rejected: number;
  byReason: Partial<Record<ImportRejectReason, number>>;
  rejectedRows: { rowNumber: number; reason: ImportRejectReason; column?: string }[];
}

/**
 * What the import would do with this mapping, without writing a customer: the same checks, batch by batch, as the
 * run. The mapping and match key are saved, so the run and the next file with these headers start from them.
 */
export async function dryRunCustomerImport(db: Db, actor: Actor, rawInput: unknown, store: AttachmentStore = attachmentStore()): Promise<DryRunResult> {
  const input = parseInput(importPlanInput, rawInput);
  const imported = await loadImport(db, input.id);
  if (imported.status !== "UPLOADED" && imported.status !== "DRY_RUN") throw new AppError("ALREADY_DONE", { field: "id" });
  const table = await readStoredTable(store, imported);
  const context = await importContextFor(db, table.headers, input.mapping, input.matchBy);
  const rows = prepareRows(fieldKeysFromEnv(), context, table.headers, table.rows);
  const result: DryRunResult = { total: rows.length, created: 0, updated: 0, rejected: 0, byReason: {}, rejectedRows: [] };
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
    const plan = await planBatch(db, context, table.headers, rows.slice(start, start + IMPORT_BATCH_SIZE));
    result.created += plan.creates.length;
    result.updated += plan.updates.length;
    result.rejected += plan.rejects.length;
    for (const row of plan.rejects) {
      result.byReason[row.reject!] = (result.byReason[row.reject!] ?? 0) + 1;
      if (result.rejectedRows.length < IMPORT_REJECT_PREVIEW)
        result.rejectedRows.push({ rowNumber: row.rowNumber, reason: row.reject!, ...(row.rejectColumn ? { column: row.rejectColumn } : {}) });
    }
  }
  await db.customerImport.update({
    where: { id: imported.id },
    data: { mapping: input.mapping, matchBy: input.matchBy, status: "DRY_RUN" },
  });
  return result;
}

/** Saves the mapping and queues the run; progress is on the import and its job. */
export async function startCustomerImport(db: Db, actor: Actor, rawInput: unknown, store: AttachmentStore = attachmentStore()) {
  const input = parseInput(importPlanInput, rawInput);
  const imported = await loadImport(db, input.id);
  if (imported.status !== "UPLOADED" && imported.status !== "DRY_RUN") throw new AppError("ALREADY_DONE", { field: "id" });
  const table = await readStoredTable(store, imported);
  await importContextFor(db, table.headers, input.mapping, input.matchBy);
  return runUnitOfWork(db, async ({ tx }) => {
    const claimed = await tx.customerImport.updateMany({
      where: { id: imported.id, status: { in: ["UPLOADED", "DRY_RUN"] } },
      data: { mapping: input.mapping, matchBy: input.matchBy, status: "RUNNING", processedRows: 0, createdCount: 0, updatedCount: 0, rejectedCount: 0 },
    });
    if (claimed.count === 0) throw new AppError("ALREADY_DONE", { field: "id" });
    const job = await enqueueJob(tx, { type: CUSTOMER_IMPORT_JOB, payload: { importId: imported.id }, dedupeKey: importJobKey(imported.id), maxAttempts: 5 });
    await tx.job.update({ where: { id: job.id }, data: { progressTotal: table.rows.length, progressDone: 0, createdById: actor.id } });
    return { id: imported.id, jobId: job.id };
  });
}

type RejectedEntry = [rowNumber: number, reason: string, column: string | null];

interface RejectedFile {
  headers: string[];
  rows: { rowNumber: number; cells: string[]; reason: string; column: string | null }[];
}

function importIdOf(payload: Prisma.JsonValue): number {
  const id = payload && typeof payload === "object" && !Array.isArray(payload) ? payload.importId : undefined;
  if (typeof id !== "number") throw new Error("customer.import job without importId");
  return id;
}

/** The job: every batch not yet written, then the rejected rows' file. Safe to run again at any point. */
export async function runCustomerImportJob(db: Db, payload: Prisma.JsonValue, store: AttachmentStore = attachmentStore()): Promise<void> {
  const imported = await loadImport(db, importIdOf(payload));
  if (imported.status !== "RUNNING") return;
  const table = await readStoredTable(store, imported);
  const context: ImportContext = await importContextFor(db, table.headers, imported.mapping as unknown as ImportMapping, imported.matchBy as ImportMatchKey);
  const keys = fieldKeysFromEnv();
  const rows = prepareRows(keys, context, table.headers, table.rows);
  const jobKey = importJobKey(imported.id);
  const job = await db.job.findUnique({ where: { dedupeKey: jobKey }, select: { result: true } });
  const rejected: RejectedEntry[] = [...((job?.result as { rejectedRows?: RejectedEntry[] } | null)?.rejectedRows ?? [])];

  for (let start = imported.processedRows; start < rows.length; start += IMPORT_BATCH_SIZE) {
    const batch = rows.slice(start, start + IMPORT_BATCH_SIZE);
    await runUnitOfWork(db, async ({ tx }) => {
      const [current] = await tx.$queryRaw<{ processedRows: number }[]>`SELECT processedRows FROM CustomerImport WHERE id = ${imported.id} FOR UPDATE`;
      if (Number(current?.processedRows) !== start) return;
      const plan = await planBatch(tx, context, table.headers, batch);
      const result = await applyBatch(tx, keys, context, plan, imported.id, imported.createdById);
      const batchRejects = result.rejected.map((r): RejectedEntry => [r.rowNumber, r.reason, r.column ?? null]);
      await tx.customerImport.update({
        where: { id: imported.id },
        data: {
          processedRows: start + batch.length,
          createdCount: { increment: result.created },
          updatedCount: { increment: result.updated },
          rejectedCount: { increment: result.rejected.length },
        },
      });
      await tx.job.updateMany({
        where: { dedupeKey: jobKey },
        data: { progressDone: start + batch.length, ...(batchRejects.length ? { result: { rejectedRows: [...rejected, ...batchRejects] } } : {}) },
      });
      rejected.push(...batchRejects);
    });
  }

  const byRow = new Map(rows.map((row, index) => [row.rowNumber, index]));
  const file: RejectedFile = {
    headers: table.headers,
    rows: rejected.map(([rowNumber, reason, column]) => ({ rowNumber, cells: table.rows[byRow.get(rowNumber)!] ?? [], reason, column })),
  };
  const errorKey = rejected.length ? (imported.errorKey ?? newStorageKey("json", new Date(), "-rejected")) : null;
  if (errorKey) await store.put(errorKey, new TextEncoder().encode(JSON.stringify(file)), "application/json");
  const finished = await db.customerImport.update({
    where: { id: imported.id },
    data: { status: "DONE", finishedAt: new Date(), errorKey },
    select: { createdCount: true, updatedCount: true, rejectedCount: true },
  });
  await db.job.updateMany({
    where: { dedupeKey: jobKey },
    data: {
      progressDone: rows.length,
      result: {
        importId: imported.id,
        created: finished.createdCount,
        updated: finished.updatedCount,
        rejected: finished.rejectedCount,
        // kept so a repeated run rebuilds the same error file
        rejectedRows: rejected,
      },
    },
  });
}

/** The rejected rows of a finished import, each with its reason put in words by `describe` (the reader's language). */
export async function rejectedRowsOf(
  db: Db,
  importId: number,
  store: AttachmentStore = attachmentStore(),
): Promise<{ fileName: string; headers: string[]; rows: { rowNumber: number; cells: string[]; reason: ImportRejectReason; column: string | null }[] }> {
  const imported = await loadImport(db, importId);
  if (!imported.errorKey) return { fileName: imported.fileName, headers: imported.headers as string[], rows: [] };
  const bytes = await store.get(imported.errorKey);
  if (!bytes) throw new AppError("NOT_FOUND", { field: "id" });
  const file = JSON.parse(new TextDecoder().decode(bytes)) as RejectedFile;
  return {
    fileName: imported.fileName,
    headers: file.headers,
    rows: file.rows as { rowNumber: number; cells: string[]; reason: ImportRejectReason; column: string | null }[],
  };
}

/** One import as its screen shows it: the file, the mapping, where the run is and what it did. */
export async function getCustomerImport(db: Db, actor: Actor, id: number) {
  const imported = await loadImport(db, id);
  const job = await db.job.findUnique({
    where: { dedupeKey: importJobKey(id) },
    select: { id: true, status: true, progressDone: true, progressTotal: true, lastError: true },
  });
  const fields = await db.customField.findMany({
    where: { archivedAt: null },
    select: { id: true, key: true, label: true, type: true, required: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  const suggestion = imported.mapping ? null : await suggestMapping(db, imported.headers as string[]);
  return {
    id: imported.id,
    fileName: imported.fileName,
    format: imported.format,
    headers: imported.headers as string[],
    mapping: (imported.mapping as unknown as ImportMapping | null) ?? suggestion!.mapping,
    matchBy: (imported.mapping ? imported.matchBy : suggestion!.matchBy) as ImportMatchKey,
    remembered: suggestion?.remembered ?? true,
    status: imported.status,
    totalRows: imported.totalRows,
    processedRows: imported.processedRows,
    createdCount: imported.createdCount,
    updatedCount: imported.updatedCount,
    rejectedCount: imported.rejectedCount,
    hasErrorFile: !!imported.errorKey,
    createdAt: imported.createdAt,
    finishedAt: imported.finishedAt,
    job: job ? { id: job.id, status: job.status, progressDone: job.progressDone, progressTotal: job.progressTotal, failing: !!job.lastError } : null,
    customFields: fields,
  };
}

/** The latest imports, newest first. */
export async function listCustomerImports(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(importListInput, rawInput);
  const rows = await db.customerImport.findMany({
    where: input.cursor ? { id: { lt: input.cursor } } : {},
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      fileName: true,
      status: true,
      totalRows: true,
      processedRows: true,
      createdCount: true,
      updatedCount: true,
      rejectedCount: true,
      errorKey: true,
      createdAt: true,
      finishedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  const items = rows.slice(0, input.limit).map(({ errorKey, createdBy, ...row }) => ({ ...row, hasErrorFile: !!errorKey, createdByName: createdBy.name }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
