/**
 * Staffing metrics: agents (role AGENT, not disabled) by presence, now and at a past instant (from the
 * PresenceInterval rows the presence service writes), and each agent's presence timeline over a day.
 */
import { Prisma, type Db, type Presence } from "@kefu/db/client";
import { toCount, type MetricScope } from "./sql.ts";
import type { TimeWindow } from "./time.ts";

export const PRESENCES = ["ONLINE", "BUSY", "AWAY", "OFFLINE"] as const satisfies readonly Presence[];
export type PresenceCounts = Record<Presence, number>;

function emptyPresence(): PresenceCounts {
  return { ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0 };
}

function memberOf(scope: Pick<MetricScope, "teamId">): Prisma.Sql {
  return scope.teamId === undefined
    ? Prisma.empty
    : Prisma.sql`AND EXISTS (SELECT 1 FROM \`TeamMember\` tm WHERE tm.userId = u.id AND tm.teamId = ${scope.teamId})`;
}

export async function agentsByPresenceNow(db: Db, scope: Pick<MetricScope, "teamId"> = {}): Promise<PresenceCounts> {
  const rows = await db.$queryRaw<{ presence: Presence; n: unknown }[]>`
    SELECT u.presence, COUNT(*) AS n FROM \`User\` u
    WHERE u.role = 'AGENT' AND u.disabledAt IS NULL ${memberOf(scope)}
    GROUP BY u.presence`;
  const counts = emptyPresence();
  for (const row of rows) counts[row.presence] = toCount(row.n);
  return counts;
}

/** Presence at a past instant of today's agents: the interval covering it, OFFLINE when none does. */
export async function agentsByPresenceAt(db: Db, at: Date, scope: Pick<MetricScope, "teamId"> = {}): Promise<PresenceCounts> {
  const rows = await db.$queryRaw<{ presence: Presence; n: unknown }[]>`
    SELECT s.presence, COUNT(*) AS n FROM (
      SELECT COALESCE((
        SELECT p.presence FROM \`PresenceInterval\` p
        WHERE p.userId = u.id AND p.startedAt <= ${at} AND (p.endedAt IS NULL OR p.endedAt > ${at})
        ORDER BY p.startedAt DESC, p.id DESC LIMIT 1), 'OFFLINE') AS presence
      FROM \`User\` u
      WHERE u.role = 'AGENT' AND u.disabledAt IS NULL ${memberOf(scope)}
    ) s
    GROUP BY s.presence`;
  const counts = emptyPresence();
  for (const row of rows) counts[row.presence] = toCount(row.n);
  return counts;
}

export interface PresenceSpan {
  presence: Exclude<Presence, "OFFLINE">;
  /** clipped to the window */
  startedAt: Date;
  endedAt: Date;
}

export interface AgentTimeline {
  userId: number;
  spans: PresenceSpan[];
  /** seconds per presence within the window; "online time" is ONLINE */
  seconds: Record<Exclude<Presence, "OFFLINE">, number>;
}

/**
 * ONLINE / BUSY / AWAY spans of each user in `userIds` overlapping the window, clipped to it (an interval still
 * open ends at the window's end). The window is at most a day, so the scan stays on PresenceInterval(userId, startedAt).
 */
export async function presenceTimelines(db: Db, userIds: number[], window: TimeWindow): Promise<Map<number, AgentTimeline>> {
  const timelines = new Map<number, AgentTimeline>(userIds.map((userId) => [userId, { userId, spans: [], seconds: { ONLINE: 0, BUSY: 0, AWAY: 0 } }]));
  if (userIds.length === 0 || window.to <= window.from) return timelines;
  const rows = await db.presenceInterval.findMany({
    where: {
      userId: { in: userIds },
      presence: { in: ["ONLINE", "BUSY", "AWAY"] },
      startedAt: { lt: window.to },
      OR: [{ endedAt: null }, { endedAt: { gt: window.from } }],
    },
    orderBy: [{ userId: "asc" }, { startedAt: "asc" }, { id: "asc" }],
    select: { userId: true, presence: true, startedAt: true, endedAt: true },
  });
  for (const row of rows) {
    const timeline = timelines.get(row.userId);
    if (!timeline || row.presence === "OFFLINE") continue;
    const startedAt = row.startedAt < window.from ? window.from : row.startedAt;
    const end = row.endedAt ?? window.to;
    const endedAt = end > window.to ? window.to : end;
    if (endedAt <= startedAt) continue;
    timeline.spans.push({ presence: row.presence, startedAt, endedAt });
    timeline.seconds[row.presence] += Math.round((endedAt.getTime() - startedAt.getTime()) / 1000);
  }
  return timelines;
}
