/** The queue as a waiting customer and a supervisor see it. */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";

const PACE_WINDOW_SECONDS = 30 * 60;
const PACE_MIN_ASSIGNMENTS = 3;
const FALLBACK_WINDOW_SECONDS = 24 * 3600;

export interface QueuePosition {
  status: string;
  /** 1 = next; null when the conversation is not waiting */
  position: number | null;
  /** null when the team has no recent history to go by */
  expectedWaitSeconds: number | null;
}

/**
 * Place in the team's queue (same order as routing) and the expected wait.
 *
 * Expected wait = position × the team's recent time per assignment (30 min ÷ assignments made in the last
 * 30 minutes) — the pace at which the queue actually moved, which accounts for how many agents are serving.
 * With fewer than 3 recent assignments it falls back to the team's average wait (assignedAt − queuedAt) over
 * the last 24 hours, times the position; with no history at all it is null.
 */
export async function queuePosition(db: Db, conversationId: number): Promise<QueuePosition> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { id: true, status: true, teamId: true, priority: true, queuedAt: true },
  });
  if (!conversation) throw new AppError("NOT_FOUND", { field: "id" });
  if (conversation.status !== "QUEUED" || !conversation.queuedAt) return { status: conversation.status, position: null, expectedWaitSeconds: null };
  const { teamId, priority, queuedAt, id } = conversation;
  const ahead = await db.conversation.count({
    where: {
      status: "QUEUED",
      teamId,
      OR: [{ priority: { gt: priority } }, { priority, queuedAt: { lt: queuedAt } }, { priority, queuedAt, id: { lt: id } }],
    },
  });
  const position = ahead + 1;
  const now = Date.now();
  const teamFilter = teamId === null ? {} : { toTeamId: teamId };
  const recent = await db.conversationEvent.count({ where: { type: "ASSIGNED", at: { gte: new Date(now - PACE_WINDOW_SECONDS * 1000) }, ...teamFilter } });
  if (recent >= PACE_MIN_ASSIGNMENTS)
    return { status: conversation.status, position, expectedWaitSeconds: Math.round((position * PACE_WINDOW_SECONDS) / recent) };

  const since = new Date(now - FALLBACK_WINDOW_SECONDS * 1000);
  const [row] = await db.$queryRaw<{ avgWait: number | string | null }[]>`
    SELECT AVG(TIMESTAMPDIFF(SECOND, queuedAt, assignedAt)) AS avgWait FROM \`Conversation\`
    WHERE assignedAt >= ${since} AND queuedAt IS NOT NULL AND assignedAt >= queuedAt
      AND (${teamId} IS NULL OR teamId = ${teamId})`;
  const avgWait = row?.avgWait === null || row?.avgWait === undefined ? null : Number(row.avgWait);
  return { status: conversation.status, position, expectedWaitSeconds: avgWait === null ? null : Math.round(avgWait * position) };
}

/** Per team (and for conversations without a team): waiting, longest wait, open work, agents online and free slots. */
export async function queueOverview(db: Db, input: { teamId?: number } = {}) {
  const teamWhere = input.teamId !== undefined ? { teamId: input.teamId } : {};
  const [teams, groups, agents] = await Promise.all([
    db.team.findMany({
      where: input.teamId !== undefined ? { id: input.teamId } : {},
      orderBy: { id: "asc" },
      select: { id: true, name: true, autoAssign: true },
    }),
    db.conversation.groupBy({
      by: ["teamId", "status"],
      where: { status: { in: ["QUEUED", "ACTIVE", "PAUSED"] }, ...teamWhere },
      _count: { _all: true },
      _min: { queuedAt: true },
    }),
    db.$queryRaw<{ userId: number; teamId: number; freeSlots: bigint | number | string }[]>`
      SELECT u.id AS userId, tm.teamId,
        GREATEST(u.maxConcurrent - (SELECT COUNT(*) FROM \`Conversation\` c WHERE c.assigneeId = u.id AND c.status IN ('ACTIVE', 'PAUSED')), 0) AS freeSlots
      FROM \`TeamMember\` tm JOIN \`User\` u ON u.id = tm.userId
      WHERE u.role = 'AGENT' AND u.presence = 'ONLINE' AND u.disabledAt IS NULL`,
  ]);
  const now = Date.now();
  // conversations without a team go to an agent of any team: their row counts each agent once
  const staffing = (teamId: number | null) => {
    const free = new Map<number, number>();
    for (const a of agents) if (teamId === null || Number(a.teamId) === teamId) free.set(Number(a.userId), Number(a.freeSlots));
    return { agentsOnline: free.size, freeSlots: [...free.values()].reduce((sum, n) => sum + n, 0) };
  };
  const rows = [
    ...teams.map((t) => ({ teamId: t.id, name: t.name, autoAssign: t.autoAssign })),
    ...(input.teamId === undefined ? [{ teamId: null, name: null, autoAssign: true }] : []),
  ];
  return rows.map((row) => {
    const of = (status: string) => groups.find((g) => g.teamId === row.teamId && g.status === status);
    const queued = of("QUEUED");
    return {
      ...row,
      queued: queued?._count._all ?? 0,
      longestWaitSeconds: queued?._min.queuedAt ? Math.max(0, Math.round((now - queued._min.queuedAt.getTime()) / 1000)) : 0,
      active: of("ACTIVE")?._count._all ?? 0,
      paused: of("PAUSED")?._count._all ?? 0,
      ...staffing(row.teamId),
    };
  });
}
