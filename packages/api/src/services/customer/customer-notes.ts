/**
 * Notes about a customer (备注) by the staff who serve them. Only the author edits or deletes a note; colleagues
 * @mentioned are stored by id and shown as chips.
 */
import type { Db } from "@kefu/db/client";
import {
  customerNoteCreateInput,
  customerNoteIdInput,
  mentionSearchInput,
  customerNoteUpdateInput,
  type CustomerNoteCreateInput,
  type CustomerNoteUpdateInput,
} from "../../contracts/customer-profile.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";

export const NOTE_SELECT = {
  id: true,
  customerId: true,
  body: true,
  mentions: true,
  createdAt: true,
  editedAt: true,
  author: { select: { id: true, name: true, employeeNo: true } },
} as const;

export function mentionIdsOf(mentions: unknown): number[] {
  return Array.isArray(mentions) ? mentions.filter((m): m is number => typeof m === "number") : [];
}

/** The mentioned colleagues must exist and be active; the list is kept in the order given, each once. */
async function checkedMentions(tx: Tx, mentions: number[]): Promise<number[]> {
  const unique = [...new Set(mentions)];
  if (!unique.length) return [];
  const found = await tx.user.findMany({ where: { id: { in: unique }, disabledAt: null }, select: { id: true } });
  const known = new Set(found.map((u) => u.id));
  const missing = unique.findIndex((id) => !known.has(id));
  if (missing !== -1) throw new AppError("NOT_FOUND", { field: `mentions.${missing}` });
  return unique;
}

export async function createCustomerNote(db: Db, actor: Actor, input: CustomerNoteCreateInput) {
  const data = parseInput(customerNoteCreateInput, input);
  await assertCanViewCustomer(db, actor, data.customerId);
  return runUnitOfWork(db, async (uow) => {
    const mentions = await checkedMentions(uow.tx, data.mentions);
    const note = await uow.tx.customerNote.create({
      data: { customerId: data.customerId, authorId: actor.id, body: data.body, mentions },
      select: NOTE_SELECT,
    });
    if (mentions.length)
      uow.record({ type: "customer.note_mentioned", noteId: note.id, customerId: note.customerId, authorId: actor.id, mentionedUserIds: mentions });
    return note;
  });
}

async function loadOwnNote(db: Db, actor: Actor, id: number) {
  const note = await db.customerNote.findUnique({ where: { id }, select: { id: true, authorId: true, customerId: true } });
  if (!note) throw new AppError("NOT_FOUND", { field: "id" });
  await assertCanViewCustomer(db, actor, note.customerId);
  if (note.authorId !== actor.id) throw new AppError("FORBIDDEN", { field: "id" });
  return note;
}

export async function updateCustomerNote(db: Db, actor: Actor, input: CustomerNoteUpdateInput) {
  const data = parseInput(customerNoteUpdateInput, input);
  await loadOwnNote(db, actor, data.id);
  return runUnitOfWork(db, async (uow) => {
    const mentions = await checkedMentions(uow.tx, data.mentions);
    const before = await uow.tx.customerNote.findUniqueOrThrow({ where: { id: data.id }, select: { mentions: true } });
    const note = await uow.tx.customerNote.update({ where: { id: data.id }, data: { body: data.body, mentions, editedAt: new Date() }, select: NOTE_SELECT });
    // only colleagues added by the edit are told; the others already were
    const added = mentions.filter((id) => !mentionIdsOf(before.mentions).includes(id));
    if (added.length)
      uow.record({ type: "customer.note_mentioned", noteId: note.id, customerId: note.customerId, authorId: actor.id, mentionedUserIds: added });
    return note;
  });
}

export async function deleteCustomerNote(db: Db, actor: Actor, input: { id: number }) {
  const { id } = parseInput(customerNoteIdInput, input);
  const note = await loadOwnNote(db, actor, id);
  return runUnitOfWork(db, async ({ tx }) => {
    await tx.customerNote.deleteMany({ where: { id: note.id } });
    return { id: note.id, customerId: note.customerId };
  });
}

/** Active colleagues to @mention, by name or employee number. */
export async function listMentionableStaff(db: Db, _actor: Actor, input: { search?: string }) {
  const { search } = parseInput(mentionSearchInput, input);
  return db.user.findMany({
    where: { disabledAt: null, ...(search ? { OR: [{ name: { contains: search } }, { employeeNo: { contains: search } }] } : {}) },
    orderBy: { name: "asc" },
    take: 20,
    select: { id: true, name: true, employeeNo: true },
  });
}
