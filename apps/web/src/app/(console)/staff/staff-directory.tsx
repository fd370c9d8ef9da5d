"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { LimitedInput, withinLimit } from "~/components/limited-field";
import { LoadMore } from "~/components/load-more";
import { PRESENCE_BADGE } from "~/lib/badges";
import { useTRPC } from "~/trpc/react";
import { StaffActions } from "./staff-actions";
import { StaffFormDialog } from "./staff-form-dialog";
import { ROLES, type Role, type StaffRow, type StaffStatus as Status } from "./staff-types";
import { STAFF_SEARCH_MAX } from "@kefu/api/contracts/limits";

export function StaffDirectory({ canManage, currentUserId }: { canManage: boolean; currentUserId: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [teamId, setTeamId] = useState<number | "">("");
  const [status, setStatus] = useState<Status | "">("");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffRow | null>(null);
  const deferredSearch = useDeferredValue(withinLimit(search.trim(), STAFF_SEARCH_MAX));

  const teams = useQuery(trpc.team.list.queryOptions());
  const filters = {
    limit: 50,
    ...(deferredSearch ? { search: deferredSearch } : {}),
    ...(role ? { role } : {}),
    ...(teamId ? { teamId } : {}),
    ...(status ? { status } : {}),
  };
  const list = useInfiniteQuery(trpc.user.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const now = Date.now();

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("staff.title")}
        description={canManage ? t("staff.description") : t("staff.readOnly")}
        actions={canManage ? <Button onClick={() => setCreating(true)}>{t("staff.create")}</Button> : null}
      />
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" role="search">
        <LimitedInput
          type="search"
          aria-label={t("common.search")}
          placeholder={t("staff.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          max={STAFF_SEARCH_MAX}
          hintId="staff-search-limit"
        />
        <NativeSelect aria-label={t("staff.role")} value={role} onChange={(e) => setRole(e.target.value as Role | "")}>
          <option value="">{t("staff.allRoles")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("staff.teams")} value={teamId} onChange={(e) => setTeamId(e.target.value ? Number(e.target.value) : "")}>
          <option value="">{t("staff.allTeams")}</option>
          {teams.data?.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("staff.status")} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
          <option value="">{t("staff.allStatuses")}</option>
          <option value="active">{t("staff.active")}</option>
          <option value="disabled">{t("staff.disabled")}</option>
          <option value="locked">{t("staff.locked")}</option>
        </NativeSelect>
      </div>

      <Table framed cards data-testid="staff-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("staff.employeeNo")}</TableHead>
            <TableHead>{t("staff.name")}</TableHead>
            <TableHead>{t("staff.role")}</TableHead>
            <TableHead>{t("staff.teams")}</TableHead>
            <TableHead className="text-right">{t("staff.maxConcurrent")}</TableHead>
            <TableHead>{t("staff.status")}</TableHead>
            <TableHead>{t("staff.lastSeen")}</TableHead>
            {canManage ? <TableHead className="text-right">{t("common.actions")}</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isPending
            ? Array.from({ length: 6 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={canManage ? 8 : 7}>
                    <Skeleton className="h-5 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : rows.map((row) => {
                const locked = row.lockedUntil && new Date(row.lockedUntil).getTime() > now;
                return (
                  <TableRow key={row.id} data-employee-no={row.employeeNo}>
                    <TableCell label={t("staff.employeeNo")} className="font-mono">
                      {row.employeeNo}
                    </TableCell>
                    <TableCell label={t("staff.name")}>
                      <div className="font-medium">{row.name}</div>
                      <div className="text-xs text-slate-500">{row.email}</div>
                    </TableCell>
                    <TableCell label={t("staff.role")}>{t(`roles.${row.role}`)}</TableCell>
                    <TableCell label={t("staff.teams")} className="max-w-48">
                      {row.teams.length ? (
                        row.teams.map((m) => m.team.name + (m.isLead ? `(${t("staff.lead")})` : "")).join("、")
                      ) : (
                        <span className="text-slate-400">{t("staff.noTeam")}</span>
                      )}
                    </TableCell>
                    <TableCell label={t("staff.maxConcurrent")} className="text-right tabular-nums">
                      {row.maxConcurrent}
                    </TableCell>
                    <TableCell label={t("staff.status")}>
                      {row.disabledAt ? (
                        <Badge variant="neutral">{t("staff.disabled")}</Badge>
                      ) : locked ? (
                        <Badge variant="danger" title={t("staff.lockedUntil", { time: format.dateTime(new Date(row.lockedUntil!), { timeStyle: "short" }) })}>
                          {t("staff.locked")}
                        </Badge>
                      ) : (
                        <Badge variant={PRESENCE_BADGE[row.presence]} dot>
                          {t(`presence.${row.presence}`)}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell label={t("staff.lastSeen")} className="whitespace-nowrap text-slate-500">
                      {row.lastSeenAt ? format.relativeTime(new Date(row.lastSeenAt), now) : t("common.never")}
                    </TableCell>
                    {canManage ? (
                      <TableCell label={t("common.actions")} className="text-right">
                        <StaffActions row={row} isSelf={row.id === currentUserId} locked={Boolean(locked)} onEdit={() => setEditing(row)} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
        </TableBody>
      </Table>
      {!list.isPending && rows.length === 0 ? (
        <EmptyState
          bordered
          title={t("staff.empty")}
          description={t("staff.emptyHint")}
          action={canManage ? <Button onClick={() => setCreating(true)}>{t("staff.create")}</Button> : undefined}
        />
      ) : null}
      <LoadMore query={list} />

      {canManage ? (
        <StaffFormDialog
          open={creating || editing !== null}
          staff={editing}
          teams={teams.data ?? []}
          onOpenChange={(open) => {
            if (!open) {
              setCreating(false);
              setEditing(null);
            }
          }}
        />
      ) : null}
    </div>
  );
}
