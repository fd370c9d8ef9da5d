/**
 * The one place a custom field's value is checked and turned into the column of its type. The profile's inline
 * editing and the import both call it, so a value is refused for the same reason wherever it comes from.
 */
import type { CustomFieldType } from "../../contracts/custom-field.ts";
import { CUSTOM_FIELD_TEXT_MAX, type CustomFieldRawValue } from "../../contracts/custom-field.ts";
import { AppError } from "../../errors.ts";

export interface CustomFieldDefinition {
  id: number;
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  pattern: string | null;
  options: unknown;
}

export interface FieldValueColumns {
  textValue: string | null;
  numberValue: number | null;
  dateValue: Date | null;
  boolValue: boolean | null;
  optionValues: string[] | null;
}

/** What one stored value reads as: text, number, "YYYY-MM-DD", a boolean or the chosen options. */
export type FieldValue = string | number | boolean | string[] | null;

const EMPTY: FieldValueColumns = { textValue: null, numberValue: null, dateValue: null, boolValue: null, optionValues: null };
const TRUE_WORDS = new Set(["true", "1", "yes", "y", "是", "✓"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n", "否", ""]);

export function optionsOf(field: { options: unknown }): string[] {
  return Array.isArray(field.options) ? field.options.filter((o): o is string => typeof o === "string") : [];
}

function fieldError(
  field: CustomFieldDefinition,
  code: "FIELD_VALUE_REQUIRED" | "FIELD_VALUE_PATTERN" | "FIELD_VALUE_FORMAT" | "FIELD_VALUE_UNKNOWN_OPTION",
  params: Record<string, string | number> = {},
) {
  return new AppError(code, { field: `fields.${field.key}`, params: { label: field.label, type: field.type, ...params } });
}

function isBlank(raw: CustomFieldRawValue): boolean {
  return raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);
}

function parseDate(text: string): Date | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

function isLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname;
  } catch {
    return false;
  }
}

/**
 * Checks `raw` against the field and returns the columns to store, or null when there is no value (blank and not
 * required: the stored value is removed). Throws an AppError naming the field (`fields.<key>`) and the rule.
 * A multiple choice may come as a list or, from a file, as one text separated by , ， ; or 、.
 */
export function parseCustomFieldValue(field: CustomFieldDefinition, raw: CustomFieldRawValue): FieldValueColumns | null {
  if (field.type === "CHECKBOX") {
    if (typeof raw === "boolean") return { ...EMPTY, boolValue: raw };
    if (raw === null) {
      if (field.required) throw fieldError(field, "FIELD_VALUE_REQUIRED");
      return null;
    }
    const word = String(raw).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { ...EMPTY, boolValue: true };
    if (FALSE_WORDS.has(word)) {
      if (word === "" && field.required) throw fieldError(field, "FIELD_VALUE_REQUIRED");
      return word === "" ? null : { ...EMPTY, boolValue: false };
    }
    throw fieldError(field, "FIELD_VALUE_FORMAT");
  }
  if (isBlank(raw)) {
    if (field.required) throw fieldError(field, "FIELD_VALUE_REQUIRED");
    return null;
  }
  if (field.type === "MULTI_SELECT") {
    const chosen = Array.isArray(raw) ? raw.map((o) => o.trim()) : typeof raw === "string" ? raw.split(/[,，;、]/).map((o) => o.trim()) : null;
    if (!chosen) throw fieldError(field, "FIELD_VALUE_FORMAT");
    const options = optionsOf(field);
    const unknown = chosen.find((o) => o !== "" && !options.includes(o));
    if (unknown !== undefined) throw fieldError(field, "FIELD_VALUE_UNKNOWN_OPTION", { option: unknown });
    // kept in the order of the field's options, each once
    const values = options.filter((o) => chosen.includes(o));
    if (!values.length) {
      if (field.required) throw fieldError(field, "FIELD_VALUE_REQUIRED");
      return null;
    }
    return { ...EMPTY, optionValues: values };
  }
  if (Array.isArray(raw) || typeof raw === "boolean") throw fieldError(field, "FIELD_VALUE_FORMAT");
  if (field.type === "NUMBER") {
    const number = typeof raw === "number" ? raw : /^[-+]?(\d+\.?\d*|\.\d+)$/.test(raw!.trim()) ? Number(raw!.trim()) : Number.NaN;
    if (!Number.isFinite(number)) throw fieldError(field, "FIELD_VALUE_FORMAT");
    return { ...EMPTY, numberValue: number };
  }
  if (typeof raw !== "string") throw fieldError(field, "FIELD_VALUE_FORMAT");
  const text = raw.trim();
  if (text.length > CUSTOM_FIELD_TEXT_MAX) throw fieldError(field, "FIELD_VALUE_FORMAT", { max: CUSTOM_FIELD_TEXT_MAX });
  switch (field.type) {
    case "TEXT":
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, "u").test(text)) throw fieldError(field, "FIELD_VALUE_PATTERN", { pattern: field.pattern });
      return { ...EMPTY, textValue: text };
    case "LINK":
      if (!isLink(text)) throw fieldError(field, "FIELD_VALUE_FORMAT");
      return { ...EMPTY, textValue: text };
    case "DATE": {
      const date = parseDate(text);
      if (!date) throw fieldError(field, "FIELD_VALUE_FORMAT");
      return { ...EMPTY, dateValue: date };
    }
    case "SELECT":
      if (!optionsOf(field).includes(text)) throw fieldError(field, "FIELD_VALUE_UNKNOWN_OPTION", { option: text });
      return { ...EMPTY, textValue: text };
  }
  throw fieldError(field, "FIELD_VALUE_FORMAT");
}

/** The stored columns read back as the value the profile shows and edits. */
export function fieldValueOf(
  field: { type: CustomFieldType },
  row: { textValue: string | null; numberValue: number | null; dateValue: Date | null; boolValue: boolean | null; optionValues: unknown } | undefined,
): FieldValue {
  if (!row) return null;
  switch (field.type) {
    case "NUMBER":
      return row.numberValue;
    case "DATE":
      return row.dateValue ? row.dateValue.toISOString().slice(0, 10) : null;
    case "CHECKBOX":
      return row.boolValue;
    case "MULTI_SELECT":
      return Array.isArray(row.optionValues) ? row.optionValues.filter((o): o is string => typeof o === "string") : null;
    default:
      return row.textValue;
  }
}
