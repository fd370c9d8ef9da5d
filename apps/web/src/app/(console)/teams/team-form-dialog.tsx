"use client";

import { TEAM_DESCRIPTION_MAX, TEAM_NAME_MAX } from "@kefu/api/contracts/limits";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { TeamRow } from "./team-types";

const EMPTY = { name: "", description: "", autoAssign: true, maxQueueLength: "200", replyTimeoutSeconds: "180" };

export function TeamFormDialog({ team, open, onOpenChange }: { team: TeamRow | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors, resetFieldErrors } = useMutationFeedback();
  const [form, setForm] = useState(EMPTY);
  const create = useMutation(trpc.team.create.mutationOptions());
  const update = useMutation(trpc.team.update.mutationOptions());

  useEffect(() => {
    if (!open) return;
    resetFieldErrors();
    setForm(
      team
        ? {
            name: team.name,
            description: team.description ?? "",
            autoAssign: team.autoAssign,
            maxQueueLength: String(team.maxQueueLength),
            replyTimeoutSeconds: String(team.replyTimeoutSeconds),
          }
        : EMPTY,
    );
  }, [open, team, resetFieldErrors]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = {
      name: form.name,
      description: form.description,
      autoAssign: form.autoAssign,
      maxQueueLength: Number(form.maxQueueLength),
      replyTimeoutSeconds: Number(form.replyTimeoutSeconds),
    };
    const onSuccess = async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
      onOpenChange(false);
    };
    if (team) await run(() => update.mutateAsync({ id: team.id, ...values }), { success: t("teams.updated"), onSuccess });
    else await run(() => create.mutateAsync(values), { success: (created) => t("teams.created", { name: created.name }), onSuccess });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{team ? t("teams.edit") : t("teams.create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <Field label={t("teams.name")} htmlFor="team-name" error={fieldErrors.name} required>
              <Input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={TEAM_NAME_MAX} />
            </Field>
            <Field label={t("teams.descriptionLabel")} htmlFor="team-description" error={fieldErrors.description}>
              <Textarea
                name="description"
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
                maxLength={TEAM_DESCRIPTION_MAX}
              />
            </Field>
            <div className="flex items-center justify-between gap-3">
              <div>
                <label htmlFor="team-autoAssign" className="text-sm font-medium">
                  {t("teams.autoAssign")}
                </label>
                <p className="text-sm text-slate-500">{t("teams.autoAssignHint")}</p>
              </div>
              <Switch id="team-autoAssign" checked={form.autoAssign} onCheckedChange={(checked) => setForm({ ...form, autoAssign: checked })} />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("teams.maxQueueLength")} htmlFor="team-maxQueueLength" error={fieldErrors.maxQueueLength}>
                <Input type="number" min={1} max={10000} value={form.maxQueueLength} onChange={(e) => setForm({ ...form, maxQueueLength: e.target.value })} />
              </Field>
              <Field
                label={t("teams.replyTimeout")}
                htmlFor="team-replyTimeoutSeconds"
                error={fieldErrors.replyTimeoutSeconds}
                description={t("teams.replyTimeoutHint")}
              >
                <Input
                  type="number"
                  min={30}
                  max={3600}
                  value={form.replyTimeoutSeconds}
                  onChange={(e) => setForm({ ...form, replyTimeoutSeconds: e.target.value })}
                />
              </Field>
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
