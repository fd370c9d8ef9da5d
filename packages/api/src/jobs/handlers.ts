import type { Db, Prisma } from "@kefu/db/client";
import { enqueueJob } from "../job-queue/queue.ts";
import { handleReplyTimeout, handleRouteJob } from "../services/conversation/reply-timeout.ts";
import { REPLY_TIMEOUT_JOB, ROUTE_JOB } from "../services/conversation/scheduling.ts";
import { deliverMonitorAlertPush, PUSH_ALERT_JOB } from "../services/push/monitor-alert.ts";
import {
  CUSTOMER_BULK_JOB,
  CUSTOMER_EXPORT_JOB,
  CUSTOMER_IMPORT_JOB,
  runCustomerBulkJob,
  runCustomerExportJob,
  runCustomerImportJob,
} from "../services/customer/index.ts";
import { CRM_SYNC_JOB, runCrmSyncJob } from "../services/crm/index.ts";
import { REPORTS_REBUILD_JOB, runRebuildJob } from "../services/report/index.ts";
import { runWebhookDeliveryJob, WEBHOOK_DELIVER_JOB } from "../services/webhook/index.ts";

export interface JobContext {
  db: Db;
  payload: Prisma.JsonValue;
  /** the job's own id, for jobs that report progress (imports, exports, bulk actions) */
  jobId?: number;
}

export type JobHandler = (context: JobContext) => Promise<void>;

const DAY_MS = 24 * 3_600_000;
/** Login attempts and spent SMS codes are kept 180 days; the audit log itself is never pruned here (≥ 6 months by law, kept indefinitely). */
export const LOGIN_ATTEMPT_RETENTION_DAYS = 180;

/** Daily housekeeping; re-enqueues itself for the next day (one per day through the dedupe key). */
async function dailyMaintenance({ db }: JobContext) {
  const now = Date.now();
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now - LOGIN_ATTEMPT_RETENTION_DAYS * DAY_MS) } } });
  await db.smsCode.deleteMany({ where: { expiresAt: { lt: new Date(now - DAY_MS) } } });
  await db.job.deleteMany({ where: { status: "SUCCEEDED", finishedAt: { lt: new Date(now - 30 * DAY_MS) } } });
  await scheduleDailyMaintenance(db, new Date(now + DAY_MS));
}

export function scheduleDailyMaintenance(db: Db, at = new Date()) {
  const day = at.toISOString().slice(0, 10);
  return enqueueJob(db, { type: "maintenance.daily", runAt: at, dedupeKey: `maintenance.daily:${day}` });
}

function progressJobId(jobId: number | undefined): number {
  if (!jobId) throw new Error("this job reports progress and needs its job id");
  return jobId;
}

export const jobHandlers: Record<string, JobHandler> = {
  "maintenance.daily": dailyMaintenance,
  [REPLY_TIMEOUT_JOB]: async ({ db, payload }) => {
    await handleReplyTimeout(db, payload);
  },
  [ROUTE_JOB]: ({ db, payload }) => handleRouteJob(db, payload),
  [PUSH_ALERT_JOB]: async ({ db, payload }) => {
    await deliverMonitorAlertPush(db, payload);
  },
  [CUSTOMER_BULK_JOB]: async ({ db, jobId, payload }) => {
    await runCustomerBulkJob(db, progressJobId(jobId), payload);
  },
  [CUSTOMER_EXPORT_JOB]: async ({ db, jobId, payload }) => {
    await runCustomerExportJob(db, progressJobId(jobId), payload);
  },
  [CUSTOMER_IMPORT_JOB]: ({ db, payload }) => runCustomerImportJob(db, payload),
  [WEBHOOK_DELIVER_JOB]: ({ db, payload }) => runWebhookDeliveryJob(db, payload),
  [CRM_SYNC_JOB]: ({ db, payload }) => runCrmSyncJob(db, payload),
  [REPORTS_REBUILD_JOB]: ({ db, jobId, payload }) => runRebuildJob(db, progressJobId(jobId), payload),
};
