/**
 * Customer import (CSV / XLSX), duplicate suggestions and merging: the inputs of the import and duplicates screens,
 * the limits of an upload and of a row's cells, and the reasons a row is rejected (the browser shows them in words).
 */
import { z } from "zod";

const idSchema = z.number().int().positive();

/** the largest file an import accepts */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** the most data rows one file may hold */
export const IMPORT_ROWS_MAX = 200_000;
/** the most columns a file may have */
export const IMPORT_COLUMNS_MAX = 100;
/** a header cell */
export const IMPORT_HEADER_MAX = 100;
export const IMPORT_EXTENSIONS = ["csv", "xlsx"] as const;
/** how many rejected rows the dry run lists (the counts cover them all; the error file has every one) */
export const IMPORT_REJECT_PREVIEW = 20;

/** The fields a column can fill; custom fields are `custom:<key>`. */
export const IMPORT_TARGETS = ["name", "phone", "email", "externalId", "level", "city", "tags", "ownerTeam", "idNumber"] as const;
export type ImportStandardTarget = (typeof IMPORT_TARGETS)[number];
export const CUSTOM_TARGET_PREFIX = "custom:";
export const IMPORT_MATCH_KEYS = ["PHONE", "EMAIL", "EXTERNAL_ID"] as const;
export type ImportMatchKey = (typeof IMPORT_MATCH_KEYS)[number];
/** the column a match key reads */
export const MATCH_KEY_TARGET: Record<ImportMatchKey, ImportStandardTarget> = { PHONE: "phone", EMAIL: "email", EXTERNAL_ID: "externalId" };

/** Why a row is rejected: the key of its text under `customerImport.reasons`. */
export const IMPORT_REJECT_REASONS = [
  "missingKey",
  "missingName",
  "badPhone",
  "badEmail",
  "badIdNumber",
  "unknownLevel",
  "unknownTeam",
  "tooLong",
  "badTag",
  "requiredCustomField",
  "badCustomField",
  "duplicateInFile",
  "externalIdTaken",
] as const;
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];

const targetSchema = z
  .string()
  .max(80)
  .refine((value) => (IMPORT_TARGETS as readonly string[]).includes(value) || /^custom:[A-Za-z0-9_-]{1,64}$/.test(value), "unknown field");

export const importMappingSchema = z.array(z.object({ column: z.string().max(IMPORT_HEADER_MAX), target: targetSchema })).max(IMPORT_COLUMNS_MAX);
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importIdInput = z.object({ id: idSchema });
export const importPlanInput = z.object({ id: idSchema, mapping: importMappingSchema, matchBy: z.enum(IMPORT_MATCH_KEYS) });
export type ImportPlanInput = z.infer<typeof importPlanInput>;
export const importListInput = z.object({ cursor: idSchema.optional(), limit: z.number().int().min(1).max(50).default(10) });

// Duplicates and merge
export const DUPLICATE_REASONS = ["PHONE", "EMAIL", "UNION_ID"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
/** the most customers one suggestion shows */
export const DUPLICATE_GROUP_MAX = 20;
/** the most customers a dismissed suggestion may name (all of its members) */
export const DUPLICATE_DISMISS_MAX = 500;
export const MERGE_UNDO_DAYS = 30;
export const MERGE_SEARCH_MAX = 64;

export const duplicateListInput = z.object({ limit: z.number().int().min(1).max(100).default(50) });
export const duplicateDismissInput = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  customerIds: z.array(idSchema).min(2).max(DUPLICATE_DISMISS_MAX),
});
export const mergeSearchInput = z.object({ query: z.string().trim().min(1).max(MERGE_SEARCH_MAX), excludeId: idSchema.optional() });
export const mergePairInput = z.object({ survivorId: idSchema, mergedId: idSchema });

/** The fields whose surviving value the merge dialog asks for. */
export const MERGE_FIELDS = ["name", "phone", "email", "idNumber", "level", "city", "externalId", "ownerTeam"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
const sideSchema = z.enum(["survivor", "merged"]);
export type MergeSide = z.infer<typeof sideSchema>;

export const mergeInput = z.object({
  survivorId: idSchema,
  mergedId: idSchema,
  /** which customer's value survives, per field; a field left out keeps the survivor's (or the other's when the survivor has none) */
  choices: z.partialRecord(z.enum(MERGE_FIELDS), sideSchema).default({}),
  customFieldChoices: z
    .array(z.object({ fieldId: idSchema, side: sideSchema }))
    .max(200)
    .default([]),
});
export type MergeInput = z.input<typeof mergeInput>;
export const mergeIdInput = z.object({ id: idSchema });
export const mergeListInput = z.object({ limit: z.number().int().min(1).max(50).default(20) });
