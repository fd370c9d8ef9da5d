/**
 * Evaluating the monitor's alert rules. A rule crosses its threshold (QUEUE_LENGTH above N, LONGEST_WAIT_SECONDS
 * above T, AGENTS_ONLINE_BELOW M online, CSAT_TODAY_BELOW X %) → one MonitorAlertEvent opens, `alert.triggered` goes
 * to the monitor and, in the same transaction, a `push.alert` job for web push; it stays the rule's only open
 * event until the value is back on the right side, when it gets clearedAt and `alert.cleared` goes out.
 *
 * It runs on the worker's tick (every 15 s) and, in every process that enabled it, shortly after a change that
 * moves these figures (queue, presence, CSAT), debounced. Each rule is decided under a lock on its row, so
 * several processes evaluating at once still open one event per crossing.
 */
import type { AlertMetric, Db } from "@kefu/db/client";
import { enqueueJob } from "../../job-queue/queue.ts";
import { logger } from "../../logger.ts";
import type { Publication } from "../../realtime/publish.ts";
import { publishAll } from "../../realtime/publish.ts";
import { monitorEvents } from "../../realtime/monitor-events.ts";
import { agentsByPresenceNow, csatStats, statusSnapshotNow, todaySoFar } from "../metrics/index.ts";
import { liveEvaluationState } from "./live.ts";

export { setLiveAlertEvaluation } from "./live.ts";

/** The outbox job that sends the web push of a triggered alert; its handler lives with the push subscriptions. */
export const PUSH_ALERT_JOB = "push.alert";
export const ALERT_TICK_MS = 15_000;
const DEBOUNCE_MS = 300;

/** The current value a rule watches (null: nothing to compare yet, e.g. no CSAT answer today). */
export async function currentValue(db: Db, metric: AlertMetric, teamId: number | null, now: Date): Promise<number | null> {
  const scope = teamId === null ? {} : { teamId };
  switch (metric) {
    case "QUEUE_LENGTH":
      return (await statusSnapshotNow(db, scope, now)).counts.QUEUED;
    case "LONGEST_WAIT_SECONDS":
      return (await statusSnapshotNow(db, scope, now)).longestQueuedSeconds;
    case "AGENTS_ONLINE_BELOW":
      return (await agentsByPresenceNow(db, scope)).ONLINE;
    case "CSAT_TODAY_BELOW":
      return (await csatStats(db, todaySoFar(now), scope)).csat;
  }
}

/** Whether `value` is on the alerting side of the rule's threshold. */
export function crosses(metric: AlertMetric, threshold: number, value: number | null): boolean {
  if (value === null) return false;
  return metric === "QUEUE_LENGTH" || metric === "LONGEST_WAIT_SECONDS" ? value > threshold : value < threshold;
}

export interface EvaluationResult {
  triggered: number[];
  cleared: number[];
}

export async function evaluateAlerts(db: Db, now = new Date()): Promise<EvaluationResult> {
  const rules = await db.monitorAlertRule.findMany({
    where: { enabled: true },
    orderBy: { id: "asc" },
    select: { id: true, metric: true, threshold: true, teamId: true },
  });
  const result: EvaluationResult = { triggered: [], cleared: [] };
  const values = new Map<string, Promise<number | null>>();
  for (const rule of rules) {
    const key = `${rule.metric}:${rule.teamId ?? ""}`;
    if (!values.has(key)) values.set(key, currentValue(db, rule.metric, rule.teamId, now));
    const value = await values.get(key)!;
    const publications: Publication[] = [];
    await db.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`MonitorAlertRule\` WHERE id = ${rule.id} AND enabled = TRUE FOR UPDATE`;
        if (locked.length === 0) return;
        const open = await tx.monitorAlertEvent.findFirst({ where: { ruleId: rule.id, clearedAt: null }, orderBy: { id: "desc" }, select: { id: true } });
        if (crosses(rule.metric, rule.threshold, value) && !open) {
          const event = await tx.monitorAlertEvent.create({ data: { ruleId: rule.id, value: value!, triggeredAt: now }, select: { id: true } });
          await enqueueJob(tx, { type: PUSH_ALERT_JOB, payload: { eventId: event.id } });
          publications.push(
            monitorEvents.alertTriggered({
              eventId: event.id,
              ruleId: rule.id,
              metric: rule.metric,
              threshold: rule.threshold,
              teamId: rule.teamId,
              value: value!,
              triggeredAt: now,
            }),
          );
          result.triggered.push(event.id);
        } else if (!crosses(rule.metric, rule.threshold, value) && open) {
          await tx.monitorAlertEvent.updateMany({ where: { ruleId: rule.id, clearedAt: null }, data: { clearedAt: now } });
          publications.push(monitorEvents.alertCleared({ eventId: open.id, ruleId: rule.id, value: value ?? 0, clearedAt: now }));
          result.cleared.push(open.id);
        }
      },
      { isolationLevel: "ReadCommitted" },
    );
    await publishAll(publications);
  }
  return result;
}

/** Asks for an evaluation soon; many requests in a burst make one evaluation. Never throws. */
export function requestAlertEvaluation(db: Db) {
  const current = liveEvaluationState();
  if (!current.enabled) return;
  if (current.running) {
    current.again = true;
    return;
  }
  if (current.timer) return;
  current.timer = setTimeout(() => {
    current.timer = null;
    current.running = true;
    evaluateAlerts(db)
      .catch((error: unknown) => logger.warn({ err: error }, "alert evaluation failed"))
      .finally(() => {
        current.running = false;
        if (current.again) {
          current.again = false;
          requestAlertEvaluation(db);
        }
      });
  }, DEBOUNCE_MS);
  current.timer.unref();
}

/** The worker's tick: evaluates every ALERT_TICK_MS until stopped (time-based rules move without any change). */
export function startAlertTicker(db: Db, intervalMs = ALERT_TICK_MS): { stop: () => void } {
  const timer = setInterval(() => {
    evaluateAlerts(db).catch((error: unknown) => logger.warn({ err: error }, "alert evaluation failed"));
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
