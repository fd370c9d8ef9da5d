"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@kefu/ui/card";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Field } from "@kefu/ui/field";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { OverflowFormDialog } from "./overflow-form-dialog";
import { RuleFormDialog } from "./rule-form-dialog";
import type { OverflowRow, RoutingOverview, RoutingRuleRow } from "./routing-types";

export function RoutingAdmin({ canManage }: { canManage: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const overview = useQuery(trpc.routing.overview.queryOptions());

  return (
    <div className="space-y-4">
      <PageHeader title={t("routingAdmin.title")} description={t("routingAdmin.description")} />
      {overview.data ? (
        <>
          <SettingsCard overview={overview.data} canManage={canManage} />
          <RulesCard overview={overview.data} canManage={canManage} />
          <OverflowCard overview={overview.data} canManage={canManage} />
        </>
      ) : (
        <div className="space-y-4">
          <Skeleton className="h-32" />
          <Skeleton className="h-64" />
        </div>
      )}
    </div>
  );
}

interface SectionProps {
  overview: RoutingOverview;
  canManage: boolean;
}

function SettingsCard({ overview, canManage }: SectionProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback();
  const [form, setForm] = useState({ defaultTeamId: "", intentMenu: false });
  const save = useMutation(trpc.routing.updateSettings.mutationOptions());
  useEffect(() => {
    setForm({
      defaultTeamId: overview.settings.defaultTeamId === null ? "" : String(overview.settings.defaultTeamId),
      intentMenu: overview.settings.intentMenu,
    });
  }, [overview.settings]);

  const onSave = () =>
    run(() => save.mutateAsync({ defaultTeamId: form.defaultTeamId ? Number(form.defaultTeamId) : null, intentMenu: form.intentMenu }), {
      success: t("routingAdmin.settingsSaved"),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.routing.pathKey() }),
    });

  return (
    <Card data-testid="routing-settings">
      <CardHeader
        actions={
          canManage ? (
            <Button size="sm" onClick={() => void onSave()} loading={save.isPending}>
              {t("common.save")}
            </Button>
          ) : null
        }
      >
        <CardTitle>{t("routingAdmin.settingsTitle")}</CardTitle>
        <CardDescription>{t("routingAdmin.order")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("routingAdmin.defaultTeam")}
          htmlFor="routing-default-team"
          error={fieldErrors.defaultTeamId}
          description={t("routingAdmin.defaultTeamHint")}
        >
          <NativeSelect disabled={!canManage} value={form.defaultTeamId} onChange={(e) => setForm({ ...form, defaultTeamId: e.target.value })}>
            <option value="">{t("routingAdmin.anyTeam")}</option>
            {overview.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <div className="flex items-start justify-between gap-3">
          <div>
            <label htmlFor="routing-intent-menu" className="text-sm font-medium">
              {t("routingAdmin.intentMenu")}
            </label>
            <p className="text-sm text-slate-500">{t("routingAdmin.intentMenuHint")}</p>
          </div>
          <Switch
            id="routing-intent-menu"
            disabled={!canManage}
            checked={form.intentMenu}
            onCheckedChange={(checked) => setForm({ ...form, intentMenu: checked })}
          />
        </div>
      </CardContent>
    </Card>
  );
}

