/**
 * `push.alert` jobs (enqueued by the monitor's alert rules with `{ eventId }`): a web push about the alert to every
 * active staff member who may view the monitor, on each device they turned alert pushes on for. The browser's service
 * worker writes the notification text from the catalogue in the person's language (`locale`).
 */
import type { AlertMetric, Db } from "@kefu/db/client";
import { z } from "zod";
import { conversationPath } from "../../contracts/links.ts";
import { logger } from "../../logger.ts";
import { can, ROLES } from "../../permissions.ts";
import { sendWebPush, type PushOutcome } from "./send.ts";
import { ensureVapidKeys } from "./vapid.ts";

export const PUSH_ALERT_JOB = "push.alert";

export const pushAlertPayloadSchema = z.object({ eventId: z.number().int().positive() });

/** What the service worker receives (keep it small: push services cap payloads at about 4 KB). */
export interface MonitorAlertPush {
  type: "monitor.alert";
  eventId: number;
  metric: AlertMetric;
  value: number;
  threshold: number;
  teamName: string | null;
  locale: string;
  /** what a tap opens: the monitor, or for a long wait the conversation waiting longest */
  url: string;
}

/** An alert is about now: after 15 minutes undelivered it is no longer worth showing. */
const ALERT_TTL_SECONDS = 15 * 60;
const PARALLEL_SENDS = 8;

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  return results;
}

/** A long wait is about one customer: the tap opens the conversation waiting longest (in the rule's team), if any is still queued. */
async function alertUrl(db: Db, rule: { metric: AlertMetric; teamId: number | null }): Promise<string> {
  if (rule.metric !== "LONGEST_WAIT_SECONDS") return "/monitor";
  const longest = await db.conversation.findFirst({
    where: { status: "QUEUED", ...(rule.teamId === null ? {} : { teamId: rule.teamId }) },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return longest ? conversationPath(longest.id) : "/monitor";
}

export async function deliverMonitorAlertPush(db: Db, payload: unknown) {
  const { eventId } = pushAlertPayloadSchema.parse(payload);
  const event = await db.monitorAlertEvent.findUnique({
    where: { id: eventId },
    select: { id: true, value: true, rule: { select: { id: true, metric: true, threshold: true, teamId: true, team: { select: { name: true } } } } },
  });
  if (!event) {
    logger.warn({ eventId }, "push.alert: the alert event no longer exists");
    return { delivered: 0, removed: 0 };
  }
  const roles = ROLES.filter((role) => can(role, "monitor.view"));
  const subscriptions = await db.pushSubscription.findMany({
    where: { user: { disabledAt: null, role: { in: [...roles] } } },
    select: { id: true, endpoint: true, p256dh: true, auth: true, user: { select: { locale: true } } },
    orderBy: { id: "asc" },
  });
  if (subscriptions.length === 0) return { delivered: 0, removed: 0 };

  const url = await alertUrl(db, event.rule);
  const vapid = await ensureVapidKeys(db);
  const outcomes = await inBatches(subscriptions, PARALLEL_SENDS, async (subscription): Promise<[number, PushOutcome]> => {
    const message: MonitorAlertPush = {
      type: "monitor.alert",
      eventId: event.id,
      metric: event.rule.metric,
      value: event.value,
      threshold: event.rule.threshold,
      teamName: event.rule.team?.name ?? null,
      locale: subscription.user.locale,
      url,
    };
    const outcome = await sendWebPush(subscription, message, vapid, { ttlSeconds: ALERT_TTL_SECONDS, urgency: "high", topic: `alert-rule-${event.rule.id}` });
    return [subscription.id, outcome];
  });

  const gone = outcomes.filter(([, outcome]) => outcome.status === "gone").map(([id]) => id);
  if (gone.length > 0) await db.pushSubscription.deleteMany({ where: { id: { in: gone } } });
  for (const [id, outcome] of outcomes) {
    if (outcome.status === "rejected")
      logger.warn({ eventId, subscriptionId: id, httpStatus: outcome.httpStatus, reason: outcome.reason }, "push.alert: the push service refused the message");
  }
  const failed = outcomes.filter(([, outcome]) => outcome.status === "failed");
  const delivered = outcomes.filter(([, outcome]) => outcome.status === "delivered").length;
  if (failed.length > 0) {
    // The retry sends again to every device; the notification's tag (the event id) makes a repeat replace the first.
    const reasons = failed.map(([id, outcome]) => `#${id}: ${outcome.status === "failed" ? outcome.reason : ""}`).join("; ");
    throw new Error(`push.alert ${eventId}: ${failed.length} of ${outcomes.length} deliveries failed (${reasons})`);
  }
  return { delivered, removed: gone.length };
}
