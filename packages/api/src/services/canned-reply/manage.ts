/**
 * Managing 快捷回复 (the management screen): create, edit, reorder and delete within one set (scope.ts says who may).
 * A shortcut is unique within its set; a new reply goes to the end of its set.
 */
import type { Db } from "@kefu/db/client";
import {
  cannedReplyCreateInput,
  cannedReplyListInput,
  cannedReplyMoveInput,
  cannedReplyUpdateInput,
  type CannedReplyCreateInput,
  type CannedReplyUpdateInput,
  type CannedScope,
} from "../../contracts/canned-reply.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanManage, assertCanRead, ownershipOf, scopeOf, whereOf, type ReplyOwnership } from "./scope.ts";

export const CANNED_REPLY_SELECT = {
  id: true,
  title: true,
  shortcut: true,
  category: true,
  body: true,
  sortOrder: true,
  teamId: true,
  ownerId: true,
  updatedAt: true,
} as const;

const SET_ORDER = [{ sortOrder: "asc" }, { id: "asc" }] as const;
/** more than anyone keeps in one set; the list stops there */
const SET_MAX = 500;

export async function listCannedRepliesIn(db: Db, actor: Actor, input: { scope: CannedScope }) {
  const { scope } = parseInput(cannedReplyListInput, input);
  const { canManage } = await assertCanRead(db, actor, scope);
  const items = await db.cannedReply.findMany({
    where: whereOf(ownershipOf(actor, scope)),
    orderBy: [...SET_ORDER],
    take: SET_MAX,
    select: CANNED_REPLY_SELECT,
  });
  return { canManage, items };
}

async function assertShortcutFree(tx: Tx, ownership: ReplyOwnership, shortcut: string, exceptId?: number) {
  const taken = await tx.cannedReply.findFirst({
    where: { ...whereOf(ownership), shortcut, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new AppError("SHORTCUT_TAKEN", { field: "shortcut", params: { shortcut } });
}

export async function createCannedReply(db: Db, actor: Actor, input: CannedReplyCreateInput) {
  const data = parseInput(cannedReplyCreateInput, input);
  await assertCanManage(db, actor, data.scope);
  const ownership = ownershipOf(actor, data.scope);
  return runUnitOfWork(db, async ({ tx }) => {
    await assertShortcutFree(tx, ownership, data.shortcut);
    const last = await tx.cannedReply.aggregate({ where: whereOf(ownership), _max: { sortOrder: true } });
    return tx.cannedReply.create({
      data: {
        ...ownership,
        title: data.title,
        shortcut: data.shortcut,
        category: data.category,
        body: data.body,
        sortOrder: (last._max.sortOrder ?? -1) + 1,
      },
      select: CANNED_REPLY_SELECT,
    });
  });
}

/** The reply, when the actor may manage its set; someone else's personal reply is NOT_FOUND (it is not theirs to know of). */
async function loadManaged(db: Db | Tx, actor: Actor, id: number) {
  const reply = await db.cannedReply.findUnique({ where: { id }, select: { id: true, teamId: true, ownerId: true, sortOrder: true } });
  if (!reply || (reply.ownerId !== null && reply.ownerId !== actor.id)) throw new AppError("NOT_FOUND", { field: "id" });
  await assertCanManage(db as Db, actor, scopeOf(reply));
  return reply;
}

export async function updateCannedReply(db: Db, actor: Actor, input: CannedReplyUpdateInput) {
  const { id, ...changes } = parseInput(cannedReplyUpdateInput, input);
  const reply = await loadManaged(db, actor, id);
  return runUnitOfWork(db, async ({ tx }) => {
    if (changes.shortcut !== undefined) await assertShortcutFree(tx, reply, changes.shortcut, id);
    return tx.cannedReply.update({ where: { id }, data: changes, select: CANNED_REPLY_SELECT });
  });
}

export async function deleteCannedReply(db: Db, actor: Actor, input: { id: number }) {
  const reply = await loadManaged(db, actor, input.id);
  await db.cannedReply.deleteMany({ where: { id: reply.id } });
  return { id: reply.id };
}

/** Swaps the reply with its neighbour in the set; at either end nothing changes. Positions are renumbered 0…n-1. */
export async function moveCannedReply(db: Db, actor: Actor, input: { id: number; direction: "up" | "down" }) {
  const { id, direction } = parseInput(cannedReplyMoveInput, input);
  const reply = await loadManaged(db, actor, id);
  return runUnitOfWork(db, async ({ tx }) => {
    const set = await tx.cannedReply.findMany({ where: whereOf(reply), orderBy: [...SET_ORDER], select: { id: true, sortOrder: true } });
    const index = set.findIndex((r) => r.id === id);
    const other = direction === "up" ? index - 1 : index + 1;
    if (index === -1 || other < 0 || other >= set.length) return { moved: false };
    [set[index], set[other]] = [set[other]!, set[index]!];
    for (const [position, row] of set.entries()) {
      if (row.sortOrder !== position) await tx.cannedReply.update({ where: { id: row.id }, data: { sortOrder: position } });
    }
    return { moved: true };
  });
}