function RulesCard({ overview, canManage }: SectionProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [editing, setEditing] = useState<RoutingRuleRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<RoutingRuleRow | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.routing.pathKey() });
  const reorder = useMutation(trpc.routing.reorderRules.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.routing.deleteRule.mutationOptions({ onSettled: invalidate }));

  const move = (index: number, by: -1 | 1) => {
    const ids = overview.rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    void feedback.run(() => reorder.mutateAsync({ ids }));
  };

  return (
    <Card>
      <CardHeader actions={canManage ? <Button onClick={() => setEditing("new")}>{t("routingAdmin.createRule")}</Button> : null}>
        <CardTitle>{t("routingAdmin.rulesTitle")}</CardTitle>
        <CardDescription>{t("routingAdmin.rulesHint")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Table data-testid="routing-rules">
          <TableHeader>
            <TableRow>
              <TableHead className="w-12">#</TableHead>
              <TableHead>{t("routingAdmin.ruleName")}</TableHead>
              <TableHead>{t("routingAdmin.team")}</TableHead>
              <TableHead>{t("routingAdmin.matches")}</TableHead>
              {canManage ? <TableHead className="text-right">{t("common.actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.rules.length === 0 ? (
              <TableEmpty colSpan={canManage ? 5 : 4}>{t("routingAdmin.noRules")}</TableEmpty>
            ) : (
              overview.rules.map((rule, index) => (
                <TableRow key={rule.id} data-rule={rule.name}>
                  <TableCell>{index + 1}</TableCell>
                  <TableCell>
                    <div className="font-medium">{rule.name}</div>
                    {rule.showInMenu && overview.settings.intentMenu ? <Badge variant="info">{t("routingAdmin.inMenu")}</Badge> : null}
                  </TableCell>
                  <TableCell>{rule.team.name}</TableCell>
                  <TableCell className="space-y-1">
                    <div className="flex flex-wrap gap-1">
                      {rule.keywords.map((keyword) => (
                        <Badge key={keyword}>{keyword}</Badge>
                      ))}
                    </div>
                    {rule.categories.length ? (
                      <p className="text-sm text-slate-500">{t("routingAdmin.categoryList", { names: rule.categories.map((c) => c.name).join("、") })}</p>
                    ) : null}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={index === 0 || reorder.isPending}
                        onClick={() => move(index, -1)}
                        aria-label={t("routingAdmin.moveUp", { name: rule.name })}
                      >
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={index === overview.rules.length - 1 || reorder.isPending}
                        onClick={() => move(index, 1)}
                        aria-label={t("routingAdmin.moveDown", { name: rule.name })}
                      >
                        ↓
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setEditing(rule)}>
                        {t("common.edit")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(rule)}>
                        {t("common.delete")}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
      {canManage ? (
        <>
          <RuleFormDialog
            rule={editing === "new" ? null : editing}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
            overview={overview}
          />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(open) => !open && setDeleting(null)}
            title={t("routingAdmin.confirmDeleteRule", { name: deleting?.name ?? "" })}
            description={t("routingAdmin.confirmDeleteRuleBody")}
            confirmLabel={t("common.delete")}
            cancelLabel={t("common.cancel")}
            destructive
            onConfirm={() => feedback.confirm(() => remove.mutateAsync({ id: deleting!.id }), { success: t("routingAdmin.ruleDeleted") })}
          />
        </>
      ) : null}
    </Card>
  );
}

function OverflowCard({ overview, canManage }: SectionProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [editing, setEditing] = useState<OverflowRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<OverflowRow | null>(null);
  const remove = useMutation(
    trpc.routing.deleteOverflow.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.routing.pathKey() }) }),
  );
  const everyTeamHasOne = overview.teams.every((team) => overview.overflows.some((o) => o.teamId === team.id));

  return (
    <Card>
      <CardHeader
        actions={
          canManage && !everyTeamHasOne && overview.teams.length > 1 ? (
            <Button onClick={() => setEditing("new")}>{t("routingAdmin.createOverflow")}</Button>
          ) : null
        }
      >
        <CardTitle>{t("routingAdmin.overflowTitle")}</CardTitle>
        <CardDescription>{t("routingAdmin.overflowExplain")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Table data-testid="routing-overflows">
          <TableHeader>
            <TableRow>
              <TableHead>{t("routingAdmin.overflowTeam")}</TableHead>
              <TableHead>{t("routingAdmin.backupTeam")}</TableHead>
              <TableHead>{t("routingAdmin.when")}</TableHead>
              {canManage ? <TableHead className="text-right">{t("common.actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.overflows.length === 0 ? (
              <TableEmpty colSpan={canManage ? 4 : 3}>{t("routingAdmin.noOverflows")}</TableEmpty>
            ) : (
              overview.overflows.map((rule) => (
                <TableRow key={rule.teamId} data-overflow={rule.teamName}>
                  <TableCell className="font-medium">{rule.teamName}</TableCell>
                  <TableCell>{rule.backupTeamName}</TableCell>
                  <TableCell>
                    {[
                      rule.waitSeconds !== null ? t("routingAdmin.whenWait", { seconds: rule.waitSeconds }) : null,
                      rule.queueLength !== null ? t("routingAdmin.whenQueue", { count: rule.queueLength }) : null,
                    ]
                      .filter(Boolean)
                      .join(t("routingAdmin.or"))}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setEditing(rule)}>
                        {t("common.edit")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(rule)}>
                        {t("common.delete")}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
      {canManage ? (
        <>
          <OverflowFormDialog
            rule={editing === "new" ? null : editing}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
            overview={overview}
          />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(open) => !open && setDeleting(null)}
            title={t("routingAdmin.confirmDeleteOverflow", { name: deleting?.teamName ?? "" })}
            description={t("routingAdmin.confirmDeleteOverflowBody")}
            confirmLabel={t("common.delete")}
            cancelLabel={t("common.cancel")}
            destructive
            onConfirm={() => feedback.confirm(() => remove.mutateAsync({ teamId: deleting!.teamId }), { success: t("routingAdmin.overflowDeleted") })}
          />
        </>
      ) : null}
    </Card>
  );
}
