/**
 * 客户列表: the filter builder's conditions, the sort and keyset cursor of the list, segments (分组), bulk actions and
 * exports. Shared by the server (validation) and the browser (the builder's form).
 */
import { z } from "zod";
import {
  BULK_TAGS_MAX,
  CUSTOMER_FILTER_CONDITIONS_MAX,
  CUSTOMER_FILTER_VALUES_MAX,
  CUSTOMER_PAGE_MAX,
  CUSTOMER_SEARCH_MAX,
  CUSTOMER_SELECTION_MAX,
  PHONE_INPUT_MAX,
  SEGMENT_NAME_MAX,
  TAG_NAME_MAX,
} from "./limits.ts";

const idSchema = z.number().int().positive();
const idList = z.array(idSchema).min(1).max(CUSTOMER_FILTER_VALUES_MAX);
const searchText = z.string().trim().min(1).max(CUSTOMER_SEARCH_MAX);

export const CUSTOMER_LEVELS = ["NORMAL", "VIP", "SVIP"] as const;
export const CUSTOMER_CHANNELS = ["WEB", "WECHAT", "APP", "API"] as const;
export type CustomerLevelValue = (typeof CUSTOMER_LEVELS)[number];

const rangeRules = <T extends number | Date>(r: { min?: T; max?: T }) => r.min === undefined || r.max === undefined || r.min <= r.max;
const needsBound = { message: "give a lower or an upper bound", path: ["min"] };
const orderedBounds = { message: "the lower bound must not be above the upper bound", path: ["max"] };

/** a range where at least one end is given and the lower end is not above the upper one */
function numberRange(bound: z.ZodNumber) {
  return z
    .object({ min: bound.optional(), max: bound.optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, needsBound)
    .refine(rangeRules, orderedBounds);
}
const dateRange = z
  .object({ min: z.coerce.date().optional(), max: z.coerce.date().optional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, needsBound)
  .refine(rangeRules, orderedBounds);

const customFieldCondition = z.discriminatedUnion("op", [
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("equals"), value: z.string().trim().min(1).max(CUSTOMER_SEARCH_MAX) }),
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("contains"), value: searchText }),
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("numberRange"), range: numberRange(z.number().finite()) }),
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("dateRange"), range: dateRange }),
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("isSet") }),
  z.object({ kind: z.literal("field"), fieldId: idSchema, op: z.literal("isNotSet") }),
  z.object({
    kind: z.literal("field"),
    fieldId: idSchema,
    op: z.literal("optionIn"),
    options: z.array(z.string().trim().min(1).max(CUSTOMER_SEARCH_MAX)).min(1).max(CUSTOMER_FILTER_VALUES_MAX),
  }),
]);

/** One condition of the filter builder. */
export const customerConditionSchema = z.union([
  z.discriminatedUnion("kind", [
    /** the search box: name contains, or e-mail / CRM id / channel identity / phone exactly */
    z.object({ kind: z.literal("search"), value: searchText }),
    z.object({ kind: z.literal("name"), value: searchText }),
    z.object({ kind: z.literal("email"), value: z.string().trim().min(1).max(CUSTOMER_SEARCH_MAX) }),
    z.object({ kind: z.literal("externalId"), value: searchText }),
    z.object({ kind: z.literal("identity"), value: searchText }),
    z.object({
      kind: z.literal("phone"),
      // named "phone" so the audit log redacts it
      phone: z
        .string()
        .trim()
        .max(PHONE_INPUT_MAX)
        .refine((v) => v.replace(/\D/g, "").length >= 5, "at least 5 digits"),
    }),
    z.object({ kind: z.literal("level"), levels: z.array(z.enum(CUSTOMER_LEVELS)).min(1).max(CUSTOMER_LEVELS.length) }),
    z.object({ kind: z.literal("tags"), op: z.enum(["any", "all", "none"]), tagIds: idList }),
    z.object({ kind: z.literal("channel"), channels: z.array(z.enum(CUSTOMER_CHANNELS)).min(1).max(CUSTOMER_CHANNELS.length) }),
    z.object({ kind: z.literal("firstSeen"), range: dateRange }),
    z.object({ kind: z.literal("lastSeen"), range: dateRange }),
    z.object({ kind: z.literal("conversationCount"), range: numberRange(z.number().int().min(0).max(1_000_000)) }),
    z.object({ kind: z.literal("csatRated") }),
    /** the average score (1–5) of the customer's rated conversations is at most `max` */
    z.object({ kind: z.literal("csatAverage"), max: z.number().min(1).max(5) }),
    /** owned by one of `teamIds`, or by no team when `none` */
    z
      .object({ kind: z.literal("ownerTeam"), teamIds: z.array(idSchema).max(CUSTOMER_FILTER_VALUES_MAX).default([]), none: z.boolean().default(false) })
      .refine((c) => c.teamIds.length > 0 || c.none, { message: "pick a team or no team", path: ["teamIds"] }),
  ]),
  customFieldCondition,
]);
export type CustomerCondition = z.infer<typeof customerConditionSchema>;

