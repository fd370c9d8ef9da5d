/**
 * The agent board: every agent (and anyone else holding conversations, e.g. a supervisor a conversation was
 * escalated to) with presence, open load against maxConcurrent, the oldest conversation they hold, the
 * conversations whose customer waits for their reply, their teams and what they resolved today.
 */
import type { Db, Presence, Role } from "@kefu/db/client";
import { repliesWaiting, resolvedByAgent, todaySoFar } from "../metrics/index.ts";
import { assertTeamExists } from "./overview.ts";

export interface MonitorAgent {
  id: number;
  name: string;
  employeeNo: string;
  role: Role;
  presence: Presence;
  presenceChangedAt: Date | null;
  maxConcurrent: number;
  /** ACTIVE + PAUSED conversations held */
  open: number;
  paused: number;
  /** the conversations held, so the monitor can move them between agents as deltas arrive */
  openConversationIds: number[];
  /** the oldest conversation held (by creation), for its age */
  oldestOpen: { conversationId: number; createdAt: Date } | null;
  /** held conversations whose last customer message has no later agent reply */
  waitingConversationIds: number[];
  teams: { id: number; name: string }[];
  resolvedToday: number;
}

export async function monitorAgents(db: Db, input: { teamId?: number } = {}, now = new Date()): Promise<{ generatedAt: Date; agents: MonitorAgent[] }> {
  await assertTeamExists(db, input.teamId);
  const teamFilter = input.teamId === undefined ? {} : { teams: { some: { teamId: input.teamId } } };
  const [users, held, waiting, resolved] = await Promise.all([
    db.user.findMany({
      where: {
        disabledAt: null,
        ...teamFilter,
        OR: [{ role: "AGENT" }, { assignedConversations: { some: { status: { in: ["ACTIVE", "PAUSED"] } } } }],
      },
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        employeeNo: true,
        role: true,
        presence: true,
        presenceChangedAt: true,
        maxConcurrent: true,
        teams: { orderBy: { teamId: "asc" }, select: { team: { select: { id: true, name: true } } } },
      },
    }),
    db.conversation.findMany({
      where: { status: { in: ["ACTIVE", "PAUSED"] }, assigneeId: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, assigneeId: true, status: true, createdAt: true },
    }),
    repliesWaiting(db),
    resolvedByAgent(db, todaySoFar(now)),
  ]);
  const waitingByAgent = new Map<number, number[]>();
  for (const row of waiting) waitingByAgent.set(row.assigneeId, [...(waitingByAgent.get(row.assigneeId) ?? []), row.conversationId]);
  const heldByAgent = new Map<number, typeof held>();
  for (const row of held) heldByAgent.set(row.assigneeId!, [...(heldByAgent.get(row.assigneeId!) ?? []), row]);

  const agents = users.map((user): MonitorAgent => {
    const mine = heldByAgent.get(user.id) ?? [];
    const oldest = mine[0];
    return {
      id: user.id,
      name: user.name,
      employeeNo: user.employeeNo,
      role: user.role,
      presence: user.presence,
      presenceChangedAt: user.presenceChangedAt,
      maxConcurrent: user.maxConcurrent,
      open: mine.length,
      paused: mine.filter((c) => c.status === "PAUSED").length,
      openConversationIds: mine.map((c) => c.id).sort((a, b) => a - b),
      oldestOpen: oldest ? { conversationId: oldest.id, createdAt: oldest.createdAt } : null,
      waitingConversationIds: (waitingByAgent.get(user.id) ?? []).sort((a, b) => a - b),
      teams: user.teams.map((t) => t.team),
      resolvedToday: resolved.get(user.id) ?? 0,
    };
  });
  return { generatedAt: now, agents };
}
