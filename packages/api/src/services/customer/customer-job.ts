/** The long customer jobs (bulk actions, exports): who may follow one, and its progress as the UI polls it. */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";

export const CUSTOMER_BULK_JOB = "customer.bulk";
export const CUSTOMER_EXPORT_JOB = "customer.export";
const CUSTOMER_JOB_TYPES = [CUSTOMER_BULK_JOB, CUSTOMER_EXPORT_JOB];

/** Progress of a bulk action or export; only whoever started it sees it (others are told it does not exist). */
export async function getCustomerJob(db: Db, actor: Actor, input: { id: number }) {
  const job = await db.job.findUnique({
    where: { id: input.id },
    select: { id: true, type: true, status: true, progressDone: true, progressTotal: true, result: true, createdById: true, createdAt: true, finishedAt: true },
  });
  if (!job || job.createdById !== actor.id || !CUSTOMER_JOB_TYPES.includes(job.type)) throw new AppError("NOT_FOUND", { field: "id" });
  const { createdById: _creator, ...rest } = job;
  return rest;
}

export async function setJobProgress(db: Db, jobId: number, progress: { done?: number; total?: number; result?: Prisma.InputJsonObject }) {
  await db.job.update({
    where: { id: jobId },
    data: {
      ...(progress.done !== undefined ? { progressDone: progress.done } : {}),
      ...(progress.total !== undefined ? { progressTotal: progress.total } : {}),
      ...(progress.result !== undefined ? { result: progress.result } : {}),
    },
  });
}

/** The staff member who started a job, as they are now (a disabled or demoted one sees less or nothing). */
export async function jobActor(db: Db, actorId: number): Promise<Actor & { employeeNo: string }> {
  const user = await db.user.findUnique({ where: { id: actorId }, select: { id: true, role: true, employeeNo: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new Error(`customer job: actor ${actorId} is gone or disabled`);
  return user;
}
