"use client";

import type { Presence } from "@kefu/db";
import { Tabs, TabsList, TabsTrigger } from "@kefu/ui/tabs";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { PresenceSwitcher } from "~/components/presence-switcher";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useTRPC } from "~/trpc/react";
import { CONVERSATION_LIST_ID, ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { CHANNELS, STATUSES, type ConversationRow, type ListFilters, type View } from "./conversation-types";
import { ShortcutHelp } from "./shortcut-help";
import { conversationPath } from "@kefu/api/contracts/links";
import { channels } from "@kefu/api/contracts/realtime";

/** True when the key press belongs to a text field (shortcuts then stay out of the way). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function TeamChannel({ teamId, onChange }: { teamId: number; onChange: () => void }) {
  useRealtimeEvent(channels.team(teamId), "queue.changed", onChange);
  useRealtimeEvent(channels.team(teamId), "conversation.updated", onChange);
  return null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The list's view and filters from the address (`/workspace?view=all&status=RESOLVED&from=…`): a report's figure
 * opens the conversations behind it this way. Anything unknown is left out.
 */
export function filtersFromParams(params: URLSearchParams, views: View[]): { view: View; filters: ListFilters } {
  const view = views.find((v) => v === params.get("view")) ?? "mine";
  const status = STATUSES.find((s) => s === params.get("status")) ?? "";
  const channel = CHANNELS.find((c) => c === params.get("channel")) ?? "";
  const team = Number(params.get("teamId"));
  const date = (name: string) => {
    const value = params.get(name) ?? "";
    return DATE.test(value) ? value : "";
  };
  return { view, filters: { search: "", status, channel, teamId: Number.isInteger(team) && team > 0 ? team : "", from: date("from"), to: date("to") } };
}

interface WorkspaceProps {
  userId: number;
  presence: Presence;
  canSupervise: boolean;
  /** opened from a conversation's address (`/workspace/c/[id]`) */
  initialConversationId: number | null;
}

export function Workspace({ userId, presence, canSupervise, initialConversationId }: WorkspaceProps) {
  const t = useTranslations("workspace");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views: View[] = canSupervise ? ["mine", "queue", "team", "all"] : ["mine", "queue", "team"];
  const searchParams = useSearchParams();
  const [initial] = useState(() => filtersFromParams(new URLSearchParams(searchParams.toString()), views));
  const [view, setView] = useState<View>(initial.view);
  const [filters, setFilters] = useState<ListFilters>(initial.filters);
  const [selectedId, setSelectedId] = useState<number | null>(initialConversationId);
  // the address follows the open conversation, so it can be copied, bookmarked and reloaded
  useEffect(() => {
    const path = selectedId ? conversationPath(selectedId) : "/workspace";
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
  }, [selectedId]);
  const rowsRef = useRef<ConversationRow[]>([]);
  const knowledgeSearch = useRef<HTMLInputElement>(null);
  const targets = useQuery(trpc.conversation.listTransferTargets.queryOptions(undefined, { staleTime: 60_000 }));
  const myTeams = targets.data?.teams.filter((team) => team.mine) ?? [];

  const refreshList = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.conversation.list.pathKey() }), [queryClient, trpc]);
  const agentChannel = channels.agent(userId);
  useRealtimeEvent(agentChannel, "conversation.assigned", refreshList);
  useRealtimeEvent(agentChannel, "conversation.unassigned", refreshList);
  useRealtimeEvent(agentChannel, "message.created", refreshList);
  useRealtimeEvent(agentChannel, "conversation.read", refreshList);
  useRealtimeReconnect(refreshList);

  const changeView = useCallback((next: View) => setView(next), []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-4]$/.test(event.code)) {
        const next = views[Number(event.code.slice(5)) - 1];
        if (next) {
          event.preventDefault();
          changeView(next);
        }
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "/") {
        event.preventDefault();
        knowledgeSearch.current?.focus();
      } else if (event.key === "j" || event.key === "k" || event.key === "J" || event.key === "K") {
        const rows = rowsRef.current;
        if (rows.length === 0) return;
        event.preventDefault();
        const index = rows.findIndex((row) => row.id === selectedId);
        const down = event.key.toLowerCase() === "j";
        const next = index === -1 ? 0 : Math.min(Math.max(index + (down ? 1 : -1), 0), rows.length - 1);
        setSelectedId(rows[next]!.id);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [views, selectedId, changeView]);

  return (
    <div className="space-y-3" data-testid="workspace">
      {myTeams.map((team) => (
        <TeamChannel key={team.id} teamId={team.id} onChange={refreshList} />
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <div className="flex items-center gap-2">
          <PresenceSwitcher userId={userId} initial={presence} />
          <ShortcutHelp />
        </div>
      </div>
      <Tabs value={view} onValueChange={(value) => changeView(value as View)} className="gap-2">
        <TabsList aria-label={t("tabsLabel")}>
          {views.map((v, index) => (
            <TabsTrigger key={v} value={v} title={`Alt+${index + 1}`} aria-controls={CONVERSATION_LIST_ID}>
              {t(`tabs.${v}`)}
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
      <div className="grid gap-3 lg:h-[calc(100dvh-12rem)] lg:min-h-[32rem] lg:grid-cols-[17rem_minmax(0,1fr)_16rem]">
        <ConversationList
          view={view}
          filters={filters}
          onFiltersChange={setFilters}
          teams={view === "team" && !canSupervise ? myTeams : (targets.data?.teams ?? [])}
          selectedId={selectedId}
          onSelect={setSelectedId}
          onRows={(rows) => {
            rowsRef.current = rows;
          }}
        />
        <ConversationView
          key={selectedId ?? 0}
          conversationId={selectedId}
          userId={userId}
          targets={targets.data}
          knowledgeSearchRef={knowledgeSearch}
          onChanged={refreshList}
        />
      </div>
    </div>
  );
}
