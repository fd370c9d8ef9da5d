"use client";

import { Badge } from "@kefu/ui/badge";
import { cn } from "@kefu/ui/cn";
import { Skeleton } from "@kefu/ui/skeleton";
import { useTranslations } from "next-intl";
import { useDuration, useNow } from "./hooks";
import type { TeamsBoard as TeamsData } from "./live-state";

export function TeamsBoard({ board, loading }: { board: TeamsData | undefined; loading: boolean }) {
  const t = useTranslations("monitor.teams");
  const none = useTranslations("monitor")("noValue");
  const duration = useDuration();
  const now = useNow(1000);
  const elapsed = board ? Math.max(0, (now - new Date(board.generatedAt).getTime()) / 1000) : 0;
  // the row for conversations without a team only matters when it has some
  const teams = (board?.teams ?? []).filter(
    (team) => team.teamId !== null || team.queued + team.active + team.paused + team.bot + team.resolvedToday + team.abandonedToday > 0,
  );

  if (loading) {
    return (
      <div className="grid gap-2 sm:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-28 w-full" />
        ))}
      </div>
    );
  }
  return (
    <ul className="grid gap-2 sm:grid-cols-2" data-testid="teams-board">
      {teams.map((team) => (
        <li key={team.teamId ?? "none"} className="rounded-lg border border-slate-200 bg-white p-3" data-team-id={team.teamId ?? "none"}>
          <div className="flex items-center justify-between gap-2">
            <h3 className="truncate font-medium text-slate-900">{team.name ?? t("noTeam")}</h3>
            {!team.autoAssign ? <Badge variant="neutral">{t("manual")}</Badge> : null}
          </div>
          <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
            <div>
              <dt className="text-xs text-slate-500">{t("queued")}</dt>
              <dd className={cn("text-lg font-semibold tabular-nums", team.queued > 0 ? "text-amber-700" : "text-slate-900")} data-testid="team-queued">
                {team.queued}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("longestWait")}</dt>
              <dd className="text-sm font-medium tabular-nums">
                {team.queued > 0 && team.longestWaitSeconds > 0 ? duration(team.longestWaitSeconds + elapsed) : none}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("active")}</dt>
              <dd className="text-lg font-semibold tabular-nums">{team.active + team.paused}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("online")}</dt>
              <dd className="text-sm font-medium tabular-nums">{team.teamId === null ? none : team.agents.ONLINE}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("freeSlots")}</dt>
              <dd className="text-sm font-medium tabular-nums">{team.teamId === null ? none : team.freeSlots}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("resolved")}</dt>
              <dd className="text-sm font-medium tabular-nums">{team.resolvedToday}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
