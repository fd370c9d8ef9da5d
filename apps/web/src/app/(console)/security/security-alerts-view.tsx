"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { EmptyState } from "@kefu/ui/empty-state";
import { Label } from "@kefu/ui/label";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const SEVERITY_BADGE = { LOW: "neutral", MEDIUM: "warning", HIGH: "danger" } as const;

export function SecurityAlertsView() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [openOnly, setOpenOnly] = useState(true);
  const list = useInfiniteQuery(
    trpc.audit.listAlerts.infiniteQueryOptions({ limit: 50, unacknowledgedOnly: openOnly }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const acknowledge = useMutation(
    trpc.audit.acknowledgeAlert.mutationOptions({
      onSettled: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.audit.listAlerts.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.countOpenAlerts.queryKey() });
      },
    }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const typeLabel = (type: string) => (t.has(`security.types.${type}`) ? t(`security.types.${type}` as "security.types.ACCOUNT_LOCKED") : type);

  return (
    <section className="space-y-4">
      <PageHeader
        title={t("security.title")}
        description={t("security.description")}
        actions={
          <div className="flex items-center gap-2">
            <Checkbox id="alerts-open-only" checked={openOnly} onCheckedChange={(checked) => setOpenOnly(checked === true)} />
            <Label htmlFor="alerts-open-only">{t("security.unacknowledgedOnly")}</Label>
          </div>
        }
      />
      <Table framed cards data-testid="security-alerts">
        <TableHeader>
          <TableRow>
            <TableHead>{t("security.time")}</TableHead>
            <TableHead>{t("security.alertType")}</TableHead>
            <TableHead>{t("security.severity")}</TableHead>
            <TableHead>{t("security.user")}</TableHead>
            <TableHead>IP</TableHead>
            <TableHead className="text-right">{t("common.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((alert) => (
            <TableRow key={alert.id}>
              <TableCell label={t("security.time")} className="whitespace-nowrap tabular-nums">
                {format.dateTime(new Date(alert.createdAt), { dateStyle: "short", timeStyle: "medium" })}
              </TableCell>
              <TableCell label={t("security.alertType")}>{typeLabel(alert.type)}</TableCell>
              <TableCell label={t("security.severity")}>
                <Badge variant={SEVERITY_BADGE[alert.severity]}>{t(`security.severities.${alert.severity}`)}</Badge>
              </TableCell>
              <TableCell label={t("security.user")}>{alert.user ? `${alert.user.name} (${alert.user.employeeNo})` : ""}</TableCell>
              <TableCell label={"IP"} className="font-mono text-xs">
                {alert.ip}
              </TableCell>
              <TableCell label={t("common.actions")} className="text-right">
                {alert.acknowledgedAt ? (
                  <span className="text-xs text-slate-500">
                    {t("security.acknowledgedBy", {
                      name: alert.acknowledgedBy?.name ?? "",
                      time: format.dateTime(new Date(alert.acknowledgedAt), { dateStyle: "short", timeStyle: "short" }),
                    })}
                  </span>
                ) : (
                  <Button
                    size="sm"
                    variant="outline"
                    loading={acknowledge.isPending && acknowledge.variables.id === alert.id}
                    onClick={() => void feedback.run(() => acknowledge.mutateAsync({ id: alert.id }), { success: t("security.acknowledged") })}
                  >
                    {t("security.acknowledge")}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!list.isPending && rows.length === 0 ? <EmptyState bordered title={t("security.empty")} description={t("security.emptyHint")} /> : null}
      <LoadMore query={list} />
    </section>
  );
}
