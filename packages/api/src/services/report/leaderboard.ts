/** `report.agents`: the period's figures per agent and per team (the conversation's team; 0: no team). */
import type { Db } from "@kefu/db/client";
import type { ReportFilterInput } from "../../contracts/report.ts";
import { toCount } from "../metrics/index.ts";
import { countersOf, figuresOf, rollupFilter, sumColumns, type ReportFigures } from "./figures.ts";

export interface LeaderboardRow {
  id: number;
  name: string;
  figures: ReportFigures;
}

export interface ReportLeaderboard {
  agents: LeaderboardRow[];
  /** id 0: conversations without a team */
  teams: LeaderboardRow[];
}

const byWork = (a: LeaderboardRow, b: LeaderboardRow) =>
  (b.figures.resolved ?? 0) - (a.figures.resolved ?? 0) || (b.figures.assigned ?? 0) - (a.figures.assigned ?? 0) || a.id - b.id;

export async function reportAgents(db: Db, filter: ReportFilterInput): Promise<ReportLeaderboard> {
  const where = rollupFilter(filter);
  const [agentRows, teamRows] = await Promise.all([
    db.$queryRaw<({ agentId: unknown } & Record<string, unknown>)[]>`
      SELECT agentId, ${sumColumns} FROM \`StatsDaily\`
      WHERE day >= ${filter.from} AND day <= ${filter.to} AND agentId <> 0 ${where} GROUP BY agentId`,
    db.$queryRaw<({ teamId: unknown } & Record<string, unknown>)[]>`
      SELECT teamId, ${sumColumns} FROM \`StatsDaily\`
      WHERE day >= ${filter.from} AND day <= ${filter.to} ${where} GROUP BY teamId`,
  ]);
  const agentIds = agentRows.map((row) => toCount(row.agentId));
  const teamIds = teamRows.map((row) => toCount(row.teamId)).filter((id) => id > 0);
  const [users, teams] = await Promise.all([
    agentIds.length ? db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [],
    teamIds.length ? db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    agents: agentRows
      .map((row) => ({ id: toCount(row.agentId), name: userName.get(toCount(row.agentId)) ?? `#${toCount(row.agentId)}`, figures: figuresOf(countersOf(row)) }))
      .sort(byWork),
    teams: teamRows
      .map((row) => ({ id: toCount(row.teamId), name: teamName.get(toCount(row.teamId)) ?? "", figures: figuresOf(countersOf(row)) }))
      .sort(byWork),
  };
}
