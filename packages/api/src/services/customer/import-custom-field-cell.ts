/**
 * A custom field's cell of an import file, checked and turned into the columns of a CustomerFieldValue.
 * Kept apart so the shared custom-field parser can replace it.
 */
import type { CustomFieldModel as CustomField } from "@kefu/db";
import type { Prisma } from "@kefu/db/client";

export interface CustomFieldCellValue {
  textValue: string | null;
  numberValue: number | null;
  dateValue: Date | null;
  boolValue: boolean | null;
  optionValues: string[] | null;
}

export type CustomFieldCellResult = { ok: true; value: CustomFieldCellValue } | { ok: false };

const TEXT_MAX = 191;
const TRUE_WORDS = new Set(["1", "true", "yes", "y", "是", "√", "✓"]);
const FALSE_WORDS = new Set(["0", "false", "no", "n", "否", "×"]);

const empty = (): CustomFieldCellValue => ({ textValue: null, numberValue: null, dateValue: null, boolValue: null, optionValues: null });

function optionNames(options: Prisma.JsonValue | null): string[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((option) => {
    if (typeof option === "string") return [option];
    if (option && typeof option === "object" && !Array.isArray(option)) {
      const value = option.value ?? option.label;
      return typeof value === "string" ? [value] : [];
    }
    return [];
  });
}

function matchesPattern(pattern: string | null, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

/** A non-empty cell's value for the field, or `ok: false` when it does not fit the field's type and rules. */
export function validateCustomFieldCell(field: Pick<CustomField, "type" | "options" | "pattern">, raw: string): CustomFieldCellResult {
  const value = empty();
  switch (field.type) {
    case "TEXT":
      if (raw.length > TEXT_MAX || !matchesPattern(field.pattern, raw)) return { ok: false };
      value.textValue = raw;
      return { ok: true, value };
    case "LINK":
      if (raw.length > TEXT_MAX || !/^https?:\/\/\S+$/i.test(raw)) return { ok: false };
      value.textValue = raw;
      return { ok: true, value };
    case "NUMBER": {
      const number = Number(raw.replace(/,/g, ""));
      if (!Number.isFinite(number)) return { ok: false };
      value.numberValue = number;
      return { ok: true, value };
    }
    case "DATE": {
      const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw);
      if (!match) return { ok: false };
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) return { ok: false };
      value.dateValue = date;
      return { ok: true, value };
    }
    case "CHECKBOX": {
      const word = raw.toLowerCase();
      if (!TRUE_WORDS.has(word) && !FALSE_WORDS.has(word)) return { ok: false };
      value.boolValue = TRUE_WORDS.has(word);
      return { ok: true, value };
    }
    case "SELECT": {
      if (!optionNames(field.options).includes(raw)) return { ok: false };
      value.textValue = raw;
      return { ok: true, value };
    }
    case "MULTI_SELECT": {
      const names = optionNames(field.options);
      const chosen = [
        ...new Set(
          raw
            .split(/[,，;；]/)
            .map((part) => part.trim())
            .filter(Boolean),
        ),
      ];
      if (chosen.length === 0 || chosen.some((choice) => !names.includes(choice))) return { ok: false };
      value.optionValues = chosen;
      return { ok: true, value };
    }
    default:
      return { ok: false };
  }
}
