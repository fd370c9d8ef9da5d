"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { Tabs, TabsList, TabsTrigger } from "@kefu/ui/tabs";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const STATUSES = ["DEAD", "PENDING", "RUNNING", "SUCCEEDED"] as const;
type Status = (typeof STATUSES)[number];
const STATUS_BADGE = { DEAD: "danger", PENDING: "info", RUNNING: "warning", SUCCEEDED: "success" } as const;

export function JobsView() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [status, setStatus] = useState<Status>("DEAD");
  const counts = useQuery(trpc.job.counts.queryOptions());
  const list = useInfiniteQuery(trpc.job.list.infiniteQueryOptions({ status, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }));
  const replay = useMutation(trpc.job.replay.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.job.pathKey() }) }));
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-4">
      <PageHeader title={t("jobs.title")} description={t("jobs.description")} />
      <Tabs value={status} onValueChange={(value) => setStatus(value as Status)}>
        <TabsList aria-label={t("jobs.status")}>
          {STATUSES.map((s) => (
            <TabsTrigger key={s} value={s}>
              {t(`jobs.statuses.${s}`)} ({counts.data?.[s] ?? 0})
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
      <Table framed cards>
        <TableHeader>
          <TableRow>
            <TableHead>#</TableHead>
            <TableHead>{t("jobs.type")}</TableHead>
            <TableHead>{t("jobs.status")}</TableHead>
            <TableHead className="text-right">{t("jobs.attempts")}</TableHead>
            <TableHead>{t("jobs.runAt")}</TableHead>
            <TableHead>{t("jobs.lastError")}</TableHead>
            <TableHead className="text-right">{t("common.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((job) => (
            <TableRow key={job.id}>
              <TableCell label={"#"} className="tabular-nums">
                {job.id}
              </TableCell>
              <TableCell label={t("jobs.type")} className="font-mono text-xs">
                {job.type}
              </TableCell>
              <TableCell label={t("jobs.status")}>
                <Badge variant={STATUS_BADGE[job.status]}>{t(`jobs.statuses.${job.status}`)}</Badge>
              </TableCell>
              <TableCell label={t("jobs.attempts")} className="text-right tabular-nums">
                {job.attempts}/{job.maxAttempts}
              </TableCell>
              <TableCell label={t("jobs.runAt")} className="whitespace-nowrap">
                {format.dateTime(new Date(job.runAt), { dateStyle: "short", timeStyle: "medium" })}
              </TableCell>
              <TableCell label={t("jobs.lastError")} className="max-w-80 truncate text-xs" title={job.lastError ?? undefined}>
                {job.lastError}
              </TableCell>
              <TableCell label={t("common.actions")} className="text-right">
                {job.status === "DEAD" ? (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => void feedback.run(() => replay.mutateAsync({ id: job.id }), { success: t("jobs.replayed") })}
                  >
                    {t("jobs.replay")}
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!list.isPending && rows.length === 0 ? <EmptyState bordered title={t("jobs.empty")} /> : null}
      <LoadMore query={list} />
    </div>
  );
}
