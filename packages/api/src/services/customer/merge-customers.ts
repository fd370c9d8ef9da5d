/**
 * Merging two customer records into one: the survivor takes the chosen value of each field, and the other's
 * conversations, identities, tags, notes, custom field values and timeline move to it in one unit of work. The
 * merged record stays (hidden, `mergedIntoId`) with a snapshot on its CustomerMerge row that the undo restores.
 */
import type { CustomerFieldValueModel as CustomerFieldValue, CustomerModel as Customer, CustomerTagModel as CustomerTag } from "@kefu/db";
import type { Db, Prisma } from "@kefu/db/client";
import { MERGE_FIELDS, mergeInput, type MergeField, type MergeSide } from "../../contracts/customer-data.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";

/** The customer columns a merge may change and its undo puts back. */
export const MERGE_COLUMNS = [
  "name",
  "phoneHash",
  "phoneEnc",
  "phoneLast4",
  "email",
  "idNumberEnc",
  "idNumberMask",
  "externalId",
  "level",
  "city",
  "ownerTeamId",
  "firstSeenAt",
  "lastSeenAt",
  "conversationCount",
] as const;
export type MergeColumns = Pick<Customer, (typeof MERGE_COLUMNS)[number]>;

/** The columns each choosable field stands for. */
export const FIELD_COLUMNS: Record<MergeField, (keyof MergeColumns)[]> = {
  name: ["name"],
  phone: ["phoneHash", "phoneEnc", "phoneLast4"],
  email: ["email"],
  idNumber: ["idNumberEnc", "idNumberMask"],
  level: ["level"],
  city: ["city"],
  externalId: ["externalId"],
  ownerTeam: ["ownerTeamId"],
};
const FIELD_PRESENT: Record<MergeField, (c: MergeColumns) => boolean> = {
  name: (c) => !!c.name,
  phone: (c) => !!c.phoneHash,
  email: (c) => !!c.email,
  idNumber: (c) => !!c.idNumberEnc,
  level: (c) => c.level !== "NORMAL",
  city: (c) => !!c.city,
  externalId: (c) => !!c.externalId,
  ownerTeam: (c) => c.ownerTeamId !== null,
};

/** What the undo needs, as stored on CustomerMerge.snapshot (dates as ISO strings). */
export interface MergeSnapshot {
  survivor: MergeColumns;
  merged: MergeColumns;
  /** the survivor's last-seen time right after the merge: a later one means it was active since and is kept */
  survivorLastSeenAfter: Date;
  moved: { conversationIds: number[]; identityIds: number[]; noteIds: number[]; eventIds: number[] };
  fieldValues: { survivor: CustomerFieldValue[]; merged: CustomerFieldValue[] };
  tags: { survivor: CustomerTag[]; merged: CustomerTag[] };
}

const COLUMN_SELECT = Object.fromEntries(MERGE_COLUMNS.map((column) => [column, true])) as Record<(typeof MERGE_COLUMNS)[number], true>;

/** Both customers locked, in id order (two merges of the same pair cannot deadlock), with merge-relevant columns. */
export async function lockPair(tx: Tx, survivorId: number, mergedId: number) {
  await tx.$queryRaw`SELECT id FROM Customer WHERE id IN (${survivorId}, ${mergedId}) ORDER BY id FOR UPDATE`;
  const rows = await tx.customer.findMany({
    where: { id: { in: [survivorId, mergedId] } },
    select: { id: true, mergedIntoId: true, erasedAt: true, ...COLUMN_SELECT },
  });
  return { survivor: rows.find((row) => row.id === survivorId), merged: rows.find((row) => row.id === mergedId) };
}

function pickColumns(row: MergeColumns): MergeColumns {
  return Object.fromEntries(MERGE_COLUMNS.map((column) => [column, row[column]])) as MergeColumns;
}

