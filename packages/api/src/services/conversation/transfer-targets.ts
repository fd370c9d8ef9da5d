/**
 * What the workspace offers when an agent transfers or ends a conversation: ONLINE colleagues with a free
 * slot (agents may not list staff), every team, and the resolution categories from settings.
 */
import type { Db } from "@kefu/db/client";
import { getSetting } from "../settings/index.ts";
import type { Actor } from "./actor.ts";
import { HELD_STATUSES } from "./state-machine.ts";

export async function listTransferTargets(db: Db, actor: Actor) {
  const [users, teams, memberships] = await Promise.all([
    db.user.findMany({
      where: { presence: "ONLINE", disabledAt: null, id: { not: actor.id }, role: { in: ["ADMIN", "SUPERVISOR", "AGENT"] } },
      orderBy: { name: "asc" },
      take: 200,
      select: { id: true, name: true, employeeNo: true, maxConcurrent: true, teams: { select: { teamId: true } } },
    }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } }),
  ]);
  const open = users.length
    ? await db.conversation.groupBy({
        by: ["assigneeId"],
        where: { assigneeId: { in: users.map((u) => u.id) }, status: { in: [...HELD_STATUSES] } },
        _count: { _all: true },
      })
    : [];
  const openBy = new Map(open.map((row) => [row.assigneeId, row._count._all]));
  const myTeams = new Set(memberships.map((m) => m.teamId));
  return {
    agents: users
      .map((u) => ({
        id: u.id,
        name: u.name,
        employeeNo: u.employeeNo,
        open: openBy.get(u.id) ?? 0,
        maxConcurrent: u.maxConcurrent,
        teamIds: u.teams.map((t) => t.teamId),
      }))
      .filter((u) => u.open < u.maxConcurrent),
    teams: teams.map((team) => ({ ...team, mine: myTeams.has(team.id) })),
  };
}

export async function listResolutionCategories(db: Db): Promise<string[]> {
  return (await getSetting(db, "conversation.resolution")).categories;
}
