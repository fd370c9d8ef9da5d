/** 自定义字段: the definitions admins manage and the raw value a person (or an import) gives for one field. */
import { z } from "zod";

export const CUSTOM_FIELD_KEY_MAX = 64;
export const CUSTOM_FIELD_LABEL_MAX = 64;
export const CUSTOM_FIELD_PATTERN_MAX = 200;
export const CUSTOM_FIELD_OPTION_MAX = 64;
export const CUSTOM_FIELD_OPTIONS_MAX = 50;
/** a text or link value; the column holding it is VARCHAR(191) */
export const CUSTOM_FIELD_TEXT_MAX = 191;

export const CUSTOM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "SELECT", "MULTI_SELECT", "LINK", "CHECKBOX"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CHOICE_TYPES: readonly CustomFieldType[] = ["SELECT", "MULTI_SELECT"];

/** ids are INT columns: a larger number is refused as input instead of failing in the database */
const idSchema = z.number().int().positive().max(2_147_483_647);

/** true when the text compiles as a JavaScript regular expression */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

const optionsSchema = z
  .array(z.string().trim().min(1).max(CUSTOM_FIELD_OPTION_MAX))
  .max(CUSTOM_FIELD_OPTIONS_MAX)
  .refine((options) => new Set(options).size === options.length, "options must be different");

const patternSchema = z
  .string()
  .trim()
  .max(CUSTOM_FIELD_PATTERN_MAX)
  .refine((p) => p === "" || isValidPattern(p), "not a valid regular expression")
  .transform((p) => (p === "" ? null : p))
  .nullable();

export const customFieldCreateInput = z
  .object({
    key: z
      .string()
      .trim()
      .min(1)
      .max(CUSTOM_FIELD_KEY_MAX)
      .regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _, starting with a letter"),
    label: z.string().trim().min(1).max(CUSTOM_FIELD_LABEL_MAX),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: z.boolean().default(false),
    pattern: patternSchema.optional(),
    options: optionsSchema.default([]),
  })
  .superRefine((field, ctx) => {
    if (CHOICE_TYPES.includes(field.type) && field.options.length === 0)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a choice field needs at least one option" });
    if (field.pattern && field.type !== "TEXT") ctx.addIssue({ code: "custom", path: ["pattern"], message: "only a text field has a pattern" });
  });
export type CustomFieldCreateInput = z.input<typeof customFieldCreateInput>;

/** The type and key never change: values already stored are in the column of the type. */
export const customFieldUpdateInput = z.object({
  id: idSchema,
  label: z.string().trim().min(1).max(CUSTOM_FIELD_LABEL_MAX).optional(),
  required: z.boolean().optional(),
  pattern: patternSchema.optional(),
  options: optionsSchema.optional(),
});
export type CustomFieldUpdateInput = z.input<typeof customFieldUpdateInput>;

export const customFieldIdInput = z.object({ id: idSchema });
export const customFieldMoveInput = z.object({ id: idSchema, direction: z.enum(["up", "down"]) });
export const customFieldArchiveInput = z.object({ id: idSchema, archived: z.boolean() });
export const customFieldListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });

/** What a person or an import sends for one field: text for most types, a list for multiple choice, null to clear. */
export const customFieldRawValue = z.union([
  z.string().max(CUSTOM_FIELD_TEXT_MAX),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(CUSTOM_FIELD_OPTION_MAX)).max(CUSTOM_FIELD_OPTIONS_MAX),
  z.null(),
]);
export type CustomFieldRawValue = z.infer<typeof customFieldRawValue>;

export const customFieldValueSetInput = z.object({
  customerId: idSchema,
  fieldId: idSchema,
  value: customFieldRawValue,
});
export type CustomFieldValueSetInput = z.input<typeof customFieldValueSetInput>;
