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
import { LimitHint, overLimit } from "~/components/limited-field";
import { LoadMore } from "~/components/load-more";
import type { Translate } from "~/lib/validation-text";
import { useTRPC } from "~/trpc/react";
import { actionLabel, detailFields, targetLabel } from "./audit-presentation";

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
  const translate = t as unknown as Translate;
  // an over-long filter is not sent (the server would refuse it): the box says why instead
  const deferredAction = useDeferredValue(overLimit(action.trim(), AUDIT_ACTION_FILTER_MAX) ? "" : action.trim());
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
        <div className="grid gap-1">
          <Input
            aria-label={t("audit.actionFilter")}
            placeholder={t("audit.actionFilter")}
            value={action}
            aria-describedby="audit-action-limit"
            aria-invalid={overLimit(action.trim(), AUDIT_ACTION_FILTER_MAX) > 0 || undefined}
            onChange={(e) => setAction(e.target.value)}
          />
          <LimitHint id="audit-action-limit" value={action.trim()} max={AUDIT_ACTION_FILTER_MAX} />
        </div>
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
                  <TableCell label={t("audit.action")} title={row.action}>
                    {actionLabel(translate, row.action)}
                  </TableCell>
                  <TableCell label={t("audit.target")}>{targetLabel(translate, row.target)}</TableCell>
                  <TableCell label={t("audit.result")}>
                    <Badge variant={RESULT_BADGE[row.result]}>{t(`audit.${row.result}`)}</Badge>
                  </TableCell>
                  <TableCell label={t("audit.ip")} className="text-xs tabular-nums">
                    {row.ip}
                  </TableCell>
                  <TableCell label={t("audit.detail")} className="max-w-96 text-xs">
                    <AuditDetails detail={row.detail} t={translate} rawLabel={t("auditLog.raw")} />
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

/** A row's details as a definition list of labelled fields, with the stored JSON behind a toggle for investigators. */
function AuditDetails({ detail, t, rawLabel }: { detail: unknown; t: Translate; rawLabel: string }) {
  const fields = detailFields(t, detail);
  if (fields.length === 0) return null;
  return (
    <div className="space-y-1">
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        {fields.map((field) => (
          <div key={field.key} className="contents">
            <dt className="text-slate-500">{field.label}</dt>
            <dd className="break-words">{field.value}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary className="cursor-pointer text-slate-500">{rawLabel}</summary>
        <pre className="mt-1 max-w-96 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap">{JSON.stringify(detail, null, 2)}</pre>
      </details>
    </div>
  );
}
