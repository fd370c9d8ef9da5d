"use client";

import { OVERFLOW_QUEUE_MAX, OVERFLOW_WAIT_MAX, OVERFLOW_WAIT_MIN } from "@kefu/api/contracts/routing";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback, type FieldErrors } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { useRoutingIssues } from "./field-issues";
import type { OverflowRow, RoutingOverview } from "./routing-types";

const optionalNumber = (text: string) => (text.trim() === "" ? null : Number(text));

interface OverflowFormProps {
  rule: OverflowRow | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  overview: RoutingOverview;
}

export function OverflowFormDialog({ rule, open, onOpenChange, overview }: OverflowFormProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const routingIssues = useRoutingIssues();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [form, setForm] = useState({ teamId: "", backupTeamId: "", waitSeconds: "", queueLength: "" });
  const save = useMutation(trpc.routing.setOverflow.mutationOptions());

  useEffect(() => {
    if (!open) return;
    setErrors({});
    const free = overview.teams.find((team) => !overview.overflows.some((o) => o.teamId === team.id));
    setForm(
      rule
        ? {
            teamId: String(rule.teamId),
            backupTeamId: String(rule.backupTeamId),
            waitSeconds: rule.waitSeconds === null ? "" : String(rule.waitSeconds),
            queueLength: rule.queueLength === null ? "" : String(rule.queueLength),
          }
        : {
            teamId: String(free?.id ?? ""),
            backupTeamId: String(overview.teams.find((team) => team.id !== free?.id)?.id ?? ""),
            waitSeconds: "300",
            queueLength: "",
          },
    );
  }, [open, rule, overview]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    await run(
      () =>
        save.mutateAsync({
          teamId: Number(form.teamId),
          backupTeamId: Number(form.backupTeamId),
          waitSeconds: optionalNumber(form.waitSeconds),
          queueLength: optionalNumber(form.queueLength),
        }),
      {
        success: t("routingAdmin.overflowSaved"),
        onSuccess: async () => {
          await queryClient.invalidateQueries({ queryKey: trpc.routing.pathKey() });
          onOpenChange(false);
        },
        onError: (error, fields) => setErrors(routingIssues(error, fields)),
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{rule ? t("routingAdmin.editOverflow") : t("routingAdmin.createOverflow")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <p className="text-sm text-slate-600">{t("routingAdmin.overflowExplain")}</p>
            <Field label={t("routingAdmin.overflowTeam")} htmlFor="overflow-team" error={errors.teamId} required>
              <NativeSelect name="teamId" value={form.teamId} disabled={rule !== null} onChange={(e) => setForm({ ...form, teamId: e.target.value })}>
                {overview.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("routingAdmin.backupTeam")} htmlFor="overflow-backup" error={errors.backupTeamId} required>
              <NativeSelect name="backupTeamId" value={form.backupTeamId} onChange={(e) => setForm({ ...form, backupTeamId: e.target.value })}>
                {overview.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t("routingAdmin.waitSeconds")}
                htmlFor="overflow-wait"
                error={errors.waitSeconds}
                description={t("routingAdmin.waitSecondsHint", { min: OVERFLOW_WAIT_MIN })}
              >
                <Input
                  type="number"
                  name="waitSeconds"
                  min={OVERFLOW_WAIT_MIN}
                  max={OVERFLOW_WAIT_MAX}
                  value={form.waitSeconds}
                  onChange={(e) => setForm({ ...form, waitSeconds: e.target.value })}
                />
              </Field>
              <Field label={t("routingAdmin.queueLength")} htmlFor="overflow-queue" error={errors.queueLength} description={t("routingAdmin.queueLengthHint")}>
                <Input
                  type="number"
                  name="queueLength"
                  min={1}
                  max={OVERFLOW_QUEUE_MAX}
                  value={form.queueLength}
                  onChange={(e) => setForm({ ...form, queueLength: e.target.value })}
                />
              </Field>
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={save.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
