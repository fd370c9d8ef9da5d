/**
 * Undoing a merge within MERGE_UNDO_DAYS: the moved rows go back, both customers get their columns, tags and custom
 * field values from the snapshot; the survivor keeps conversations that arrived after the merge (and their count),
 * and its last-seen time when it was seen since.
 */
import type { Db } from "@kefu/db/client";
import { MERGE_UNDO_DAYS, mergeIdInput } from "../../contracts/customer-data.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { fieldValueData, lockPair, type MergeSnapshot } from "./merge-customers.ts";

const DAY_MS = 24 * 3_600_000;

export function mergeUndoDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + MERGE_UNDO_DAYS * DAY_MS);
}

const asDate = (value: Date | string) => new Date(value);

export function undoCustomerMerge(db: Db, actor: Actor, rawInput: unknown, now = new Date()) {
  const input = parseInput(mergeIdInput, rawInput);
  return runUnitOfWork(db, async ({ tx }) => {
    const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM CustomerMerge WHERE id = ${input.id} FOR UPDATE`;
    const merge = locked ? await tx.customerMerge.findUnique({ where: { id: input.id } }) : null;
    if (!merge) throw new AppError("NOT_FOUND", { field: "id" });
    if (merge.undoneAt) throw new AppError("ALREADY_DONE", { field: "id" });
    if (now > mergeUndoDeadline(merge.createdAt)) throw new AppError("MERGE_UNDO_EXPIRED", { field: "id", params: { days: MERGE_UNDO_DAYS } });
    const { survivor, merged } = await lockPair(tx, merge.survivorId, merge.mergedId);
    if (!survivor || !merged || merged.mergedIntoId !== survivor.id || survivor.mergedIntoId !== null) throw new AppError("MERGE_UNDO_STALE", { field: "id" });
    const snapshot = merge.snapshot as unknown as MergeSnapshot;
    const { moved } = snapshot;
    const back = { customerId: merged.id };

    if (moved.conversationIds.length) await tx.conversation.updateMany({ where: { id: { in: moved.conversationIds }, customerId: survivor.id }, data: back });
    if (moved.identityIds.length) await tx.customerIdentity.updateMany({ where: { id: { in: moved.identityIds }, customerId: survivor.id }, data: back });
    if (moved.noteIds.length) await tx.customerNote.updateMany({ where: { id: { in: moved.noteIds }, customerId: survivor.id }, data: back });
    if (moved.eventIds.length) await tx.customerEvent.updateMany({ where: { id: { in: moved.eventIds }, customerId: survivor.id }, data: back });

    const ids = [survivor.id, merged.id];
    await tx.customerTag.deleteMany({ where: { customerId: { in: ids } } });
    const tags = [...snapshot.tags.survivor, ...snapshot.tags.merged];
    if (tags.length)
      await tx.customerTag.createMany({
        data: tags.map((tag) => ({ customerId: tag.customerId, tagId: tag.tagId, createdAt: asDate(tag.createdAt) })),
        skipDuplicates: true,
      });
    await tx.customerFieldValue.deleteMany({ where: { customerId: { in: ids } } });
    const values = [...snapshot.fieldValues.survivor, ...snapshot.fieldValues.merged];
    if (values.length) await tx.customerFieldValue.createMany({ data: values.map((value) => fieldValueData(value)) });

    const before = snapshot.survivor;
    const seenSince = survivor.lastSeenAt.getTime() > asDate(snapshot.survivorLastSeenAfter).getTime();
    await tx.customer.update({
      where: { id: survivor.id },
      data: {
        ...before,
        firstSeenAt: asDate(before.firstSeenAt),
        lastSeenAt: seenSince ? survivor.lastSeenAt : asDate(before.lastSeenAt),
        conversationCount: Math.max(0, survivor.conversationCount - moved.conversationIds.length),
      },
    });
    const mergedBefore = snapshot.merged;
    await tx.customer.update({
      where: { id: merged.id },
      data: { ...mergedBefore, firstSeenAt: asDate(mergedBefore.firstSeenAt), lastSeenAt: asDate(mergedBefore.lastSeenAt), mergedIntoId: null },
    });
    await tx.customerMerge.update({ where: { id: merge.id }, data: { undoneAt: now, undoneById: actor.id } });
    await tx.customerEvent.createMany({
      data: [
        {
          customerId: survivor.id,
          type: "merge_undone",
          actorId: actor.id,
          detail: { mergeId: merge.id, role: "survivor", otherId: merged.id, otherName: mergedBefore.name },
        },
        {
          customerId: merged.id,
          type: "merge_undone",
          actorId: actor.id,
          detail: { mergeId: merge.id, role: "merged", otherId: survivor.id, otherName: before.name },
        },
      ],
    });
    return { id: merge.id, survivorId: survivor.id, mergedId: merged.id };
  });
}
