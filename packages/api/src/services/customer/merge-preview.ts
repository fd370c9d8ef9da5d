/** What the merge screens read: candidates found by a search, both customers side by side, and the recent merges. */
import type { Db, Prisma } from "@kefu/db/client";
import { hashLookup, maskPhone, normalizePhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { mergeListInput, mergePairInput, mergeSearchInput } from "../../contracts/customer-data.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { visibleCustomersWhere } from "./access.ts";
import { mergeUndoDeadline } from "./undo-merge.ts";

const SUMMARY_SELECT = {
  id: true,
  name: true,
  phoneLast4: true,
  email: true,
  externalId: true,
  level: true,
  city: true,
  conversationCount: true,
  lastSeenAt: true,
} as const;

/** Customers to merge with: by id, phone, email, external id or a part of the name. */
export async function searchMergeCandidates(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(mergeSearchInput, rawInput);
  const query = input.query;
  const phone = normalizePhone(query);
  const or: Prisma.CustomerWhereInput[] = [{ name: { contains: query } }, { email: query.toLowerCase() }, { externalId: query }];
  if (/^\d{1,10}$/.test(query)) or.push({ id: Number(query) });
  if (phone.length >= 7) or.push({ phoneHash: hashLookup(fieldKeysFromEnv(), phone) });
  const rows = await db.customer.findMany({
    where: { AND: [await visibleCustomersWhere(db, actor), { erasedAt: null, OR: or }, input.excludeId ? { id: { not: input.excludeId } } : {}] },
    select: SUMMARY_SELECT,
    orderBy: { lastSeenAt: "desc" },
    take: 10,
  });
  return rows.map(({ phoneLast4, ...row }) => ({ ...row, phone: maskPhone(phoneLast4) }));
}

function fieldValueText(value: {
  textValue: string | null;
  numberValue: number | null;
  dateValue: Date | null;
  boolValue: boolean | null;
  optionValues: Prisma.JsonValue;
}) {
  if (value.textValue !== null) return value.textValue;
  if (value.numberValue !== null) return String(value.numberValue);
  if (value.dateValue !== null) return value.dateValue.toISOString().slice(0, 10);
  if (value.boolValue !== null) return value.boolValue ? "✓" : "✗";
  if (Array.isArray(value.optionValues)) return value.optionValues.join(", ");
  return null;
}

/** Both customers' values of every choosable field (sensitive ones masked) and what each holds. */
export async function mergePreview(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(mergePairInput, rawInput);
  if (input.survivorId === input.mergedId) throw new AppError("MERGE_SAME_CUSTOMER", { field: "mergedId" });
  const load = async (id: number, field: string) => {
    const row = await db.customer.findFirst({
      where: { id, mergedIntoId: null, erasedAt: null },
      select: {
        ...SUMMARY_SELECT,
        idNumberMask: true,
        ownerTeam: { select: { id: true, name: true } },
        fieldValues: { select: { fieldId: true, textValue: true, numberValue: true, dateValue: true, boolValue: true, optionValues: true } },
        _count: { select: { conversations: true, identities: true, tags: true, customerNotes: true } },
      },
    });
    if (!row) throw new AppError("NOT_FOUND", { field });
    const { phoneLast4, fieldValues, ownerTeam, _count, ...rest } = row;
    return {
      ...rest,
      phone: phoneLast4 ? maskPhone(phoneLast4) : null,
      ownerTeam: ownerTeam?.name ?? null,
      counts: { conversations: _count.conversations, identities: _count.identities, tags: _count.tags, notes: _count.customerNotes },
      values: new Map(fieldValues.map((value) => [value.fieldId, fieldValueText(value)])),
    };
  };
  const survivor = await load(input.survivorId, "survivorId");
  const merged = await load(input.mergedId, "mergedId");
  const fields = await db.customField.findMany({
    where: { archivedAt: null },
    select: { id: true, label: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  const customFields = fields
    .map((field) => ({ id: field.id, label: field.label, survivor: survivor.values.get(field.id) ?? null, merged: merged.values.get(field.id) ?? null }))
    .filter((field) => field.survivor !== null || field.merged !== null);
  const strip = ({ values: _values, ...rest }: typeof survivor) => rest;
  return { survivor: strip(survivor), merged: strip(merged), customFields };
}

/** The latest merges, with whether each can still be undone and until when. */
export async function listCustomerMerges(db: Db, actor: Actor, rawInput: unknown, now = new Date()) {
  const input = parseInput(mergeListInput, rawInput);
  const merges = await db.customerMerge.findMany({
    orderBy: { id: "desc" },
    take: input.limit,
    select: { id: true, survivorId: true, mergedId: true, createdAt: true, undoneAt: true, actor: { select: { name: true } } },
  });
  const ids = [...new Set(merges.flatMap((merge) => [merge.survivorId, merge.mergedId]))];
  const names = new Map((await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  return merges.map((merge) => {
    const undoUntil = mergeUndoDeadline(merge.createdAt);
    return {
      id: merge.id,
      survivor: { id: merge.survivorId, name: names.get(merge.survivorId) ?? null },
      merged: { id: merge.mergedId, name: names.get(merge.mergedId) ?? null },
      actorName: merge.actor.name,
      createdAt: merge.createdAt,
      undoneAt: merge.undoneAt,
      undoUntil,
      undoable: !merge.undoneAt && now <= undoUntil,
    };
  });
}
