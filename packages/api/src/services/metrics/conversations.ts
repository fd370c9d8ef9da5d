/**
 * Conversation metrics, each defined once here and computed with SQL aggregates over the
 * ConversationEvent rows (the source of truth) and, for the live state, the Conversation rows they maintain.
 * A window is half-open [from, to); "now" figures read the current rows, figures "at" a past instant are
 * rebuilt from the events.
 */
import { Prisma, type Db } from "@kefu/db/client";
import { agentFilter, percent, teamFilter, toCount, toNumber, toSeconds, type MetricScope } from "./sql.ts";
import type { TimeWindow } from "./time.ts";

export const LIVE_STATUSES = ["BOT", "QUEUED", "ACTIVE", "PAUSED"] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export interface StatusSnapshot {
  counts: Record<LiveStatus, number>;
  /** the longest current wait in the queue (seconds), 0 when the queue is empty */
  longestQueuedSeconds: number;
}

function emptyCounts(): Record<LiveStatus, number> {
  return { BOT: 0, QUEUED: 0, ACTIVE: 0, PAUSED: 0 };
}

function secondsBetween(earlier: Date | null, later: Date): number {
  return earlier ? Math.max(0, Math.round((later.getTime() - earlier.getTime()) / 1000)) : 0;
}

/** Open conversations by status right now, and the longest wait of those queued (now − queuedAt). */
export async function statusSnapshotNow(db: Db, scope: MetricScope = {}, now = new Date()): Promise<StatusSnapshot> {
  const rows = await db.$queryRaw<{ status: LiveStatus; n: unknown; oldestQueuedAt: Date | null }[]>`
    SELECT c.status, COUNT(*) AS n, MIN(CASE WHEN c.status = 'QUEUED' THEN c.queuedAt END) AS oldestQueuedAt
    FROM \`Conversation\` c
    WHERE c.status IN ('BOT', 'QUEUED', 'ACTIVE', 'PAUSED') ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`c.assigneeId`)}
    GROUP BY c.status`;
  const counts = emptyCounts();
  let oldest: Date | null = null;
  for (const row of rows) {
    counts[row.status] = toCount(row.n);
    if (row.status === "QUEUED") oldest = row.oldestQueuedAt;
  }
  return { counts, longestQueuedSeconds: secondsBetween(oldest, now) };
}

/**
 * The same figures as they stood at a past instant, rebuilt from the events: a conversation's status at `at` is
 * the toStatus of its last status event at or before `at`, and a queued one has waited since its last entry into
 * the queue (QUEUED or REQUEUED). Only conversations open now or closed after `at` can have been open then.
 */
export async function statusSnapshotAt(db: Db, at: Date, scope: Pick<MetricScope, "teamId"> = {}): Promise<StatusSnapshot> {
  const rows = await db.$queryRaw<{ status: LiveStatus; n: unknown; oldestQueuedAt: Date | null }[]>`
    SELECT s.status, COUNT(*) AS n, MIN(CASE WHEN s.status = 'QUEUED' THEN s.queuedSince END) AS oldestQueuedAt
    FROM (
      SELECT
        (SELECT e.toStatus FROM \`ConversationEvent\` e
          WHERE e.conversationId = c.id AND e.toStatus IS NOT NULL AND e.at <= ${at}
          ORDER BY e.id DESC LIMIT 1) AS status,
        (SELECT MAX(q.at) FROM \`ConversationEvent\` q
          WHERE q.conversationId = c.id AND q.type IN ('QUEUED', 'REQUEUED') AND q.at <= ${at}) AS queuedSince
      FROM (
        SELECT id FROM \`Conversation\` WHERE status IN ('BOT', 'QUEUED', 'ACTIVE', 'PAUSED')
        UNION
        SELECT conversationId FROM \`ConversationEvent\` WHERE type IN ('RESOLVED', 'ABANDONED') AND at > ${at}
      ) candidate
      JOIN \`Conversation\` c ON c.id = candidate.id
      WHERE c.createdAt <= ${at} ${teamFilter(scope)}
    ) s
    WHERE s.status IN ('BOT', 'QUEUED', 'ACTIVE', 'PAUSED')
    GROUP BY s.status`;
  const counts = emptyCounts();
  let oldest: Date | null = null;
  for (const row of rows) {
    counts[row.status] = toCount(row.n);
    if (row.status === "QUEUED") oldest = row.oldestQueuedAt;
  }
  return { counts, longestQueuedSeconds: secondsBetween(oldest, at) };
}

