import type { Db } from "@kefu/db/client";
import { outboxSubscriberForJob, type DomainEvent } from "../domain-events/index.ts";
import { apiEnv } from "../env.ts";
import { logger } from "../logger.ts";
import { jobHandlers, type JobHandler } from "./handlers.ts";
import { claimJobs, completeJob, failJob, recoverStaleJobs, type ClaimedJob } from "../job-queue/queue.ts";
import { metrics } from "../observability/metrics.ts";
import { runWithRequestId } from "../observability/request-context.ts";

/** An outbox subscriber's job: the payload is the domain event it subscribed to. */
function domainEventHandler(jobType: string): JobHandler | undefined {
  const subscriber = outboxSubscriberForJob(jobType);
  if (!subscriber) return undefined;
  return ({ db, payload, jobId }) => subscriber.handle(payload as unknown as DomainEvent, { db, jobId });
}

/**
 * Runs one claimed job under the request id it was enqueued with (`job:<id>` when none), so its log lines and the
 * jobs it enqueues carry that id; counts it and times it.
 */
async function runJob(db: Db, job: ClaimedJob, handler: JobHandler | undefined) {
  const started = performance.now();
  await runWithRequestId(job.requestId ?? `job:${job.id}`, async () => {
    let outcome: "succeeded" | "retry" | "dead" = "succeeded";
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler({ db, payload: job.payload, jobId: job.id });
      await completeJob(db, job.id);
    } catch (error) {
      outcome = (await failJob(db, job, error)) === "DEAD" ? "dead" : "retry";
      logger[outcome === "dead" ? "error" : "warn"](
        { err: error, jobId: job.id, type: job.type, attempts: job.attempts },
        `job ${outcome === "dead" ? "dead" : "will retry"}`,
      );
    }
    metrics().jobsProcessed.inc({ type: job.type, outcome });
    metrics().jobDuration.observe({ type: job.type }, (performance.now() - started) / 1000);
  });
}

/** Claims and runs one batch of due jobs; returns how many it ran. */
export async function runDueJobs(db: Db, workerId: string, options: { batchSize?: number; handlers?: Record<string, JobHandler> } = {}) {
  const handlers = options.handlers ?? jobHandlers;
  const jobs = await claimJobs(db, workerId, options.batchSize ?? 10);
  for (const job of jobs) await runJob(db, job, handlers[job.type] ?? domainEventHandler(job.type));
  return jobs.length;
}

export interface WorkerLoop {
  stop: () => Promise<void>;
}

/** Polls for due jobs until stopped; a stop waits for the batch in hand to finish. */
export function startWorkerLoop(db: Db, workerId: string, options: { idleMs?: number } = {}): WorkerLoop {
  let stopping = false;
  let wake: (() => void) | undefined;
  const staleAfterMs = apiEnv().JOB_STALE_AFTER_SECONDS * 1000;
  const loop = (async () => {
    let lastRecovery = 0;
    while (!stopping) {
      try {
        if (Date.now() - lastRecovery > Math.min(60_000, staleAfterMs / 2)) {
          const recovered = await recoverStaleJobs(db, staleAfterMs);
          if (recovered) logger.warn({ recovered }, "requeued jobs of a worker that stopped mid-run");
          lastRecovery = Date.now();
        }
        const ran = await runDueJobs(db, workerId);
        if (ran > 0) continue;
      } catch (error) {
        logger.error({ err: error }, "worker loop error");
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.idleMs ?? 1000);
      });
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
