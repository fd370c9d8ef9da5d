/**
 * The same metrics broken down by team or by agent in one query each (the monitor's team and agent boards).
 * The definitions are those of conversations.ts and presence.ts; the tests hold both to the same figures.
 */
import type { Db, Presence } from "@kefu/db/client";
import { LIVE_STATUSES, type LiveStatus, type StatusSnapshot } from "./conversations.ts";
import type { PresenceCounts } from "./presence.ts";
import { toCount } from "./sql.ts";
import type { TimeWindow } from "./time.ts";

/** Team id, or null for conversations without a team. */
export type TeamKey = number | null;

/** statusSnapshotNow per team (only teams with open conversations appear). */
export async function statusSnapshotNowByTeam(db: Db, now = new Date()): Promise<Map<TeamKey, StatusSnapshot>> {
  const rows = await db.$queryRaw<{ teamId: unknown; status: LiveStatus; n: unknown; oldestQueuedAt: Date | null }[]>`
    SELECT c.teamId, c.status, COUNT(*) AS n, MIN(CASE WHEN c.status = 'QUEUED' THEN c.queuedAt END) AS oldestQueuedAt
    FROM \`Conversation\` c
    WHERE c.status IN ('BOT', 'QUEUED', 'ACTIVE', 'PAUSED')
    GROUP BY c.teamId, c.status`;
  const result = new Map<TeamKey, StatusSnapshot>();
  for (const row of rows) {
    const teamId = row.teamId === null ? null : toCount(row.teamId);
    let snapshot = result.get(teamId);
    if (!snapshot) {
      snapshot = { counts: Object.fromEntries(LIVE_STATUSES.map((s) => [s, 0])) as Record<LiveStatus, number>, longestQueuedSeconds: 0 };
      result.set(teamId, snapshot);
    }
    snapshot.counts[row.status] = toCount(row.n);
    if (row.status === "QUEUED" && row.oldestQueuedAt)
      snapshot.longestQueuedSeconds = Math.max(0, Math.round((now.getTime() - row.oldestQueuedAt.getTime()) / 1000));
  }
  return result;
}

export interface TeamStaffing {
  agents: PresenceCounts;
  /** free slots of the team's ONLINE agents: maxConcurrent − open (ACTIVE + PAUSED) */
  freeSlots: number;
}

/** agentsByPresenceNow per team (an agent in two teams counts in both), with the free slots of those ONLINE. */
export async function staffingByTeam(db: Db): Promise<Map<number, TeamStaffing>> {
  const rows = await db.$queryRaw<{ teamId: unknown; presence: Presence; n: unknown; freeSlots: unknown }[]>`
    SELECT tm.teamId, u.presence, COUNT(*) AS n,
      SUM(CASE WHEN u.presence = 'ONLINE' THEN GREATEST(u.maxConcurrent - (
        SELECT COUNT(*) FROM \`Conversation\` c WHERE c.assigneeId = u.id AND c.status IN ('ACTIVE', 'PAUSED')), 0) ELSE 0 END) AS freeSlots
    FROM \`TeamMember\` tm JOIN \`User\` u ON u.id = tm.userId
    WHERE u.role = 'AGENT' AND u.disabledAt IS NULL
    GROUP BY tm.teamId, u.presence`;
  const result = new Map<number, TeamStaffing>();
  for (const row of rows) {
    const teamId = toCount(row.teamId);
    let staffing = result.get(teamId);
    if (!staffing) {
      staffing = { agents: { ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0 }, freeSlots: 0 };
      result.set(teamId, staffing);
    }
    staffing.agents[row.presence] = toCount(row.n);
    staffing.freeSlots += toCount(row.freeSlots);
  }
  return result;
}

/** RESOLVED and ABANDONED events in the window per team of the conversation. */
export async function outcomesByTeam(db: Db, window: TimeWindow): Promise<Map<TeamKey, { resolved: number; abandoned: number }>> {
  const rows = await db.$queryRaw<{ teamId: unknown; type: "RESOLVED" | "ABANDONED"; n: unknown }[]>`
    SELECT c.teamId, e.type, COUNT(*) AS n
    FROM \`ConversationEvent\` e JOIN \`Conversation\` c ON c.id = e.conversationId
    WHERE e.type IN ('RESOLVED', 'ABANDONED') AND e.at >= ${window.from} AND e.at < ${window.to}
    GROUP BY c.teamId, e.type`;
  const result = new Map<TeamKey, { resolved: number; abandoned: number }>();
  for (const row of rows) {
    const teamId = row.teamId === null ? null : toCount(row.teamId);
    const entry = result.get(teamId) ?? { resolved: 0, abandoned: 0 };
    if (row.type === "RESOLVED") entry.resolved = toCount(row.n);
    else entry.abandoned = toCount(row.n);
    result.set(teamId, entry);
  }
  return result;
}

/** RESOLVED events in the window per agent who held the conversation (resolvedStats with an agent scope). */
export async function resolvedByAgent(db: Db, window: TimeWindow): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ agentId: unknown; n: unknown }[]>`
    SELECT e.fromUserId AS agentId, COUNT(*) AS n
    FROM \`ConversationEvent\` e
    WHERE e.type = 'RESOLVED' AND e.at >= ${window.from} AND e.at < ${window.to} AND e.fromUserId IS NOT NULL
    GROUP BY e.fromUserId`;
  return new Map(rows.map((r) => [toCount(r.agentId), toCount(r.n)]));
}
