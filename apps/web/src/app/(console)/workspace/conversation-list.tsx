"use client";

import { CONVERSATION_SEARCH_MAX } from "@kefu/api/contracts/limits";
import { Badge } from "@kefu/ui/badge";
import { cn } from "@kefu/ui/cn";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useEffect } from "react";
import { LoadMore } from "~/components/load-more";
import { useCustomerName } from "~/lib/customer-name";
import { useTRPC } from "~/trpc/react";
import { LimitedInput, withinLimit } from "~/components/limited-field";
import { systemText } from "./system-message";
import {
  CHANNELS,
  LEVEL_BADGE,
  STATUS_BADGE,
  STATUSES,
  type Channel,
  type ConversationRow,
  type ConversationStatus as Status,
  type ListFilters,
  type View,
} from "./conversation-types";

interface Props {
  view: View;
  filters: ListFilters;
  onFiltersChange: (filters: ListFilters) => void;
  teams: { id: number; name: string }[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onRows: (rows: ConversationRow[]) => void;
}

/** the tabs above the list switch what it shows: they point at it (`aria-controls`) instead of at panels of their own */
export const CONVERSATION_LIST_ID = "workspace-conversations";

export function ConversationList({ view, filters, onFiltersChange, teams, selectedId, onSelect, onRows }: Props) {
  const t = useTranslations("workspace");
  const tAll = useTranslations();
  const customerName = useCustomerName();
  const format = useFormatter();
  const trpc = useTRPC();
  const search = useDeferredValue(withinLimit(filters.search.trim(), CONVERSATION_SEARCH_MAX));
  const from = filters.from ? new Date(`${filters.from}T00:00:00`) : undefined;
  const to = filters.to ? new Date(`${filters.to}T23:59:59.999`) : undefined;
  const input = {
    view,
    limit: 30,
    ...(search ? { search } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(from ? { from } : {}),
    ...(to && (!from || to >= from) ? { to } : {}),
  };
  const list = useInfiniteQuery(
    trpc.conversation.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: 60_000,
      placeholderData: (previous) => previous,
    }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  useEffect(() => onRows(rows));
  const set = (patch: Partial<ListFilters>) => onFiltersChange({ ...filters, ...patch });

  return (
    <section id={CONVERSATION_LIST_ID} aria-label={t("tabsLabel")} className="flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white">
      <div className="grid grid-cols-2 gap-2 border-b border-slate-200 p-2" role="search">
        <LimitedInput
          type="search"
          className="col-span-2"
          aria-label={tAll("common.search")}
          placeholder={t("search")}
          value={filters.search}
          max={CONVERSATION_SEARCH_MAX}
          hintId="conversation-search-limit"
          onChange={(e) => set({ search: e.target.value })}
        />
        <NativeSelect aria-label={t("filterStatus")} value={filters.status} onChange={(e) => set({ status: e.target.value as Status | "" })}>
          <option value="">{t("allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filterChannel")} value={filters.channel} onChange={(e) => set({ channel: e.target.value as Channel | "" })}>
          <option value="">{t("allChannels")}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          className="col-span-2"
          aria-label={t("filterTeam")}
          value={filters.teamId}
          onChange={(e) => set({ teamId: e.target.value ? Number(e.target.value) : "" })}
        >
          <option value="">{t("allTeams")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </NativeSelect>
        <Input type="date" aria-label={t("filterFrom")} title={t("filterFrom")} value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        <Input type="date" aria-label={t("filterTo")} title={t("filterTo")} value={filters.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <div className="space-y-2 p-2">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-14 w-full" />
            ))}
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title={t("listEmpty")} description={t("listEmptyHint")} />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="conversation-list">
            {rows.map((row) => {
              const preview = row.lastMessage
                ? row.lastMessage.kind === "EVENT" || row.lastMessage.senderType === "SYSTEM"
                  ? systemText(t, row.lastMessage.body)
                  : row.lastMessage.body
                : "";
              const at = new Date(row.updatedAt);
              return (
                <li key={row.id}>
                  <button
                    type="button"
                    data-conversation-id={row.id}
                    aria-current={row.id === selectedId ? "true" : undefined}
                    onClick={() => onSelect(row.id)}
                    className={cn(
                      "flex w-full cursor-pointer flex-col gap-1 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-primary-500",
                      row.id === selectedId && "bg-primary-50 hover:bg-primary-50",
                    )}
                  >
                    <span className="flex items-center gap-2">
                      <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{customerName(row.customer)}</span>
                      {row.unread > 0 ? (
                        <span
                          className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-medium text-white"
                          aria-label={t("unread", { count: row.unread })}
                          data-testid="unread-badge"
                        >
                          {row.unread > 99 ? "99+" : row.unread}
                        </span>
                      ) : null}
                      <time className="shrink-0 text-xs text-slate-500" dateTime={at.toISOString()}>
                        {format.dateTime(at, at.toDateString() === new Date().toDateString() ? { timeStyle: "short" } : { month: "numeric", day: "numeric" })}
                      </time>
                    </span>
                    <span className="truncate text-slate-600">{preview || row.subject || t("noSubject")}</span>
                    <span className="flex flex-wrap items-center gap-1">
                      <Badge variant={STATUS_BADGE[row.status]}>{t(`status.${row.status}`)}</Badge>
                      {row.customer.level !== "NORMAL" ? <Badge variant={LEVEL_BADGE[row.customer.level]}>{t(`level.${row.customer.level}`)}</Badge> : null}
                      <span className="text-xs text-slate-500">
                        {t(`channel.${row.channel}`)}
                        {row.customer.device ? ` · ${row.customer.device}` : ""}
                        {row.team ? ` · ${row.team.name}` : ""}
                        {view !== "mine" && row.assignee ? ` · ${row.assignee.name}` : ""}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="p-2">
          <LoadMore query={list} />
        </div>
      </div>
    </section>
  );
}