export interface ResolvedStats {
  /** RESOLVED events in the window (a conversation reopened and resolved again counts twice) */
  resolved: number;
  /** of which the bot resolved (BOT → RESOLVED) */
  resolvedByBot: number;
  /** of which ended themselves after the customer's silence (detail `closedBy: "idle"`, services/conversation/idle-close.ts) */
  resolvedIdle: number;
}

export async function resolvedStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<ResolvedStats> {
  const [row] = await db.$queryRaw<{ resolved: unknown; byBot: unknown; idle: unknown }[]>`
    SELECT COUNT(*) AS resolved, COALESCE(SUM(e.fromStatus = 'BOT'), 0) AS byBot,
      COALESCE(SUM(JSON_UNQUOTE(JSON_EXTRACT(e.detail, '$.closedBy')) = 'idle'), 0) AS idle
    FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
    WHERE e.type = 'RESOLVED' AND e.at >= ${window.from} AND e.at < ${window.to}
      ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`e.fromUserId`)}`;
  return { resolved: toCount(row?.resolved), resolvedByBot: toCount(row?.byBot), resolvedIdle: toCount(row?.idle) };
}

export interface QueueExitStats {
  /** assignments out of the queue in the window */
  assigned: number;
  /** conversations whose customer left the queue before assignment, in the window */
  abandoned: number;
  /** abandoned ÷ (assigned + abandoned) × 100: the share of queue exits that were customers giving up */
  abandonedPercent: number | null;
  /** mean wait of the assignments (assignedAt − queuedAt), seconds */
  averageWaitSeconds: number | null;
  /** longest wait of the assignments, seconds */
  longestAssignedWaitSeconds: number | null;
}

/**
 * Waits (assignedAt − queuedAt) of the assignments made in the window, read from the events: each ASSIGNED
 * event against the conversation's last entry into the queue before it, so a conversation requeued and assigned
 * again counts each wait. Abandonments are ABANDONED events.
 */
export async function queueExitStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<QueueExitStats> {
  const [[waits], [abandon]] = await Promise.all([
    db.$queryRaw<{ assigned: unknown; avgWait: unknown; maxWait: unknown }[]>`
      SELECT COUNT(*) AS assigned, AVG(w.wait) AS avgWait, MAX(w.wait) AS maxWait
      FROM (
        SELECT TIMESTAMPDIFF(SECOND,
          (SELECT MAX(q.at) FROM \`ConversationEvent\` q
            WHERE q.conversationId = e.conversationId AND q.type IN ('QUEUED', 'REQUEUED') AND q.id < e.id),
          e.at) AS wait
        FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
        WHERE e.type = 'ASSIGNED' AND e.at >= ${window.from} AND e.at < ${window.to}
          ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`e.toUserId`)}
      ) w`,
    db.$queryRaw<{ abandoned: unknown }[]>`
      SELECT COUNT(*) AS abandoned
      FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
      WHERE e.type = 'ABANDONED' AND e.at >= ${window.from} AND e.at < ${window.to} ${teamFilter(scope)}`,
  ]);
  const assigned = toCount(waits?.assigned);
  const abandoned = scope.agentId === undefined ? toCount(abandon?.abandoned) : 0;
  return {
    assigned,
    abandoned,
    abandonedPercent: percent(abandoned, assigned + abandoned),
    averageWaitSeconds: toSeconds(waits?.avgWait),
    longestAssignedWaitSeconds: toNumber(waits?.maxWait),
  };
}

export interface CsatStats {
  /** survey answers given in the window */
  responses: number;
  /** of which rated 4 or 5 */
  positive: number;
  /** positive ÷ responses × 100 */
  csat: number | null;
}

export async function csatStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<CsatStats> {
  const [row] = await db.$queryRaw<{ responses: unknown; positive: unknown }[]>`
    SELECT COUNT(*) AS responses, COALESCE(SUM(c.csatScore >= 4), 0) AS positive
    FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
    WHERE e.type = 'CSAT' AND e.at >= ${window.from} AND e.at < ${window.to}
      ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`e.fromUserId`)}`;
  const responses = toCount(row?.responses);
  const positive = toCount(row?.positive);
  return { responses, positive, csat: percent(positive, responses) };
}