export const filterMatchSchema = z.enum(["all", "any"]);

/** A group of conditions inside a filter (one level deep). */
export const customerConditionGroupSchema = z.object({
  kind: z.literal("group"),
  match: filterMatchSchema,
  conditions: z.array(customerConditionSchema).min(1).max(CUSTOMER_FILTER_CONDITIONS_MAX),
});

/** A filter: conditions (or groups of conditions) combined with AND ("all") or OR ("any"). No conditions: everyone. */
export const customerFilterSchema = z.object({
  match: filterMatchSchema.default("all"),
  conditions: z
    .array(z.union([customerConditionSchema, customerConditionGroupSchema]))
    .max(CUSTOMER_FILTER_CONDITIONS_MAX)
    .default([]),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;
export type CustomerFilterInput = z.input<typeof customerFilterSchema>;

export const CUSTOMER_SORT_FIELDS = ["lastSeenAt", "firstSeenAt", "name", "conversationCount", "level"] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];

export const customerSortSchema = z.object({
  field: z.enum(CUSTOMER_SORT_FIELDS).default("lastSeenAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
export type CustomerSort = z.infer<typeof customerSortSchema>;

/** Where the next page starts: the sort value and id of the last row shown. */
export const customerCursorSchema = z.object({
  id: idSchema,
  value: z.union([z.string().max(64), z.number(), z.date()]),
});
export type CustomerCursor = z.infer<typeof customerCursorSchema>;

/** The customers a list, count, bulk action or export is about: a filter, a saved segment, or ids picked by hand. */
export const customerAudienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("filter"), filter: customerFilterSchema }),
  z.object({ kind: z.literal("segment"), segmentId: idSchema }),
  z.object({ kind: z.literal("ids"), ids: z.array(idSchema).min(1).max(CUSTOMER_SELECTION_MAX) }),
]);
export type CustomerAudience = z.infer<typeof customerAudienceSchema>;
export type CustomerAudienceInput = z.input<typeof customerAudienceSchema>;

export const customerListInput = z.object({
  audience: customerAudienceSchema.default({ kind: "filter", filter: { match: "all", conditions: [] } }),
  sort: customerSortSchema.default({ field: "lastSeenAt", direction: "desc" }),
  cursor: customerCursorSchema.optional(),
  limit: z.number().int().min(1).max(CUSTOMER_PAGE_MAX).default(50),
});
export type CustomerListInput = z.input<typeof customerListInput>;

export const customerCountInput = z.object({ audience: customerAudienceSchema });

const segmentName = z
  .string()
  .trim()
  .min(1)
  .max(SEGMENT_NAME_MAX)
  .refine((v) => v.length > 0, "must not be blank");

export const segmentCreateInput = z.object({ name: segmentName, filter: customerFilterSchema, shared: z.boolean().default(false) });
export const segmentUpdateInput = z.object({
  id: idSchema,
  name: segmentName.optional(),
  filter: customerFilterSchema.optional(),
  shared: z.boolean().optional(),
});
export const segmentIdInput = z.object({ id: idSchema });
export type SegmentCreateInput = z.input<typeof segmentCreateInput>;
export type SegmentUpdateInput = z.input<typeof segmentUpdateInput>;

export const tagListInput = z.object({ query: z.string().trim().max(TAG_NAME_MAX).default("") });
export const tagCreateInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(TAG_NAME_MAX)
    .refine((v) => v.length > 0, "must not be blank"),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour like #64748b")
    .optional(),
});

export const bulkActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("addTags"), tagIds: z.array(idSchema).min(1).max(BULK_TAGS_MAX) }),
  z.object({ kind: z.literal("removeTags"), tagIds: z.array(idSchema).min(1).max(BULK_TAGS_MAX) }),
  z.object({ kind: z.literal("setLevel"), level: z.enum(CUSTOMER_LEVELS) }),
  /** null: no owner team */
  z.object({ kind: z.literal("setOwnerTeam"), teamId: idSchema.nullable() }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

export const customerBulkInput = z.object({ audience: customerAudienceSchema, action: bulkActionSchema });
export type CustomerBulkInput = z.input<typeof customerBulkInput>;

export const CUSTOMER_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export const customerExportInput = z.object({
  audience: customerAudienceSchema,
  format: z.enum(CUSTOMER_EXPORT_FORMATS).default("csv"),
  /** full phone and ID numbers instead of masked ones: needs `customer.reveal`, and is audited */
  includeFullValues: z.boolean().default(false),
});
export type CustomerExportInput = z.input<typeof customerExportInput>;

export const customerJobInput = z.object({ id: idSchema });

/** The summary a finished bulk action or export leaves in `Job.result`. */
export interface CustomerBulkResult {
  kind: "bulk";
  action: BulkAction["kind"];
  matched: number;
  changed: number;
}
export interface CustomerExportResult {
  kind: "export";
  format: (typeof CUSTOMER_EXPORT_FORMATS)[number];
  rows: number;
  fileName: string;
  revealed: boolean;
}
