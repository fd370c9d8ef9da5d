"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge, type BadgeVariant } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { AutoQaRuleDialog } from "./autoqa-rule-dialog";

export type AutoQaRuleRow = RouterOutputs["qa"]["listAutoQaRules"][number];

export const SEVERITY_BADGE: Record<AutoQaRuleRow["severity"], BadgeVariant> = { LOW: "neutral", MEDIUM: "warning", HIGH: "danger" };

/** 自动质检规则: what every ended conversation is checked against; admins edit and try them. */
export function AutoQaRules({ canManage }: { canManage: boolean }) {
  const t = useTranslations("autoQa");
  const trpc = useTRPC();
  const rules = useQuery(trpc.qa.listAutoQaRules.queryOptions());
  const [editing, setEditing] = useState<AutoQaRuleRow | null>(null);

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <Table framed cards>
        <TableHeader>
          <TableRow>
            <TableHead>{t("fields.name")}</TableHead>
            <TableHead>{t("fields.type")}</TableHead>
            <TableHead>{t("fields.severity")}</TableHead>
            <TableHead className="text-right">{t("fields.points")}</TableHead>
            <TableHead>{t("fields.enabled")}</TableHead>
            <TableHead>
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rules.isPending
            ? Array.from({ length: 4 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={6}>
                    <Skeleton className="h-5 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : (rules.data ?? []).map((rule) => (
                <TableRow key={rule.id} data-rule={rule.key}>
                  <TableCell label={t("fields.name")} className="font-medium text-slate-900">
                    {rule.name}
                  </TableCell>
                  <TableCell label={t("fields.type")} className="whitespace-normal">
                    <div>{t(`types.${rule.type}.name`)}</div>
                    <div className="text-xs text-slate-500">{t(`types.${rule.type}.hint`)}</div>
                  </TableCell>
                  <TableCell label={t("fields.severity")}>
                    <Badge variant={SEVERITY_BADGE[rule.severity]}>{t(`severity.${rule.severity}`)}</Badge>
                  </TableCell>
                  <TableCell label={t("fields.points")} className="text-right tabular-nums">
                    {rule.points}
                  </TableCell>
                  <TableCell label={t("fields.enabled")}>
                    <Badge variant={rule.enabled ? "success" : "neutral"} dot>
                      {rule.enabled ? t("on") : t("off")}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant="outline"
                      onClick={() => setEditing(rule)}
                      aria-label={t(canManage ? "editNamed" : "viewNamed", { name: rule.name })}
                    >
                      {canManage ? t("edit") : t("view")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
      <AutoQaRuleDialog rule={editing} canManage={canManage} onClose={() => setEditing(null)} />
    </div>
  );
}
