"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { Checkbox } from "@kefu/ui/checkbox";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { PushToggle } from "~/components/push-toggle";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LoadMore } from "~/components/load-more";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { alertRuleCreateInput } from "~/lib/contracts";
import { numberOrNaN, setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { useAlertText } from "../alert-banner";
import { channels } from "@kefu/api/contracts/realtime";

type Rule = RouterOutputs["alert"]["listRules"][number];
type Metric = Rule["metric"];
const METRICS: Metric[] = ["QUEUE_LENGTH", "LONGEST_WAIT_SECONDS", "AGENTS_ONLINE_BELOW", "CSAT_TODAY_BELOW"];

interface RuleForm {
  metric: Metric;
  threshold: string;
  teamId: number | "";
}

function toRuleInput(form: RuleForm) {
  return { metric: form.metric, threshold: numberOrNaN(form.threshold), teamId: form.teamId === "" ? null : form.teamId };
}

function RuleDialog({ open, rule, onOpenChange }: { open: boolean; rule: Rule | null; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const teams = useQuery(trpc.team.list.queryOptions(undefined, { enabled: open }));
  // a rule's metric and threshold are checked together, also when only one of them changes
  const resolver = useSchemaResolver<RuleForm>(alertRuleCreateInput, toRuleInput);
  const { register, handleSubmit, setError, watch, formState } = useForm<RuleForm>({
    defaultValues: { metric: rule?.metric ?? "QUEUE_LENGTH", threshold: rule ? String(rule.threshold) : "", teamId: rule?.team?.id ?? "" },
    resolver,
  });
  const fieldErrors = formState.errors;
  const metric = watch("metric");
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alert.pathKey() });
    onOpenChange(false);
  };
  const onError = (_error: unknown, fields: Record<string, string>) => setFieldErrors(setError, fields);
  const create = useMutation(trpc.alert.createRule.mutationOptions());
  const update = useMutation(trpc.alert.updateRule.mutationOptions());

  async function onSubmit(form: RuleForm) {
    const input = toRuleInput(form);
    if (rule) await run(() => update.mutateAsync({ id: rule.id, ...input }), { success: t("updated"), onSuccess, onError });
    else await run(() => create.mutateAsync(input), { success: t("created"), onSuccess, onError });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tAll("common.close")}>
        <form className="grid gap-4" noValidate onSubmit={handleSubmit(onSubmit, invalidInput)}>
          <DialogHeader>
            <DialogTitle>{rule ? t("editRule") : t("createRule")}</DialogTitle>
          </DialogHeader>
          <DialogBody>
            <Field label={t("metricLabel")} htmlFor="rule-metric" error={fieldErrors.metric?.message}>
              <NativeSelect {...register("metric")}>
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {t(`metric.${m}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field
              label={t("thresholdLabel")}
              htmlFor="rule-threshold"
              error={fieldErrors.threshold?.message}
              description={t(`thresholdHint.${metric}`)}
              required
            >
              <Input type="number" inputMode="decimal" step={metric === "CSAT_TODAY_BELOW" ? 0.1 : 1} min={0} {...register("threshold")} />
            </Field>
            <Field label={t("teamLabel")} htmlFor="rule-team" error={fieldErrors.teamId?.message}>
              <NativeSelect {...register("teamId", { setValueAs: (value: string | number) => (value === "" ? "" : Number(value)) })}>
                <option value="">{t("allTeams")}</option>
                {teams.data?.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={tAll("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function Rules({ canManage }: { canManage: boolean }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const text = useAlertText();
  const rules = useQuery(trpc.alert.listRules.queryOptions());
  const [editing, setEditing] = useState<Rule | null>(null);
  const [creating, setCreating] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.alert.pathKey() });
  const toggle = useMutation(trpc.alert.updateRule.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.alert.deleteRule.mutationOptions({ onSettled: refresh }));
  useRealtimeEvent(channels.monitor, "alert.triggered", refresh);
  useRealtimeEvent(channels.monitor, "alert.cleared", refresh);

  return (
    <Card>
      <CardHeader
        actions={
          canManage ? (
            <Button size="sm" onClick={() => setCreating(true)}>
              {t("createRule")}
            </Button>
          ) : undefined
        }
      >
        <CardTitle>{t("rules")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        {!canManage ? <p className="text-sm text-slate-500">{t("rulesReadOnly")}</p> : null}
        {rules.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : (rules.data ?? []).length === 0 ? (
          <EmptyState bordered title={t("noRules")} description={t("noRulesHint")} />
        ) : (
          <ul className="grid gap-2" data-testid="alert-rules">
            {rules.data!.map((rule) => (
              <li key={rule.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 p-3" data-rule-id={rule.id}>
                <div className="min-w-0">
                  <div className="font-medium text-slate-900">{text(rule)}</div>
                  <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <span>{rule.team ? rule.team.name : t("allTeams")}</span>
                    {!rule.enabled ? (
                      <Badge variant="neutral">{t("disabled")}</Badge>
                    ) : rule.openEvent ? (
                      <Badge variant="danger">{t("active")}</Badge>
                    ) : (
                      <Badge variant="success">{t("normal")}</Badge>
                    )}
                  </div>
                </div>
                {canManage ? (
                  <div className="flex items-center gap-2">
                    <Switch
                      aria-label={t("enabled")}
                      checked={rule.enabled}
                      disabled={toggle.isPending && toggle.variables.id === rule.id}
                      onCheckedChange={(enabled) => void feedback.run(() => toggle.mutateAsync({ id: rule.id, enabled }), { success: t("updated") })}
                    />
                    <Button size="sm" variant="outline" onClick={() => setEditing(rule)}>
                      {tAll("common.edit")}
                    </Button>
                    <ConfirmDialog
                      title={t("confirmDeleteTitle")}
                      description={t("confirmDeleteBody")}
                      confirmLabel={t("delete")}
                      cancelLabel={tAll("common.cancel")}
                      destructive
                      // a failure closes the dialog too, its toast says why
                      onConfirm={() => feedback.run(() => remove.mutateAsync({ id: rule.id }), { success: t("deleted") })}
                      trigger={
                        <Button size="sm" variant="ghost">
                          {t("delete")}
                        </Button>
                      }
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {canManage ? (
        <RuleDialog
          key={editing?.id ?? (creating ? "new" : "closed")}
          open={creating || editing !== null}
          rule={editing}
          onOpenChange={(open) => {
            if (!open) {
              setCreating(false);
              setEditing(null);
            }
          }}
        />
      ) : null}
    </Card>
  );
}

function History() {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const text = useAlertText();
  const [openOnly, setOpenOnly] = useState(false);
  const list = useInfiniteQuery(trpc.alert.events.infiniteQueryOptions({ limit: 30, openOnly }, { getNextPageParam: (page) => page.nextCursor }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.alert.events.pathKey() });
  useRealtimeEvent(channels.monitor, "alert.acknowledged", refresh);
  const acknowledge = useMutation(
    trpc.alert.acknowledge.mutationOptions({ onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.alert.pathKey() }) }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const when = (date: Date | string) => format.dateTime(new Date(date), { dateStyle: "short", timeStyle: "short" });

  return (
    <Card>
      <CardHeader
        actions={
          <div className="flex items-center gap-2">
            <Checkbox id="alerts-open-only" checked={openOnly} onCheckedChange={(checked) => setOpenOnly(checked === true)} />
            <Label htmlFor="alerts-open-only">{t("openOnly")}</Label>
          </div>
        }
      >
        <CardTitle>{t("history")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        {list.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : rows.length === 0 ? (
          <EmptyState bordered title={t("noHistory")} />
        ) : (
          <ol className="grid gap-2" data-testid="alert-history">
            {rows.map((event) => (
              <li key={event.id} className="grid gap-1 rounded-lg border border-slate-200 p-3 text-sm" data-alert-event-id={event.id}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{text(event.rule, event.value)}</span>
                  {event.clearedAt ? <Badge variant="neutral">{t("clearedAt")}</Badge> : <Badge variant="danger">{t("stillOpen")}</Badge>}
                </div>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-600">
                  <dt>{t("triggeredAt")}</dt>
                  <dd className="tabular-nums">{when(event.triggeredAt)}</dd>
                  {event.clearedAt ? (
                    <>
                      <dt>{t("clearedAt")}</dt>
                      <dd className="tabular-nums">{when(event.clearedAt)}</dd>
                    </>
                  ) : null}
                  <dt>{t("acknowledgement")}</dt>
                  <dd>
                    {event.acknowledgedAt ? (
                      t("acknowledgedBy", { name: event.acknowledgedBy?.name ?? "", time: when(event.acknowledgedAt) })
                    ) : (
                      <span className="inline-flex flex-wrap items-center gap-2">
                        {t("notAcknowledged")}
                        <Button
                          size="sm"
                          variant="outline"
                          className="h-7"
                          loading={acknowledge.isPending && acknowledge.variables.id === event.id}
                          onClick={() => void feedback.run(() => acknowledge.mutateAsync({ id: event.id }), { success: t("acknowledged") })}
                        >
                          {t("acknowledge")}
                        </Button>
                      </span>
                    )}
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
        <LoadMore query={list} />
      </CardContent>
    </Card>
  );
}

export function AlertsView({ canManage }: { canManage: boolean }) {
  const t = useTranslations("alerts");
  return (
    <div className="grid gap-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button size="sm" variant="outline" asChild>
            <Link href="/monitor">{t("back")}</Link>
          </Button>
        }
      />
      <Card>
        <CardContent>
          <PushToggle />
        </CardContent>
      </Card>
      <Rules canManage={canManage} />
      <History />
    </div>
  );
}
