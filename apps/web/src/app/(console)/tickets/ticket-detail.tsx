"use client";

import { TICKET_PRIORITIES, TICKET_STATUSES } from "@kefu/api/contracts/ticket";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { TicketStatusBadge } from "~/components/tickets/ticket-badges";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

interface Props {
  id: number;
  onClose: () => void;
  staff: { id: number; name: string; employeeNo: string }[];
  teams: { id: number; name: string }[];
}

/** `YYYY-MM-DDTHH:mm` in local time, what a datetime-local input holds. */
function localInput(value: Date | string | null): string {
  if (!value) return "";
  const date = new Date(value);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function TicketDetail({ id, onClose, staff, teams }: Props) {
  const t = useTranslations("tickets");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const detail = useQuery(trpc.ticket.get.queryOptions({ id }));
  const update = useMutation(trpc.ticket.update.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.ticket.pathKey() }) }));
  const change = (patch: {
    status?: (typeof TICKET_STATUSES)[number];
    priority?: (typeof TICKET_PRIORITIES)[number];
    assigneeId?: number | null;
    teamId?: number | null;
    dueAt?: string | null;
  }) => void feedback.run(() => update.mutateAsync({ id, ...patch }), { success: t("saved") });
  const ticket = detail.data;
  const historyValue = (field: string, value: string | null) => {
    if (value === null) return "—";
    if (field === "status" || field === "created") return t(`status.${value as "OPEN"}`);
    if (field === "priority") return t(`priority.${value as "LOW"}`);
    if (field === "assigneeId") return staff.find((person) => String(person.id) === value)?.name ?? `#${value}`;
    if (field === "teamId") return teams.find((team) => String(team.id) === value)?.name ?? `#${value}`;
    if (field === "dueAt") return format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "short" });
    return value;
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent size="lg" closeLabel={t("close")} data-testid="ticket-detail">
        <DialogHeader>
          <DialogTitle>{ticket ? `#${ticket.id} ${ticket.subject}` : t("loading")}</DialogTitle>
          <DialogDescription>
            {ticket
              ? t("createdBy", { name: ticket.createdBy.name, at: format.dateTime(new Date(ticket.createdAt), { dateStyle: "short", timeStyle: "short" }) })
              : ""}
          </DialogDescription>
        </DialogHeader>
        {ticket ? (
          <DialogBody className="space-y-4 text-sm">
            <div className="flex items-center gap-2">
              <TicketStatusBadge status={ticket.status} />
              <span className="text-slate-500">{t(`type.${ticket.type}`)}</span>
              {ticket.ticketSystem ? (
                <span className="text-slate-500" data-testid="ticket-sync">
                  {ticket.ticketSystem.name} · {t(`sync.${ticket.syncStatus}`)}
                  {ticket.externalUrl ? (
                    <>
                      {" · "}
                      <a href={ticket.externalUrl} target="_blank" rel="noreferrer noopener" className="text-primary-700 hover:underline">
                        {ticket.externalId}
                      </a>
                    </>
                  ) : null}
                </span>
              ) : null}
            </div>
            {ticket.syncError ? <p className="text-red-600">{ticket.syncError}</p> : null}
            <p className="whitespace-pre-wrap text-slate-800">{ticket.description}</p>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              <div className="space-y-1">
                <Label htmlFor="ticket-status">{t("field.status")}</Label>
                <NativeSelect id="ticket-status" value={ticket.status} onChange={(e) => change({ status: e.target.value as (typeof TICKET_STATUSES)[number] })}>
                  {TICKET_STATUSES.map((value) => (
                    <option key={value} value={value}>
                      {t(`status.${value}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="space-y-1">
                <Label htmlFor="ticket-priority-edit">{t("field.priority")}</Label>
                <NativeSelect
                  id="ticket-priority-edit"
                  value={ticket.priority}
                  onChange={(e) => change({ priority: e.target.value as (typeof TICKET_PRIORITIES)[number] })}
                >
                  {TICKET_PRIORITIES.map((value) => (
                    <option key={value} value={value}>
                      {t(`priority.${value}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="space-y-1">
                <Label htmlFor="ticket-assignee">{t("field.assignee")}</Label>
                <NativeSelect
                  id="ticket-assignee"
                  value={ticket.assignee?.id ?? ""}
                  onChange={(e) => change({ assigneeId: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">{t("unassigned")}</option>
                  {staff.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}（{person.employeeNo}）
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="space-y-1">
                <Label htmlFor="ticket-team-edit">{t("field.team")}</Label>
                <NativeSelect
                  id="ticket-team-edit"
                  value={ticket.team?.id ?? ""}
                  onChange={(e) => change({ teamId: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">{t("none")}</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="space-y-1">
                <Label htmlFor="ticket-due">{t("field.dueAt")}</Label>
                <Input
                  id="ticket-due"
                  type="datetime-local"
                  key={localInput(ticket.dueAt)}
                  defaultValue={localInput(ticket.dueAt)}
                  onBlur={(e) => {
                    const next = e.target.value ? new Date(e.target.value).toISOString() : null;
                    if (localInput(next) !== localInput(ticket.dueAt)) change({ dueAt: next });
                  }}
                />
              </div>
            </div>
            {Object.keys(ticket.customFields).length > 0 ? (
              <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
                {Object.entries(ticket.customFields).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-slate-500">{key}</dt>
                    <dd className="text-slate-900">{value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {ticket.conversationIds.length > 0 ? (
              <p>
                {t("conversations")}{" "}
                {ticket.conversationIds.map((conversationId) => (
                  <Link key={conversationId} href={`/workspace/c/${conversationId}`} className="mr-2 text-primary-700 hover:underline">
                    #{conversationId}
                  </Link>
                ))}
              </p>
            ) : null}
            <section>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("history")}</h3>
              <ol className="space-y-1" data-testid="ticket-history">
                {ticket.history.map((line) => (
                  <li key={line.id} className="text-slate-700">
                    <span className="text-slate-500">{format.dateTime(new Date(line.createdAt), { dateStyle: "short", timeStyle: "short" })}</span>{" "}
                    {line.actor?.name ?? t("externalSystem")}:{" "}
                    {line.field === "created"
                      ? t("historyCreated")
                      : t("historyChanged", {
                          field: t.has(`historyField.${line.field}`) ? t(`historyField.${line.field as "status"}`) : line.field,
                          from: historyValue(line.field, line.fromValue),
                          to: historyValue(line.field, line.toValue),
                        })}
                  </li>
                ))}
              </ol>
            </section>
          </DialogBody>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
