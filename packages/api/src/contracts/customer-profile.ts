/**
 * 客户资料: the profile, its edits, revealing a protected field, tags, notes, the timeline and a customer's data
 * request (export, erasure). Limits are here because the browser shows the same numbers.
 */
import { z } from "zod";
import { emailSchema, phoneSchema } from "./user.ts";

export const CUSTOMER_NAME_EDIT_MAX = 64;
export const CUSTOMER_CITY_MAX = 32;
export const CUSTOMER_EXTERNAL_ID_MAX = 64;
/** 18 characters (the last may be X); 15-digit numbers of the first generation are still accepted */
export const ID_NUMBER_MAX = 18;
export const REVEAL_REASON_MIN = 4;
export const REVEAL_REASON_MAX = 200;
/** how long a revealed value stays on screen */
export const REVEAL_SECONDS = 30;
export const CUSTOMER_NOTE_MAX = 2_000;
/** colleagues @mentioned in one note */
export const NOTE_MENTIONS_MAX = 10;
export const TAG_NAME_MAX = 32;
export const TIMELINE_PAGE_MAX = 50;
export const TIMELINE_CURSOR_MAX = 64;
/** the workspace panel's "last conversations" */
export const RECENT_CONVERSATIONS = 5;
export const ERASE_CONFIRM_MAX = 64;

/** ids are INT columns: a larger number is refused as input instead of failing in the database */
const idSchema = z.number().int().positive().max(2_147_483_647);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable();

export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(ID_NUMBER_MAX)
  .regex(/^(\d{17}[\dX]|\d{15})$/, "18 digits (the last may be X) or 15 digits");

export const customerIdInput = z.object({ id: idSchema });

export const customerProfileUpdateInput = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(CUSTOMER_NAME_EDIT_MAX).optional(),
  email: z
    .union([z.literal(""), emailSchema])
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  phone: z
    .union([z.literal(""), phoneSchema])
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  idNumber: z
    .union([z.literal(""), idNumberSchema])
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  level: z.enum(["NORMAL", "VIP", "SVIP"]).optional(),
  ownerTeamId: idSchema.nullable().optional(),
  city: optionalText(CUSTOMER_CITY_MAX).optional(),
  externalId: optionalText(CUSTOMER_EXTERNAL_ID_MAX).optional(),
});
export type CustomerProfileUpdateInput = z.input<typeof customerProfileUpdateInput>;

export const PROTECTED_FIELDS = ["phone", "idNumber"] as const;
export type ProtectedField = (typeof PROTECTED_FIELDS)[number];

export const customerRevealInput = z.object({
  id: idSchema,
  field: z.enum(PROTECTED_FIELDS),
  reason: z.string().trim().min(REVEAL_REASON_MIN).max(REVEAL_REASON_MAX),
});
export type CustomerRevealInput = z.input<typeof customerRevealInput>;

export const customerTagInput = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(TAG_NAME_MAX),
});

export const customerNoteCreateInput = z.object({
  customerId: idSchema,
  body: z.string().trim().min(1).max(CUSTOMER_NOTE_MAX),
  mentions: z.array(idSchema).max(NOTE_MENTIONS_MAX).default([]),
});
export const customerNoteUpdateInput = z.object({
  id: idSchema,
  body: z.string().trim().min(1).max(CUSTOMER_NOTE_MAX),
  mentions: z.array(idSchema).max(NOTE_MENTIONS_MAX).default([]),
});
export type CustomerNoteCreateInput = z.input<typeof customerNoteCreateInput>;
export type CustomerNoteUpdateInput = z.input<typeof customerNoteUpdateInput>;

export const customerNoteIdInput = z.object({ id: idSchema });
export const MENTION_SEARCH_MAX = 64;
export const mentionSearchInput = z.object({ search: z.string().trim().max(MENTION_SEARCH_MAX).default("") });

/** the workspace panel: the customer's latest conversations other than the live one */
export const recentConversationsInput = z.object({ id: idSchema, exceptConversationId: idSchema.optional() });

export const customerTimelineInput = z.object({
  id: idSchema,
  limit: z.number().int().min(1).max(TIMELINE_PAGE_MAX).default(20),
  /** opaque, from the previous page's nextCursor */
  cursor: z
    .string()
    .max(TIMELINE_CURSOR_MAX)
    .regex(/^\d{1,13}:[a-z]{1,12}:\d{1,10}$/)
    .optional(),
});
export type CustomerTimelineInput = z.input<typeof customerTimelineInput>;

export const customerEraseInput = z.object({
  id: idSchema,
  /** the person types 删除 #<id> (the text shown) to confirm */
  confirmation: z.string().trim().min(1).max(ERASE_CONFIRM_MAX),
});
export const eraseConfirmationText = (id: number) => `删除 #${id}`;

/** What a CustomerEvent row says happened, and the words the timeline shows for it (customerProfile.event.<type>). */
export const CUSTOMER_EVENT_TYPES = ["profile_updated", "tag_added", "tag_removed", "field_updated", "merged", "merge_undone", "imported", "erased"] as const;
export type CustomerEventType = (typeof CUSTOMER_EVENT_TYPES)[number];

export { customerProfilePath } from "./links.ts";

/** The customer id in a profile address segment, or null when it is not one (ids are INT columns). */
export function customerIdFromSegment(segment: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id <= 2_147_483_647 ? id : null;
}
