/**
 * From an import file's rows to what each row would write: the mapping checked against the file's headers and the
 * custom fields, each cell checked (phone, email, ID number, level, team, tags, custom fields), and a key repeated
 * within the file rejected after its first row. Nothing here touches the database beyond reading teams and fields.
 */
import type { CustomFieldModel as CustomField } from "@kefu/db";
import type { CustomerLevel, Db } from "@kefu/db/client";
import { hashLookup, normalizePhone, type FieldKeys } from "@kefu/db/crypto";
import {
  CUSTOM_TARGET_PREFIX,
  MATCH_KEY_TARGET,
  type ImportMapping,
  type ImportMatchKey,
  type ImportRejectReason,
  type ImportStandardTarget,
} from "../../contracts/customer-data.ts";
import { CUSTOMER_NAME_MAX } from "../../contracts/limits.ts";
import { AppError } from "../../errors.ts";
import { parseCustomFieldValue, type FieldValueColumns } from "./parse-custom-field-value.ts";

const EMAIL_MAX = 191;
const CITY_MAX = 32;
const EXTERNAL_ID_MAX = 64;
const TAG_MAX = 32;
const LEVELS: Record<string, CustomerLevel> = { NORMAL: "NORMAL", 普通: "NORMAL", 普通客户: "NORMAL", VIP: "VIP", SVIP: "SVIP" };
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const ID_NUMBER = /^(\d{17}[\dX]|\d{15})$/;

export interface ImportContext {
  matchBy: ImportMatchKey;
  /** column index per standard target */
  columns: Partial<Record<ImportStandardTarget, number>>;
  customColumns: { field: CustomField; column: number }[];
  /** active required custom fields: a created customer must have them */
  requiredFields: CustomField[];
  teamsByName: Map<string, number>;
}

export interface PreparedRow {
  /** the row's number as the spreadsheet shows it (the header is row 1) */
  rowNumber: number;
  /** the match key's normalised value: phone hash, lower-case email or external id */
  key: string | null;
  name?: string;
  phone?: string;
  email?: string;
  externalId?: string;
  level?: CustomerLevel;
  city?: string;
  ownerTeamId?: number;
  idNumber?: string;
  tags: string[];
  custom: { fieldId: number; value: FieldValueColumns }[];
  reject?: ImportRejectReason;
  /** the header of the column the rejection is about */
  rejectColumn?: string;
}

/**
 * Checks the mapping against the file and the custom fields: every column exists, a field is filled by one
 * column only, the match key's column is mapped. Bad mapping is INVALID_INPUT naming `mapping.<i>.column|target`.
 */
export async function importContextFor(db: Db, headers: string[], mapping: ImportMapping, matchBy: ImportMatchKey): Promise<ImportContext> {
  const fields = await db.customField.findMany({ where: { archivedAt: null } });
  const fieldsByKey = new Map(fields.map((field) => [field.key, field]));
  const columns: ImportContext["columns"] = {};
  const customColumns: ImportContext["customColumns"] = [];
  const taken = new Set<string>();
  mapping.forEach(({ column, target }, index) => {
    const columnIndex = headers.indexOf(column);
    if (columnIndex < 0)
      throw new AppError("INVALID_INPUT", {
        field: `mapping.${index}.column`,
        message: `mapping.${index}.column: no such column in the file`,
        params: { rule: "unknownColumn" },
      });
    if (taken.has(target))
      throw new AppError("INVALID_INPUT", {
        field: `mapping.${index}.target`,
        message: `mapping.${index}.target: this field is already filled by another column`,
        params: { rule: "mappedTwice" },
      });
    taken.add(target);
    if (target.startsWith(CUSTOM_TARGET_PREFIX)) {
      const field = fieldsByKey.get(target.slice(CUSTOM_TARGET_PREFIX.length));
      if (!field)
        throw new AppError("INVALID_INPUT", {
          field: `mapping.${index}.target`,
          message: `mapping.${index}.target: no such custom field`,
          params: { rule: "unknownField" },
        });
      customColumns.push({ field, column: columnIndex });
    } else columns[target as ImportStandardTarget] = columnIndex;
  });
  if (columns[MATCH_KEY_TARGET[matchBy]] === undefined)
    throw new AppError("INVALID_INPUT", {
      field: "matchBy",
      message: `matchBy: the ${MATCH_KEY_TARGET[matchBy]} column must be mapped to match by it`,
      params: { rule: "matchKeyUnmapped" },
    });
  const teams = columns.ownerTeam === undefined ? [] : await db.team.findMany({ select: { id: true, name: true } });
  return {
    matchBy,
    columns,
    customColumns,
    requiredFields: fields.filter((field) => field.required),
    teamsByName: new Map(teams.map((team) => [team.name, team.id])),
  };
}

