/**
 * Overflow (溢出) into a backup team, run by the worker's tick: a team's overflow rule (TeamOverflow) offers its
 * queued conversations to the backup team's agents as well once one of them has waited waitSeconds, or, when the
 * queue holds more than queueLength, the ones at its head beyond that length (those waiting longest). Each overflow
 * is an OVERFLOWED event (from the team, to the backup team, with the reason); routing then considers both teams'
 * free agents for it. The conversation stays in its own team's queue and keeps its team.
 *
 * Idempotent and safe with several workers: each overflow locks the conversation row, re-checks that it is still
 * in the same queue stint and not yet offered, then writes.
 */
import type { Db } from "@kefu/db/client";
import { logger } from "../../logger.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { routeQueued, type Assignment } from "./routing.ts";
import { addEvent } from "./timeline.ts";

export const OVERFLOW_TICK_MS = 15_000;

export type OverflowReason = "wait" | "queue_length";

export interface Overflowed {
  conversationId: number;
  teamId: number;
  backupTeamId: number;
  reason: OverflowReason;
}

interface QueuedRow {
  id: number;
  queuedAt: Date;
  offered: number;
}

async function overflowOne(
  db: Db,
  row: QueuedRow,
  rule: { teamId: number; backupTeamId: number },
  detail: { reason: OverflowReason; waitedSeconds: number; queueLength: number; threshold: number },
  at: Date,
): Promise<boolean> {
  return runUnitOfWork(db, async (uow) => {
    const { tx } = uow;
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM \`Conversation\` WHERE id = ${row.id} AND status = 'QUEUED' AND teamId = ${rule.teamId} AND queuedAt = ${row.queuedAt}
      FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return false;
    const current = await tx.conversationOverflow.findUnique({ where: { conversationId: row.id }, select: { queuedAt: true } });
    if (current && current.queuedAt.getTime() === row.queuedAt.getTime()) return false;
    await tx.conversationOverflow.upsert({
      where: { conversationId: row.id },
      create: { conversationId: row.id, backupTeamId: rule.backupTeamId, queuedAt: row.queuedAt, at },
      update: { backupTeamId: rule.backupTeamId, queuedAt: row.queuedAt, at },
    });
    await addEvent(
      uow,
      { id: row.id, status: "QUEUED", assigneeId: null, teamId: rule.teamId },
      { type: "OVERFLOWED", fromTeamId: rule.teamId, toTeamId: rule.backupTeamId, detail },
      at,
    );
    return true;
  });
}

/** Applies every team's overflow rule once, then routes what was offered. Returns the overflows and assignments made. */
export async function applyOverflowRules(db: Db, now = new Date()): Promise<{ overflowed: Overflowed[]; assignments: Assignment[] }> {
  const rules = await db.teamOverflow.findMany({
    where: { team: { autoAssign: true } },
    select: { teamId: true, backupTeamId: true, waitSeconds: true, queueLength: true },
  });
  const overflowed: Overflowed[] = [];
  for (const rule of rules) {
    const queue = await db.$queryRaw<QueuedRow[]>`
      SELECT c.id, c.queuedAt, (o.conversationId IS NOT NULL) AS offered FROM \`Conversation\` c
      LEFT JOIN \`ConversationOverflow\` o ON o.conversationId = c.id AND o.queuedAt = c.queuedAt
      WHERE c.status = 'QUEUED' AND c.teamId = ${rule.teamId}
      ORDER BY c.priority DESC, c.queuedAt ASC, c.id ASC`;
    const beyondLength = rule.queueLength === null ? 0 : Math.max(0, queue.length - rule.queueLength);
    for (const [index, row] of queue.entries()) {
      if (Number(row.offered)) continue;
      const waitedSeconds = Math.max(0, Math.floor((now.getTime() - row.queuedAt.getTime()) / 1000));
      const byWait = rule.waitSeconds !== null && waitedSeconds >= rule.waitSeconds;
      const byLength = index < beyondLength;
      if (!byWait && !byLength) continue;
      const reason: OverflowReason = byWait ? "wait" : "queue_length";
      const threshold = byWait ? rule.waitSeconds! : rule.queueLength!;
      if (await overflowOne(db, row, rule, { reason, waitedSeconds, queueLength: queue.length, threshold }, now))
        overflowed.push({ conversationId: Number(row.id), teamId: rule.teamId, backupTeamId: rule.backupTeamId, reason });
    }
  }
  const assignments: Assignment[] = [];
  for (const backupTeamId of new Set(overflowed.map((o) => o.backupTeamId))) assignments.push(...(await routeQueued(db, { teamId: backupTeamId })));
  return { overflowed, assignments };
}

/** The worker's overflow tick. */
export function startOverflowTicker(db: Db, intervalMs = OVERFLOW_TICK_MS): { stop: () => void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    applyOverflowRules(db)
      .catch((error: unknown) => logger.warn({ err: error }, "overflow rules failed"))
      .finally(() => (running = false));
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
