/**
 * 自定义字段 definitions (the admins' page): define, edit, reorder, archive. A field's key and type never change,
 * so values already stored stay in the column of their type; an archived field keeps its values but is not shown.
 */
import type { Db } from "@kefu/db/client";
import {
  customFieldArchiveInput,
  customFieldCreateInput,
  customFieldListInput,
  customFieldMoveInput,
  customFieldUpdateInput,
  CHOICE_TYPES,
  type CustomFieldCreateInput,
  type CustomFieldUpdateInput,
} from "../../contracts/custom-field.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { optionsOf } from "./parse-custom-field-value.ts";

export const CUSTOM_FIELD_SELECT = {
  id: true,
  key: true,
  label: true,
  type: true,
  options: true,
  required: true,
  pattern: true,
  sortOrder: true,
  archivedAt: true,
} as const;

const FIELD_ORDER = [{ sortOrder: "asc" }, { id: "asc" }] as const;

function present<T extends { options: unknown }>(field: T) {
  return { ...field, options: optionsOf(field) };
}

export async function listCustomFields(db: Db, _actor: Actor, input: { includeArchived?: boolean } = {}) {
  const { includeArchived } = parseInput(customFieldListInput, input);
  const fields = await db.customField.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: [...FIELD_ORDER],
    select: CUSTOM_FIELD_SELECT,
  });
  return fields.map(present);
}

export async function createCustomField(db: Db, _actor: Actor, input: CustomFieldCreateInput) {
  const data = parseInput(customFieldCreateInput, input);
  return runUnitOfWork(db, async ({ tx }) => {
    const taken = await tx.customField.findUnique({ where: { key: data.key }, select: { id: true } });
    if (taken) throw new AppError("CUSTOM_FIELD_KEY_TAKEN", { field: "key", params: { key: data.key } });
    const last = await tx.customField.aggregate({ _max: { sortOrder: true } });
    const field = await tx.customField.create({
      data: {
        key: data.key,
        label: data.label,
        type: data.type,
        required: data.required,
        pattern: data.type === "TEXT" ? (data.pattern ?? null) : null,
        options: CHOICE_TYPES.includes(data.type) ? data.options : undefined,
        sortOrder: (last._max.sortOrder ?? -1) + 1,
      },
      select: CUSTOM_FIELD_SELECT,
    });
    return present(field);
  });
}

export async function updateCustomField(db: Db, _actor: Actor, input: CustomFieldUpdateInput) {
  const { id, ...changes } = parseInput(customFieldUpdateInput, input);
  const field = await db.customField.findUnique({ where: { id }, select: { id: true, type: true } });
  if (!field) throw new AppError("NOT_FOUND", { field: "id" });
  if (changes.pattern && field.type !== "TEXT") throw new AppError("INVALID_INPUT", { field: "pattern", params: { rule: "custom" } });
  if (changes.options !== undefined && !CHOICE_TYPES.includes(field.type))
    throw new AppError("INVALID_INPUT", { field: "options", params: { rule: "custom" } });
  if (changes.options !== undefined && changes.options.length === 0)
    throw new AppError("INVALID_INPUT", { field: "options", params: { rule: "too_small", min: 1 } });
  return runUnitOfWork(db, async ({ tx }) => present(await tx.customField.update({ where: { id }, data: changes, select: CUSTOM_FIELD_SELECT })));
}

export async function setCustomFieldArchived(db: Db, _actor: Actor, input: { id: number; archived: boolean }) {
  const { id, archived } = parseInput(customFieldArchiveInput, input);
  const field = await db.customField.findUnique({ where: { id }, select: { id: true } });
  if (!field) throw new AppError("NOT_FOUND", { field: "id" });
  return runUnitOfWork(db, async ({ tx }) =>
    present(await tx.customField.update({ where: { id }, data: { archivedAt: archived ? new Date() : null }, select: CUSTOM_FIELD_SELECT })),
  );
}

/** Swaps the field with its neighbour in the list; positions are renumbered 0…n-1. */
export async function moveCustomField(db: Db, _actor: Actor, input: { id: number; direction: "up" | "down" }) {
  const { id, direction } = parseInput(customFieldMoveInput, input);
  return runUnitOfWork(db, async ({ tx }) => {
    const all = await tx.customField.findMany({ orderBy: [...FIELD_ORDER], select: { id: true, sortOrder: true } });
    const index = all.findIndex((f) => f.id === id);
    if (index === -1) throw new AppError("NOT_FOUND", { field: "id" });
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= all.length) return { id, moved: false };
    [all[index], all[other]] = [all[other]!, all[index]!];
    for (const [position, row] of all.entries()) {
      if (row.sortOrder !== position) await tx.customField.update({ where: { id: row.id }, data: { sortOrder: position } });
    }
    return { id, moved: true };
  });
}