export function mergeCustomers(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(mergeInput, rawInput);
  if (input.survivorId === input.mergedId) throw new AppError("MERGE_SAME_CUSTOMER", { field: "mergedId" });
  return runUnitOfWork(db, async (uow) => {
    const tx = uow.tx;
    const { survivor, merged } = await lockPair(tx, input.survivorId, input.mergedId);
    if (!survivor || survivor.mergedIntoId !== null || survivor.erasedAt) throw new AppError("NOT_FOUND", { field: "survivorId" });
    if (!merged || merged.mergedIntoId !== null || merged.erasedAt) throw new AppError("NOT_FOUND", { field: "mergedId" });
    const ids = [survivor.id, merged.id];

    const [fieldValues, tags, conversations, identities, notes, events] = await Promise.all([
      tx.customerFieldValue.findMany({ where: { customerId: { in: ids } }, orderBy: { fieldId: "asc" } }),
      tx.customerTag.findMany({ where: { customerId: { in: ids } }, orderBy: { tagId: "asc" } }),
      tx.conversation.findMany({ where: { customerId: merged.id }, select: { id: true } }),
      tx.customerIdentity.findMany({ where: { customerId: merged.id }, select: { id: true } }),
      tx.customerNote.findMany({ where: { customerId: merged.id }, select: { id: true } }),
      tx.customerEvent.findMany({ where: { customerId: merged.id }, select: { id: true } }),
    ]);
    const moved = {
      conversationIds: conversations.map((row) => row.id),
      identityIds: identities.map((row) => row.id),
      noteIds: notes.map((row) => row.id),
      eventIds: events.map((row) => row.id),
    };

    // the survivor's new columns: the chosen side per field, else the survivor's own unless it has none
    const next: Partial<MergeColumns> = {};
    for (const field of MERGE_FIELDS) {
      const side: MergeSide = input.choices[field] ?? (FIELD_PRESENT[field](survivor) || !FIELD_PRESENT[field](merged) ? "survivor" : "merged");
      if (side === "merged") for (const column of FIELD_COLUMNS[field]) (next as Record<string, unknown>)[column] = merged[column];
    }
    const lastSeenAt = survivor.lastSeenAt > merged.lastSeenAt ? survivor.lastSeenAt : merged.lastSeenAt;

    // an external id is unique: the merged record lets go of its own before the survivor takes it
    if ("externalId" in next && next.externalId !== null) await tx.customer.update({ where: { id: merged.id }, data: { externalId: null } });
    await tx.customer.update({
      where: { id: survivor.id },
      data: {
        ...next,
        conversationCount: survivor.conversationCount + moved.conversationIds.length,
        firstSeenAt: survivor.firstSeenAt < merged.firstSeenAt ? survivor.firstSeenAt : merged.firstSeenAt,
        lastSeenAt,
      },
    });
    await tx.customer.update({ where: { id: merged.id }, data: { mergedIntoId: survivor.id } });

    const move = { customerId: survivor.id };
    if (moved.conversationIds.length) await tx.conversation.updateMany({ where: { id: { in: moved.conversationIds } }, data: move });
    if (moved.identityIds.length) await tx.customerIdentity.updateMany({ where: { id: { in: moved.identityIds } }, data: move });
    if (moved.noteIds.length) await tx.customerNote.updateMany({ where: { id: { in: moved.noteIds } }, data: move });
    if (moved.eventIds.length) await tx.customerEvent.updateMany({ where: { id: { in: moved.eventIds } }, data: move });

    const survivorTags = tags.filter((tag) => tag.customerId === survivor.id);
    const mergedTags = tags.filter((tag) => tag.customerId === merged.id);
    if (mergedTags.length) {
      await tx.customerTag.createMany({
        data: mergedTags.map((tag) => ({ customerId: survivor.id, tagId: tag.tagId, createdAt: tag.createdAt })),
        skipDuplicates: true,
      });
      await tx.customerTag.deleteMany({ where: { customerId: merged.id } });
    }

    const survivorValues = fieldValues.filter((value) => value.customerId === survivor.id);
    const mergedValues = fieldValues.filter((value) => value.customerId === merged.id);
    const chosen = new Map(input.customFieldChoices.map((choice) => [choice.fieldId, choice.side]));
    const finalValues = new Map(survivorValues.map((value) => [value.fieldId, value]));
    for (const value of mergedValues) if (!finalValues.has(value.fieldId) || chosen.get(value.fieldId) === "merged") finalValues.set(value.fieldId, value);
    if (mergedValues.length) {
      await tx.customerFieldValue.deleteMany({ where: { customerId: { in: ids } } });
      await tx.customerFieldValue.createMany({ data: [...finalValues.values()].map((value) => fieldValueData(value, survivor.id)) });
    }

    const snapshot: MergeSnapshot = {
      survivor: pickColumns(survivor),
      merged: pickColumns(merged),
      survivorLastSeenAfter: lastSeenAt,
      moved,
      fieldValues: { survivor: survivorValues, merged: mergedValues },
      tags: { survivor: survivorTags, merged: mergedTags },
    };
    const record = await tx.customerMerge.create({
      data: { survivorId: survivor.id, mergedId: merged.id, actorId: actor.id, snapshot: snapshot as unknown as Prisma.InputJsonObject },
      select: { id: true },
    });
    await tx.customerEvent.createMany({
      data: [
        {
          customerId: survivor.id,
          type: "merged",
          actorId: actor.id,
          detail: { mergeId: record.id, role: "survivor", otherId: merged.id, otherName: merged.name },
        },
        {
          customerId: merged.id,
          type: "merged",
          actorId: actor.id,
          detail: { mergeId: record.id, role: "merged", otherId: survivor.id, otherName: survivor.name },
        },
      ],
    });
    uow.record({ type: "customer.merged", customerId: survivor.id, mergedId: merged.id, actorId: actor.id });
    return { id: record.id, survivorId: survivor.id, mergedId: merged.id };
  });
}

/** A field value row for createMany; JSON round trips turn dates into strings, so they are read back as dates. */
export function fieldValueData(value: CustomerFieldValue, customerId = value.customerId): Prisma.CustomerFieldValueCreateManyInput {
  return {
    customerId,
    fieldId: value.fieldId,
    textValue: value.textValue,
    numberValue: value.numberValue,
    dateValue: value.dateValue ? new Date(value.dateValue) : null,
    boolValue: value.boolValue,
    optionValues: value.optionValues ?? undefined,
    updatedAt: new Date(value.updatedAt),
  };
}
