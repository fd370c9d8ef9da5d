"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useTranslations } from "next-intl";
import { PRESENCE_BADGE } from "~/lib/badges";
import { useDuration, useNow, useShowAll } from "./hooks";
import type { AgentsBoard as AgentsData } from "./live-state";
import { ShowMore } from "./show-more";

type Agent = AgentsData["agents"][number];
type Presence = Agent["presence"];

export const PRESENCES: Presence[] = ["ONLINE", "BUSY", "AWAY", "OFFLINE"];
const PRESENCE_ORDER: Record<Presence, number> = { ONLINE: 0, BUSY: 1, AWAY: 2, OFFLINE: 3 };

interface Props {
  board: AgentsData | undefined;
  loading: boolean;
  canSupervise: boolean;
  pendingPresenceFor: number | null;
  onSetPresence: (agent: Agent, presence: Presence) => void;
  onOpenConversation: (conversationId: number) => void;
}

function LoadBar({ open, max }: { open: number; max: number }) {
  const share = max > 0 ? Math.min(1, open / max) : 1;
  return (
    <span className="inline-flex items-center gap-2">
      <span className="tabular-nums">{`${open}/${max}`}</span>
      <span aria-hidden className="h-1.5 w-12 overflow-hidden rounded-full bg-slate-100">
        <span
          className={cn("block h-full rounded-full", share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-emerald-500")}
          style={{ width: `${share * 100}%` }}
        />
      </span>
    </span>
  );
}

/** Agents with the most urgent first: replies owed, then load, then presence. */
function sortAgents(agents: Agent[]): Agent[] {
  return [...agents].sort(
    (a, b) =>
      b.waitingConversationIds.length - a.waitingConversationIds.length ||
      PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] ||
      b.open - a.open ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
}

export function AgentsBoard({ board, loading, canSupervise, pendingPresenceFor, onSetPresence, onOpenConversation }: Props) {
  const t = useTranslations();
  const tm = useTranslations("monitor.agents");
  const duration = useDuration();
  const now = useNow(5000);
  const sorted = sortAgents(board?.agents ?? []);
  const list = useShowAll(sorted, 10);
  const agents = list.visible;

  const presenceControl = (agent: Agent) =>
    canSupervise ? (
      <NativeSelect
        aria-label={tm("setPresence", { name: agent.name })}
        className="w-28"
        selectClassName="h-8 text-xs"
        value={agent.presence}
        disabled={pendingPresenceFor === agent.id}
        onChange={(event) => onSetPresence(agent, event.target.value as Presence)}
      >
        {PRESENCES.map((presence) => (
          <option key={presence} value={presence}>
            {t(`presence.${presence}`)}
          </option>
        ))}
      </NativeSelect>
    ) : (
      <Badge variant={PRESENCE_BADGE[agent.presence]} dot>
        {t(`presence.${agent.presence}`)}
      </Badge>
    );

  const oldest = (agent: Agent) =>
    agent.oldestOpen ? (
      <Button
        variant="link"
        size="sm"
        className="h-auto tabular-nums"
        aria-label={tm("openConversation", { id: agent.oldestOpen.conversationId })}
        onClick={() => onOpenConversation(agent.oldestOpen!.conversationId)}
      >
        {duration((now - new Date(agent.oldestOpen.createdAt).getTime()) / 1000)}
      </Button>
    ) : (
      <span className="text-slate-500">{t("monitor.noValue")}</span>
    );

  const waiting = (agent: Agent) =>
    agent.waitingConversationIds.length ? (
      <Button
        variant="link"
        size="sm"
        className="h-auto font-semibold text-red-600 tabular-nums"
        aria-label={tm("openConversation", { id: agent.waitingConversationIds[0]! })}
        onClick={() => onOpenConversation(agent.waitingConversationIds[0]!)}
      >
        {agent.waitingConversationIds.length}
      </Button>
    ) : (
      <span className="text-slate-500 tabular-nums">0</span>
    );

  const teams = (agent: Agent) => (agent.teams.length ? agent.teams.map((team) => team.name).join("、") : tm("noTeam"));

  if (!loading && sorted.length === 0) return <EmptyState bordered title={tm("empty")} description={tm("emptyHint")} />;

  return (
    <div data-testid="agents-board">
      {/* phones: one card per agent */}
      <ul className="grid gap-2 md:hidden">
        {loading
          ? Array.from({ length: 3 }, (_, i) => (
              <li key={i}>
                <Skeleton className="h-20 w-full" />
              </li>
            ))
          : agents.map((agent) => (
              <li key={agent.id} className="rounded-lg border border-slate-200 bg-white p-3" data-agent-id={agent.id}>
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <div className="truncate font-medium text-slate-900">
                      {agent.name} <span className="font-mono text-xs text-slate-500">{agent.employeeNo}</span>
                    </div>
                    <div className="truncate text-xs text-slate-500">{teams(agent)}</div>
                  </div>
                  {presenceControl(agent)}
                </div>
                <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                  <dt className="text-slate-500">{tm("load")}</dt>
                  <dd className="text-right">
                    <LoadBar open={agent.open} max={agent.maxConcurrent} />
                  </dd>
                  <dt className="text-slate-500">{tm("waiting")}</dt>
                  <dd className="text-right">{waiting(agent)}</dd>
                  <dt className="text-slate-500">{tm("oldest")}</dt>
                  <dd className="text-right">{oldest(agent)}</dd>
                  <dt className="text-slate-500">{tm("resolved")}</dt>
                  <dd className="text-right tabular-nums">{agent.resolvedToday}</dd>
                </dl>
              </li>
            ))}
      </ul>
      {/* wider screens: a table */}
      <div className="hidden md:block">
        <Table framed cards>
          <TableHeader>
            <TableRow>
              <TableHead>{tm("name")}</TableHead>
              <TableHead>{tm("presence")}</TableHead>
              <TableHead>{tm("load")}</TableHead>
              <TableHead className="text-right">{tm("waiting")}</TableHead>
              <TableHead>{tm("oldest")}</TableHead>
              <TableHead>{tm("teams")}</TableHead>
              <TableHead className="text-right">{tm("resolved")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {loading
              ? Array.from({ length: 4 }, (_, i) => (
                  <TableRow key={i}>
                    <TableCell colSpan={7}>
                      <Skeleton className="h-5 w-full" />
                    </TableCell>
                  </TableRow>
                ))
              : agents.map((agent) => (
                  <TableRow key={agent.id} data-agent-id={agent.id}>
                    <TableCell label={tm("name")}>
                      <div className="font-medium">{agent.name}</div>
                      <div className="font-mono text-xs text-slate-500">{agent.employeeNo}</div>
                    </TableCell>
                    <TableCell label={tm("presence")}>{presenceControl(agent)}</TableCell>
                    <TableCell label={tm("load")}>
                      <LoadBar open={agent.open} max={agent.maxConcurrent} />
                    </TableCell>
                    <TableCell label={tm("waiting")} className="text-right">
                      {waiting(agent)}
                    </TableCell>
                    <TableCell label={tm("oldest")}>{oldest(agent)}</TableCell>
                    <TableCell label={tm("teams")} className="max-w-48 truncate">
                      {teams(agent)}
                    </TableCell>
                    <TableCell label={tm("resolved")} className="text-right tabular-nums">
                      {agent.resolvedToday}
                    </TableCell>
                  </TableRow>
                ))}
          </TableBody>
        </Table>
      </div>
      <div className="mt-2">
        <ShowMore hidden={list.hidden} all={list.all} total={sorted.length} onChange={list.setAll} />
      </div>
    </div>
  );
}
