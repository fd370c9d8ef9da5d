/**
 * The job outbox. A state change and the job it implies commit together
 * (`enqueueJob(tx, …)`); workers claim due jobs with `FOR UPDATE SKIP LOCKED`, so N workers never
 * run the same job; failures retry with exponential backoff and end as DEAD, kept for replay.
 */
import { Prisma, type Db, type JobStatus } from "@kefu/db/client";
import { AppError } from "../errors.ts";
import { currentRequestId } from "../observability/request-context.ts";
import { keysetPage } from "../services/pagination.ts";

type Client = Db | Prisma.TransactionClient;

export interface EnqueueOptions {
  type: string;
  payload?: Prisma.InputJsonValue;
  runAt?: Date;
  maxAttempts?: number;
  /** enqueue at most once per key (timers, recurring jobs) */
  dedupeKey?: string;
}

export async function enqueueJob(db: Client, options: EnqueueOptions) {
  const data = {
    type: options.type,
    payload: options.payload ?? {},
    runAt: options.runAt ?? new Date(),
    maxAttempts: options.maxAttempts ?? 8,
    dedupeKey: options.dedupeKey ?? null,
    // written during a request (or another job): the worker runs it under the same id
    requestId: currentRequestId() ?? null,
  };
  if (!options.dedupeKey) return db.job.create({ data, select: { id: true } });
  return db.job.upsert({ where: { dedupeKey: options.dedupeKey }, create: data, update: {}, select: { id: true } });
}

export interface ClaimedJob {
  id: number;
  type: string;
  payload: Prisma.JsonValue;
  attempts: number;
  maxAttempts: number;
  requestId: string | null;
}

export async function claimJobs(db: Db, workerId: string, limit: number): Promise<ClaimedJob[]> {
  // READ COMMITTED: no gap locks, so concurrent claimers skip each other's rows instead of deadlocking.
  return db.$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM Job WHERE status = 'PENDING' AND runAt <= NOW(3) ORDER BY runAt, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return [];
      const ids = due.map((row) => Number(row.id));
      await tx.$executeRaw`
        UPDATE Job SET status = 'RUNNING', lockedAt = NOW(3), lockedBy = ${workerId}, attempts = attempts + 1, updatedAt = NOW(3)
        WHERE id IN (${Prisma.join(ids)})`;
      return tx.job.findMany({
        where: { id: { in: ids } },
        select: { id: true, type: true, payload: true, attempts: true, maxAttempts: true, requestId: true },
        orderBy: { id: "asc" },
      });
    },
    { isolationLevel: "ReadCommitted" },
  );
}

/** 2^attempts seconds, at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** Math.max(0, attempts));
}

export async function completeJob(db: Db, id: number) {
  await db.job.update({ where: { id }, data: { status: "SUCCEEDED", finishedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null } });
}

export async function failJob(db: Db, job: Pick<ClaimedJob, "id" | "attempts" | "maxAttempts">, error: unknown) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await db.job.update({
    where: { id: job.id },
    data: {
      status: dead ? "DEAD" : "PENDING",
      runAt: dead ? undefined : new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
      lastError: message.slice(0, 4000),
      lockedAt: null,
      lockedBy: null,
      finishedAt: dead ? new Date() : null,
    },
  });
  return dead ? "DEAD" : "RETRY";
}

/** Jobs whose worker died mid-run go back to the queue (handlers are idempotent). */
export async function recoverStaleJobs(db: Db, olderThanMs = 5 * 60_000) {
  const result = await db.job.updateMany({
    where: { status: "RUNNING", lockedAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "PENDING", lockedAt: null, lockedBy: null },
  });
  return result.count;
}

export async function replayJob(db: Db, id: number) {
  const job = await db.job.findUnique({ where: { id }, select: { status: true } });
  if (!job) throw new AppError("NOT_FOUND", { field: "id" });
  if (job.status !== "DEAD") throw new AppError("JOB_NOT_DEAD", { field: "id" });
  await db.job.update({ where: { id }, data: { status: "PENDING", attempts: 0, runAt: new Date(), finishedAt: null, lastError: null } });
  return { id };
}

export async function listJobs(db: Db, input: { status?: JobStatus; cursor?: number; limit: number }) {
  const rows = await db.job.findMany({
    where: { ...(input.status ? { status: input.status } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      type: true,
      status: true,
      attempts: true,
      maxAttempts: true,
      runAt: true,
      lastError: true,
      createdAt: true,
      finishedAt: true,
      payload: true,
    },
  });
  return keysetPage(rows, input.limit);
}

export async function jobCounts(db: Db) {
  const groups = await db.job.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<JobStatus, number>>;
}
