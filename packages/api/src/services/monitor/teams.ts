/** The team board: per team (and a row for conversations without a team) the queue, the work and the staffing. */
import type { Db } from "@kefu/db/client";
import { outcomesByTeam, staffingByTeam, statusSnapshotNowByTeam, todaySoFar, type PresenceCounts } from "../metrics/index.ts";

export interface MonitorTeam {
  /** null: conversations without a team (any agent may take them) */
  teamId: number | null;
  name: string | null;
  autoAssign: boolean;
  queued: number;
  longestWaitSeconds: number;
  bot: number;
  active: number;
  paused: number;
  /** team members with role AGENT by presence (none for the row without a team) */
  agents: PresenceCounts;
  freeSlots: number;
  resolvedToday: number;
  abandonedToday: number;
}

export async function monitorTeams(db: Db, now = new Date()): Promise<{ generatedAt: Date; teams: MonitorTeam[] }> {
  const [teams, snapshots, staffing, outcomes] = await Promise.all([
    db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, autoAssign: true } }),
    statusSnapshotNowByTeam(db, now),
    staffingByTeam(db),
    outcomesByTeam(db, todaySoFar(now)),
  ]);
  const rows: { teamId: number | null; name: string | null; autoAssign: boolean }[] = [
    ...teams.map((t) => ({ teamId: t.id, name: t.name, autoAssign: t.autoAssign })),
    { teamId: null, name: null, autoAssign: true },
  ];
  return {
    generatedAt: now,
    teams: rows.map((row): MonitorTeam => {
      const snapshot = snapshots.get(row.teamId);
      const staff = row.teamId === null ? undefined : staffing.get(row.teamId);
      const outcome = outcomes.get(row.teamId);
      return {
        ...row,
        queued: snapshot?.counts.QUEUED ?? 0,
        longestWaitSeconds: snapshot?.longestQueuedSeconds ?? 0,
        bot: snapshot?.counts.BOT ?? 0,
        active: snapshot?.counts.ACTIVE ?? 0,
        paused: snapshot?.counts.PAUSED ?? 0,
        agents: staff?.agents ?? { ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0 },
        freeSlots: staff?.freeSlots ?? 0,
        resolvedToday: outcome?.resolved ?? 0,
        abandonedToday: outcome?.abandoned ?? 0,
      };
    }),
  };
}
