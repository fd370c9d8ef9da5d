"use client";

import { channels } from "@kefu/api/contracts/realtime";
import { TICKET_PRIORITIES, TICKET_SORTS, TICKET_STATUSES } from "@kefu/api/contracts/ticket";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { TicketPriorityBadge, TicketStatusBadge } from "~/components/tickets/ticket-badges";
import { useTRPC } from "~/trpc/react";
import { TicketDetail } from "./ticket-detail";

type Status = (typeof TICKET_STATUSES)[number];
type Priority = (typeof TICKET_PRIORITIES)[number];
type Sort = (typeof TICKET_SORTS)[number];
const PAGE_SIZE = 20;

export function TicketsView({ userId, initialId }: { userId: number; initialId: number | null }) {
  const t = useTranslations("tickets");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | "">("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [assignee, setAssignee] = useState("");
  const [sort, setSort] = useState<Sort>("updated");
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(initialId);
  const assignees = useQuery(trpc.ticket.listAssignees.queryOptions());
  const input = {
    status: status || undefined,
    priority: priority || undefined,
    assignee: assignee === "me" || assignee === "none" ? assignee : assignee ? Number(assignee) : undefined,
    sort,
    page,
    pageSize: PAGE_SIZE,
  } as const;
  const list = useQuery(trpc.ticket.list.queryOptions(input));
  useRealtimeEvent(channels.agent(userId), "ticket.changed", () => {
    void queryClient.invalidateQueries({ queryKey: trpc.ticket.pathKey() });
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-wrap items-end gap-3" data-testid="ticket-filters">
        <div className="w-36 space-y-1">
          <Label htmlFor="filter-status">{t("field.status")}</Label>
          <NativeSelect id="filter-status" value={status} onChange={(e) => filter(setStatus)(e.target.value as Status | "")}>
            <option value="">{t("all")}</option>
            {TICKET_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="w-36 space-y-1">
          <Label htmlFor="filter-priority">{t("field.priority")}</Label>
          <NativeSelect id="filter-priority" value={priority} onChange={(e) => filter(setPriority)(e.target.value as Priority | "")}>
            <option value="">{t("all")}</option>
            {TICKET_PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {t(`priority.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="w-44 space-y-1">
          <Label htmlFor="filter-assignee">{t("field.assignee")}</Label>
          <NativeSelect id="filter-assignee" value={assignee} onChange={(e) => filter(setAssignee)(e.target.value)}>
            <option value="">{t("all")}</option>
            <option value="me">{t("assignedToMe")}</option>
            <option value="none">{t("unassigned")}</option>
            {(assignees.data?.staff ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}（{person.employeeNo}）
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="w-36 space-y-1">
          <Label htmlFor="filter-sort">{t("sortBy")}</Label>
          <NativeSelect id="filter-sort" value={sort} onChange={(e) => filter(setSort)(e.target.value as Sort)}>
            {TICKET_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`sort.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      {list.data && list.data.items.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <Table framed cards>
          <TableHeader>
            <TableRow>
              <TableHead>#</TableHead>
              <TableHead>{t("field.subject")}</TableHead>
              <TableHead>{t("field.status")}</TableHead>
              <TableHead>{t("field.priority")}</TableHead>
              <TableHead>{t("field.assignee")}</TableHead>
              <TableHead>{t("field.dueAt")}</TableHead>
              <TableHead>{t("field.updatedAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data?.items ?? []).map((ticket) => (
              <TableRow key={ticket.id} data-testid="ticket-row" data-ticket-id={ticket.id}>
                <TableCell label="#" className="tabular-nums">
                  {ticket.id}
                </TableCell>
                <TableCell label={t("field.subject")}>
                  <button type="button" className="text-left text-primary-700 hover:underline" onClick={() => setOpenId(ticket.id)}>
                    {ticket.subject}
                  </button>
                </TableCell>
                <TableCell label={t("field.status")}>
                  <TicketStatusBadge status={ticket.status} />
                </TableCell>
                <TableCell label={t("field.priority")}>
                  <TicketPriorityBadge priority={ticket.priority} />
                </TableCell>
                <TableCell label={t("field.assignee")}>{ticket.assignee?.name ?? ticket.team?.name ?? t("unassigned")}</TableCell>
                <TableCell label={t("field.dueAt")}>
                  {ticket.dueAt ? format.dateTime(new Date(ticket.dueAt), { dateStyle: "short", timeStyle: "short" }) : "—"}
                </TableCell>
                <TableCell label={t("field.updatedAt")}>{format.dateTime(new Date(ticket.updatedAt), { dateStyle: "short", timeStyle: "short" })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="flex items-center justify-end gap-3 text-sm text-slate-600">
        <span>{t("pageOf", { page, pages, total: list.data?.total ?? 0 })}</span>
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t("previous")}
        </Button>
        <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t("next")}
        </Button>
      </div>
      {openId !== null ? (
        <TicketDetail id={openId} onClose={() => setOpenId(null)} staff={assignees.data?.staff ?? []} teams={assignees.data?.teams ?? []} />
      ) : null}
    </div>
  );
}
