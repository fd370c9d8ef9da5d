"use client";

import { AUDIT_ACTION_FILTER_MAX } from "@kefu/api/contracts/limits";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useTRPC } from "~/trpc/react";

type Result = "SUCCESS" | "FAILURE" | "DENIED";
const RESULT_BADGE = { SUCCESS: "success", FAILURE: "warning", DENIED: "danger" } as const;

export function AuditLogView() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [result, setResult] = useState<Result | "">("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const deferredAction = useDeferredValue(action.trim());
  const filters = {
    limit: 50,
    ...(deferredAction ? { action: deferredAction } : {}),
    ...(result ? { result } : {}),
    ...(from ? { from: new Date(from) } : {}),
    ...(to ? { to: new Date(to) } : {}),
  };
  const list = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const verify = useQuery({ ...trpc.audit.verifyChain.queryOptions(), enabled: false });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          <Button variant="outline" loading={verify.isFetching} onClick={() => void verify.refetch()}>
            {verify.isFetching ? t("audit.verifying") : t("audit.verify")}
          </Button>
        }
      />
      {verify.data ? (
        <p
          role="status"
          data-testid="chain-verdict"
          className={verify.data.ok ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" : "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"}
        >
          {verify.data.ok ? t("audit.chainOk", { rows: verify.data.rows }) : t("audit.chainBroken", { id: verify.data.brokenAtId, reason: verify.data.reason })}
        </p>
      ) : null}
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        <Input
          aria-label={t("audit.actionFilter")}
          placeholder={t("audit.actionFilter")}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          maxLength={AUDIT_ACTION_FILTER_MAX}
        />
        <NativeSelect aria-label={t("audit.result")} value={result} onChange={(e) => setResult(e.target.value as Result | "")}>
          <option value="">{t("audit.allResults")}</option>
          {(["SUCCESS", "FAILURE", "DENIED"] as const).map((r) => (
            <option key={r} value={r}>
              {t(`audit.${r}`)}
            </option>
          ))}
        </NativeSelect>
        <Input type="datetime-local" aria-label={t("audit.from")} value={from} onChange={(e) => setFrom(e.target.value)} />
        <Input type="datetime-local" aria-label={t("audit.to")} value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <Table framed cards>
        <TableHeader>
          <TableRow>
            <TableHead>{t("audit.time")}</TableHead>
            <TableHead>{t("audit.actor")}</TableHead>
            <TableHead>{t("audit.action")}</TableHead>
            <TableHead>{t("audit.target")}</TableHead>
            <TableHead>{t("audit.result")}</TableHead>
            <TableHead>{t("audit.ip")}</TableHead>
            <TableHead>{t("audit.detail")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isPending
            ? Array.from({ length: 8 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={7}>
                    <Skeleton className="h-5 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell label={t("audit.time")} className="whitespace-nowrap tabular-nums">
                    {format.dateTime(new Date(row.createdAt), { dateStyle: "short", timeStyle: "medium" })}
                  </TableCell>
                  <TableCell label={t("audit.actor")}>
                    {row.actor
                      ? `${row.actor.name} (${row.actor.employeeNo})`
                      : row.actorLabel === "system"
                        ? t("audit.system")
                        : (row.actorLabel ?? t("audit.anonymous"))}
                  </TableCell>
                  <TableCell label={t("audit.action")} className="font-mono text-xs">
                    {row.action}
                  </TableCell>
                  <TableCell label={t("audit.target")} className="text-xs">
                    {row.targetType ? `${row.targetType}#${row.targetId ?? ""}` : ""}
                  </TableCell>
                  <TableCell label={t("audit.result")}>
                    <Badge variant={RESULT_BADGE[row.result]}>{t(`audit.${row.result}`)}</Badge>
                  </TableCell>
                  <TableCell label={t("audit.ip")} className="font-mono text-xs">
                    {row.ip}
                  </TableCell>
                  <TableCell
                    label={t("audit.detail")}
                    className="max-w-72 truncate font-mono text-xs"
                    title={row.detail ? JSON.stringify(row.detail) : undefined}
                  >
                    {row.detail ? JSON.stringify(row.detail) : ""}
                  </TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
      {!list.isPending && rows.length === 0 ? <EmptyState bordered title={t("audit.empty")} /> : null}
      <LoadMore query={list} />
    </div>
  );
}
