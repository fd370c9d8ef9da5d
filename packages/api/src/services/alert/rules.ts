/**
 * Alert rules (admins): a metric, a threshold and optionally a team. A change is evaluated at once, so a rule
 * that is already crossed raises its alert without waiting for the next tick; turning a rule off or deleting
 * it clears its open alert.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError, parseInput } from "../../errors.ts";
import { logger } from "../../logger.ts";
import { publishAll } from "../../realtime/publish.ts";
import { monitorEvents } from "../../realtime/monitor-events.ts";
import { alertThresholdInput, type AlertRuleCreateInput, type AlertRuleUpdateInput } from "../../contracts/alert.ts";
import { evaluateAlerts } from "./evaluate.ts";

const ruleSelect = {
  id: true,
  metric: true,
  threshold: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, name: true } },
  events: {
    where: { clearedAt: null },
    orderBy: { id: "desc" },
    take: 1,
    select: { id: true, value: true, triggeredAt: true, acknowledgedAt: true },
  },
} satisfies Prisma.MonitorAlertRuleSelect;

function shape(rule: Prisma.MonitorAlertRuleGetPayload<{ select: typeof ruleSelect }>) {
  const { events, ...rest } = rule;
  return { ...rest, openEvent: events[0] ?? null };
}

export async function listAlertRules(db: Db) {
  const rules = await db.monitorAlertRule.findMany({ orderBy: { id: "asc" }, select: ruleSelect });
  return rules.map(shape);
}

async function assertTeam(db: Db, teamId: number | null | undefined) {
  if (teamId && !(await db.team.count({ where: { id: teamId } }))) throw new AppError("NOT_FOUND", { field: "teamId" });
}

/** Evaluates after a change; a failure there must not undo the saved rule (the worker's tick comes anyway). */
async function evaluateSoon(db: Db) {
  await evaluateAlerts(db).catch((error: unknown) => logger.warn({ err: error }, "alert evaluation after a rule change failed"));
}

export async function createAlertRule(db: Db, input: AlertRuleCreateInput) {
  await assertTeam(db, input.teamId);
  const rule = await db.monitorAlertRule.create({
    data: { metric: input.metric, threshold: input.threshold, teamId: input.teamId ?? null, enabled: input.enabled },
    select: { id: true },
  });
  await evaluateSoon(db);
  return shape(await db.monitorAlertRule.findUniqueOrThrow({ where: { id: rule.id }, select: ruleSelect }));
}

async function clearOpenEvents(db: Db, ruleId: number) {
  const open = await db.monitorAlertEvent.findMany({ where: { ruleId, clearedAt: null }, select: { id: true, value: true } });
  if (open.length === 0) return;
  const clearedAt = new Date();
  await db.monitorAlertEvent.updateMany({ where: { id: { in: open.map((e) => e.id) } }, data: { clearedAt } });
  await publishAll(open.map((e) => monitorEvents.alertCleared({ eventId: e.id, ruleId, value: e.value, clearedAt })));
}

export async function updateAlertRule(db: Db, input: AlertRuleUpdateInput) {
  const existing = await db.monitorAlertRule.findUnique({ where: { id: input.id }, select: { id: true, metric: true, threshold: true, teamId: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  const { metric, threshold } = parseInput(alertThresholdInput, { metric: input.metric ?? existing.metric, threshold: input.threshold ?? existing.threshold });
  await assertTeam(db, input.teamId);
  // another metric or team is another alert; a new threshold keeps the open one until evaluation clears it
  const endsOpenAlert =
    (input.metric !== undefined && input.metric !== existing.metric) ||
    (input.teamId !== undefined && input.teamId !== existing.teamId) ||
    input.enabled === false;
  await db.monitorAlertRule.update({
    where: { id: existing.id },
    data: {
      metric,
      threshold,
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    },
  });
  if (endsOpenAlert) await clearOpenEvents(db, existing.id);
  await evaluateSoon(db);
  return shape(await db.monitorAlertRule.findUniqueOrThrow({ where: { id: existing.id }, select: ruleSelect }));
}

export async function deleteAlertRule(db: Db, input: { id: number }) {
  const existing = await db.monitorAlertRule.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  await clearOpenEvents(db, existing.id);
  // the rule's alert history goes with it (MonitorAlertEvent cascades)
  await db.monitorAlertRule.delete({ where: { id: existing.id } });
  return { id: existing.id };
}
