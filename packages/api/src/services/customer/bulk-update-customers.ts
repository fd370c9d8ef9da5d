/**
 * Bulk actions on customers (add / remove tags, set level, assign owner team) for a selection, a filter or a segment:
 * every matching customer, not just the page shown. Up to BULK_INLINE_MAX run at once; more run as a job that works
 * in batches and reports its progress. Every customer that actually changes gets a CustomerEvent with before / after.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { customerBulkInput, type BulkAction, type CustomerAudience, type CustomerBulkInput, type CustomerBulkResult } from "../../contracts/customer.ts";
import { BULK_INLINE_MAX } from "../../contracts/limits.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { can } from "../../permissions.ts";
import type { Actor } from "../conversation/index.ts";
import { audienceWhere } from "./audience.ts";
import { CUSTOMER_BULK_JOB, jobActor, setJobProgress } from "./customer-job.ts";

/** customers changed per transaction in a job */
export const BULK_BATCH_SIZE = 200;

async function assertActionTargetsExist(db: Db, action: BulkAction) {
  if (action.kind === "addTags" || action.kind === "removeTags") {
    const found = await db.tag.count({ where: { id: { in: action.tagIds } } });
    if (found !== new Set(action.tagIds).size) throw new AppError("NOT_FOUND", { field: "action.tagIds" });
  }
  if (action.kind === "setOwnerTeam" && action.teamId !== null) {
    if (!(await db.team.findUnique({ where: { id: action.teamId }, select: { id: true } }))) throw new AppError("NOT_FOUND", { field: "action.teamId" });
  }
}

type EventRow = Prisma.CustomerEventCreateManyInput;

/** Applies the action to these customers; returns how many changed. */
async function applyToCustomers(tx: Tx, actorId: number, customerIds: number[], action: BulkAction): Promise<number> {
  if (customerIds.length === 0) return 0;
  const events: EventRow[] = [];
  if (action.kind === "addTags" || action.kind === "removeTags") {
    const current = await tx.customerTag.findMany({ where: { customerId: { in: customerIds } }, select: { customerId: true, tagId: true } });
    const tagsOf = new Map<number, number[]>(customerIds.map((id) => [id, []]));
    for (const row of current) tagsOf.get(row.customerId)!.push(row.tagId);
    const toAdd: { customerId: number; tagId: number }[] = [];
    const toRemove: { customerId: number; tagId: number }[] = [];
    for (const [customerId, before] of tagsOf) {
      const changed = action.kind === "addTags" ? action.tagIds.filter((t) => !before.includes(t)) : action.tagIds.filter((t) => before.includes(t));
      if (changed.length === 0) continue;
      (action.kind === "addTags" ? toAdd : toRemove).push(...changed.map((tagId) => ({ customerId, tagId })));
      const after = action.kind === "addTags" ? [...before, ...changed] : before.filter((t) => !changed.includes(t));
      events.push({
        customerId,
        actorId,
        type: action.kind === "addTags" ? "tags_added" : "tags_removed",
        detail: { tagIds: changed, before: { tagIds: before }, after: { tagIds: after } },
      });
    }
    if (toAdd.length) await tx.customerTag.createMany({ data: toAdd, skipDuplicates: true });
    if (toRemove.length) await tx.customerTag.deleteMany({ where: { OR: toRemove } });
  } else if (action.kind === "setLevel") {
    const rows = await tx.customer.findMany({ where: { id: { in: customerIds }, level: { not: action.level } }, select: { id: true, level: true } });
    if (rows.length) await tx.customer.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { level: action.level } });
    for (const row of rows)
      events.push({ customerId: row.id, actorId, type: "level_changed", detail: { before: { level: row.level }, after: { level: action.level } } });
  } else {
    const rows = await tx.customer.findMany({
      where: {
        id: { in: customerIds },
        OR: [{ ownerTeamId: action.teamId === null ? { not: null } : { not: action.teamId } }, ...(action.teamId !== null ? [{ ownerTeamId: null }] : [])],
      },
      select: { id: true, ownerTeamId: true },
    });
    if (rows.length) await tx.customer.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { ownerTeamId: action.teamId } });
    for (const row of rows)
      events.push({
        customerId: row.id,
        actorId,
        type: "owner_changed",
        detail: { before: { ownerTeamId: row.ownerTeamId }, after: { ownerTeamId: action.teamId } },
      });
  }
  if (events.length) await tx.customerEvent.createMany({ data: events });
  return events.length;
}

export type BulkOutcome = { mode: "done"; result: CustomerBulkResult } | { mode: "job"; jobId: number; total: number };

export async function bulkUpdateCustomers(db: Db, actor: Actor, rawInput: CustomerBulkInput): Promise<BulkOutcome> {
  const input = parseInput(customerBulkInput, rawInput);
  if (!can(actor.role, "customer.manage")) throw new AppError("FORBIDDEN");
  await assertActionTargetsExist(db, input.action);
  const where = await audienceWhere(db, actor, input.audience);
  const total = await db.customer.count({ where });
  if (total <= BULK_INLINE_MAX) {
    const changed = await runUnitOfWork(db, async (uow) => {
      const ids = await uow.tx.customer.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
      return applyToCustomers(
        uow.tx,
        actor.id,
        ids.map((r) => r.id),
        input.action,
      );
    });
    return { mode: "done", result: { kind: "bulk", action: input.action.kind, matched: total, changed } };
  }
  const job = await runUnitOfWork(db, async (uow) => {
    const created = await enqueueJob(uow.tx, {
      type: CUSTOMER_BULK_JOB,
      payload: { actorId: actor.id, audience: input.audience, action: input.action },
      maxAttempts: 3,
    });
    await uow.tx.job.update({ where: { id: created.id }, data: { createdById: actor.id, progressTotal: total } });
    return created;
  });
  return { mode: "job", jobId: job.id, total };
}

interface BulkJobPayload {
  actorId: number;
  audience: CustomerAudience;
  action: BulkAction;
}

/**
 * The job: walks the matching customers in id order, a batch per transaction, so customers that stop matching once
 * changed (a filter on the very tag being added) are neither skipped nor done twice. A retry starts over; customers
 * already changed are left alone and get no second event.
 */
export async function runCustomerBulkJob(db: Db, jobId: number, payload: Prisma.JsonValue): Promise<CustomerBulkResult> {
  const raw = payload as unknown as BulkJobPayload;
  const input = parseInput(customerBulkInput, { audience: raw.audience, action: raw.action });
  const actor = await jobActor(db, raw.actorId);
  const where = await audienceWhere(db, actor, input.audience);
  const total = await db.customer.count({ where });
  await setJobProgress(db, jobId, { done: 0, total });
  let lastId = 0;
  let matched = 0;
  let changed = 0;
  for (;;) {
    const ids = (
      await db.customer.findMany({ where: { AND: [where, { id: { gt: lastId } }] }, select: { id: true }, orderBy: { id: "asc" }, take: BULK_BATCH_SIZE })
    ).map((r) => r.id);
    if (ids.length === 0) break;
    changed += await runUnitOfWork(db, (uow) => applyToCustomers(uow.tx, actor.id, ids, input.action));
    matched += ids.length;
    lastId = ids.at(-1)!;
    await setJobProgress(db, jobId, { done: matched, total: Math.max(total, matched) });
  }
  const result: CustomerBulkResult = { kind: "bulk", action: input.action.kind, matched, changed };
  await setJobProgress(db, jobId, { done: matched, total: matched, result: { ...result } });
  return result;
}