export function splitTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,，;；]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** 3101**********1234: the first and last four characters */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${"*".repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;
}

/** One row checked cell by cell, without looking at other rows or at existing customers. */
export function prepareRow(keys: FieldKeys, context: ImportContext, headers: string[], cells: string[], rowNumber: number): PreparedRow {
  const row: PreparedRow = { rowNumber, key: null, tags: [], custom: [] };
  const cell = (target: ImportStandardTarget) => {
    const index = context.columns[target];
    return index === undefined ? "" : (cells[index] ?? "");
  };
  const reject = (reason: ImportRejectReason, target?: ImportStandardTarget): PreparedRow => {
    row.reject = reason;
    const index = target ? context.columns[target] : undefined;
    if (index !== undefined) row.rejectColumn = headers[index];
    return row;
  };
  const tooLong = (target: ImportStandardTarget, max: number) => cell(target).length > max;

  if (tooLong("name", CUSTOMER_NAME_MAX)) return reject("tooLong", "name");
  if (cell("name")) row.name = cell("name");
  if (cell("phone")) {
    const phone = normalizePhone(cell("phone"));
    if (!MAINLAND_MOBILE.test(phone)) return reject("badPhone", "phone");
    row.phone = phone;
  }
  if (cell("email")) {
    const email = cell("email").toLowerCase();
    if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) return reject("badEmail", "email");
    row.email = email;
  }
  if (tooLong("externalId", EXTERNAL_ID_MAX)) return reject("tooLong", "externalId");
  if (cell("externalId")) row.externalId = cell("externalId");
  if (cell("level")) {
    const level = LEVELS[cell("level").toUpperCase()] ?? LEVELS[cell("level")];
    if (!level) return reject("unknownLevel", "level");
    row.level = level;
  }
  if (tooLong("city", CITY_MAX)) return reject("tooLong", "city");
  if (cell("city")) row.city = cell("city");
  if (cell("ownerTeam")) {
    const teamId = context.teamsByName.get(cell("ownerTeam"));
    if (teamId === undefined) return reject("unknownTeam", "ownerTeam");
    row.ownerTeamId = teamId;
  }
  if (cell("idNumber")) {
    const idNumber = cell("idNumber").toUpperCase();
    if (!ID_NUMBER.test(idNumber)) return reject("badIdNumber", "idNumber");
    row.idNumber = idNumber;
  }
  if (cell("tags")) {
    row.tags = splitTags(cell("tags"));
    if (row.tags.some((tag) => tag.length > TAG_MAX)) return reject("badTag", "tags");
  }
  for (const { field, column } of context.customColumns) {
    const raw = cells[column] ?? "";
    // a blank cell leaves the stored value as it is (a new customer's missing required fields are checked apart)
    if (!raw.trim()) continue;
    let value: FieldValueColumns | null;
    try {
      value = parseCustomFieldValue(field, raw);
    } catch {
      row.reject = "badCustomField";
      row.rejectColumn = headers[column];
      return row;
    }
    if (value) row.custom.push({ fieldId: field.id, value });
  }

  const keyTarget = MATCH_KEY_TARGET[context.matchBy];
  if (keyTarget === "phone") row.key = row.phone ? hashLookup(keys, row.phone) : null;
  else if (keyTarget === "email") row.key = row.email ?? null;
  else row.key = row.externalId ?? null;
  if (!row.key) return reject("missingKey", keyTarget);
  return row;
}

/** Every row prepared, and a row whose match key or external id an earlier row already had rejected as a duplicate. */
export function prepareRows(keys: FieldKeys, context: ImportContext, headers: string[], rows: string[][]): PreparedRow[] {
  const seenKeys = new Set<string>();
  const seenExternalIds = new Set<string>();
  return rows.map((cells, index) => {
    const row = prepareRow(keys, context, headers, cells, index + 2);
    if (row.reject) return row;
    if (seenKeys.has(row.key!) || (row.externalId && seenExternalIds.has(row.externalId))) {
      row.reject = "duplicateInFile";
      row.rejectColumn = headers[context.columns[MATCH_KEY_TARGET[context.matchBy]]!];
      return row;
    }
    seenKeys.add(row.key!);
    if (row.externalId) seenExternalIds.add(row.externalId);
    return row;
  });
}

/** A row that would create a customer lacks what a new customer needs: a name and the required custom fields. */
export function rejectForCreate(context: ImportContext, headers: string[], row: PreparedRow): void {
  if (!row.name) {
    row.reject = "missingName";
    const index = context.columns.name;
    row.rejectColumn = index === undefined ? undefined : headers[index];
    return;
  }
  const given = new Set(row.custom.map((value) => value.fieldId));
  const missing = context.requiredFields.find((field) => !given.has(field.id));
  if (missing) {
    row.reject = "requiredCustomField";
    row.rejectColumn = missing.label;
  }
}
