/** Alert history (keyset, newest first), the open alerts for the monitor's banner, and acknowledging one. */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { publishAll } from "../../realtime/publish.ts";
import { monitorEvents } from "../../realtime/monitor-events.ts";
import type { AlertEventListInput } from "../../contracts/alert.ts";
import { keysetPage } from "../pagination.ts";

const eventSelect = {
  id: true,
  value: true,
  triggeredAt: true,
  clearedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { id: true, name: true, employeeNo: true } },
  rule: { select: { id: true, metric: true, threshold: true, team: { select: { id: true, name: true } } } },
} satisfies Prisma.MonitorAlertEventSelect;

export async function listAlertEvents(db: Db, input: AlertEventListInput) {
  const rows = await db.monitorAlertEvent.findMany({
    where: {
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
      ...(input.ruleId ? { ruleId: input.ruleId } : {}),
      ...(input.openOnly ? { clearedAt: null } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: eventSelect,
  });
  return keysetPage(rows, input.limit);
}

/** Alerts still open (not cleared), newest first: the banner shows the unacknowledged ones. */
export async function activeAlertEvents(db: Db) {
  return db.monitorAlertEvent.findMany({ where: { clearedAt: null }, orderBy: { id: "desc" }, take: 50, select: eventSelect });
}

/** Records who saw the alert and when; other managers' banners drop it. */
export async function acknowledgeAlertEvent(db: Db, input: { id: number; actorId: number }) {
  const event = await db.monitorAlertEvent.findUnique({ where: { id: input.id }, select: { id: true, acknowledgedAt: true } });
  if (!event) throw new AppError("NOT_FOUND", { field: "id" });
  const acknowledgedAt = new Date();
  // the condition makes two managers acknowledging at once record only the first
  const { count } = await db.monitorAlertEvent.updateMany({
    where: { id: event.id, acknowledgedAt: null },
    data: { acknowledgedAt, acknowledgedById: input.actorId },
  });
  if (count === 0) throw new AppError("ALREADY_DONE", { field: "id" });
  await publishAll([monitorEvents.alertAcknowledged({ eventId: event.id, acknowledgedById: input.actorId, acknowledgedAt })]);
  return db.monitorAlertEvent.findUniqueOrThrow({ where: { id: event.id }, select: eventSelect });
}