export interface TransferStats {
  /** TRANSFERRED events in the window: to another agent, or to a team's queue */
  transferred: number;
}

/**
 * Transfers in the window; with an agent scope, the transfers out of that agent's hands (fromUserId), so a
 * conversation moved between teams while it waited in the queue belongs to no agent.
 */
export async function transferStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<TransferStats> {
  const [row] = await db.$queryRaw<{ transferred: unknown }[]>`
    SELECT COUNT(*) AS transferred
    FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
    WHERE e.type = 'TRANSFERRED' AND e.at >= ${window.from} AND e.at < ${window.to}
      ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`e.fromUserId`)}`;
  return { transferred: toCount(row?.transferred) };
}

export interface VolumeStats {
  /** conversations that came in: CREATED events in the window (a reopened conversation is not new) */
  created: number;
  /** hand-offs from the bot to people: BOT_HANDOFF events in the window */
  handedOff: number;
}

/** Conversations in and hand-offs; neither belongs to an agent (an agent scope gives 0). */
export async function volumeStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<VolumeStats> {
  if (scope.agentId !== undefined) return { created: 0, handedOff: 0 };
  const [row] = await db.$queryRaw<{ created: unknown; handedOff: unknown }[]>`
    SELECT COALESCE(SUM(e.type = 'CREATED'), 0) AS created, COALESCE(SUM(e.type = 'BOT_HANDOFF'), 0) AS handedOff
    FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
    WHERE e.type IN ('CREATED', 'BOT_HANDOFF') AND e.at >= ${window.from} AND e.at < ${window.to} ${teamFilter(scope)}`;
  return { created: toCount(row?.created), handedOff: toCount(row?.handedOff) };
}

/**
 * Resolution rate: resolved ÷ (resolved + abandoned) × 100 — of the conversations that ended in the window, the
 * share that ended resolved (by the bot or a person) rather than with the customer giving up in the queue.
 */
export function resolutionRate(resolved: number, abandoned: number): number | null {
  return percent(resolved, resolved + abandoned);
}

export interface HandleTimeStats {
  /** resolutions by an agent in the window that followed an assignment */
  count: number;
  /** mean handle time, seconds */
  averageSeconds: number | null;
}

/**
 * Handle time of a resolution by an agent (RESOLVED with fromUserId): from the first ASSIGNED since the
 * conversation was created or last REOPENED, to the RESOLVED event, less the time it spent PAUSED in between
 * (each PAUSED up to the next RESUMED, or to the resolution). Counted in the window of the RESOLVED event, for
 * the agent who resolved it. `handleTimesOf` (facts.ts) is the same rule for one conversation's events.
 */
export async function handleTimeStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<HandleTimeStats> {
  const [row] = await db.$queryRaw<{ n: unknown; avgSeconds: unknown }[]>`
    SELECT COUNT(h.handle) AS n, AVG(h.handle) AS avgSeconds
    FROM (
      SELECT GREATEST(0, TIMESTAMPDIFF(SECOND, s.at, e.at) - COALESCE((
        SELECT SUM(TIMESTAMPDIFF(SECOND, p.at, COALESCE((
          SELECT MIN(r.at) FROM \`ConversationEvent\` r
          WHERE r.conversationId = e.conversationId AND r.type = 'RESUMED' AND r.id > p.id AND r.id < e.id), e.at)))
        FROM \`ConversationEvent\` p
        WHERE p.conversationId = e.conversationId AND p.type = 'PAUSED' AND p.id > s.id AND p.id < e.id), 0)) AS handle
      FROM \`ConversationEvent\` e
      JOIN \`Conversation\` c ON c.id = e.conversationId
      JOIN \`ConversationEvent\` s ON s.id = (
        SELECT MIN(a.id) FROM \`ConversationEvent\` a
        WHERE a.conversationId = e.conversationId AND a.type = 'ASSIGNED' AND a.id < e.id
          AND a.id > COALESCE((
            SELECT MAX(o.id) FROM \`ConversationEvent\` o
            WHERE o.conversationId = e.conversationId AND o.type = 'REOPENED' AND o.id < e.id), 0))
      WHERE e.type = 'RESOLVED' AND e.fromUserId IS NOT NULL AND e.at >= ${window.from} AND e.at < ${window.to}
        ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`e.fromUserId`)}
    ) h`;
  return { count: toCount(row?.n), averageSeconds: toSeconds(row?.avgSeconds) };
}
