"use client";

import { TEAM_DESCRIPTION_MAX, TEAM_NAME_MAX } from "@kefu/api/contracts/limits";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { teamCreateInput, teamUpdateInput } from "~/lib/contracts";
import { numberOrNaN, setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { TeamRow } from "./team-types";

interface FormState {
  name: string;
  description: string;
  autoAssign: boolean;
  maxQueueLength: string;
  replyTimeoutSeconds: string;
}

const EMPTY: FormState = { name: "", description: "", autoAssign: true, maxQueueLength: "200", replyTimeoutSeconds: "180" };

/** The input the form sends: a new team, or the changes to one. */
function toInput(form: FormState, team: TeamRow | null) {
  const values = {
    name: form.name,
    description: form.description,
    autoAssign: form.autoAssign,
    maxQueueLength: numberOrNaN(form.maxQueueLength),
    replyTimeoutSeconds: numberOrNaN(form.replyTimeoutSeconds),
  };
  return team ? { id: team.id, ...values } : values;
}

export function TeamFormDialog({ team, open, onOpenChange }: { team: TeamRow | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const create = useMutation(trpc.team.create.mutationOptions());
  const update = useMutation(trpc.team.update.mutationOptions());
  const resolver = useSchemaResolver<FormState>(
    team ? teamUpdateInput : teamCreateInput,
    useCallback((form: FormState) => toInput(form, team), [team]),
  );
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;

  useEffect(() => {
    if (!open) return;
    reset(
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
  }, [open, team, reset]);

  async function onSubmit(form: FormState) {
    const feedback = {
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
        onOpenChange(false);
      },
      onError: (_error: unknown, fields: Record<string, string>) => setFieldErrors(setError, fields),
    };
    const input = toInput(form, team);
    if ("id" in input) await run(() => update.mutateAsync(input), { ...feedback, success: t("teams.updated") });
    else await run(() => create.mutateAsync(input), { ...feedback, success: (created) => t("teams.created", { name: created.name }) });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <form onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate>
          <DialogHeader>
            <DialogTitle>{team ? t("teams.edit") : t("teams.create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <LimitedField label={t("teams.name")} htmlFor="team-name" value={watch("name")} max={TEAM_NAME_MAX} error={fieldErrors.name?.message} required>
              <Input {...register("name")} />
            </LimitedField>
            <LimitedField
              label={t("teams.descriptionLabel")}
              htmlFor="team-description"
              value={watch("description")}
              max={TEAM_DESCRIPTION_MAX}
              error={fieldErrors.description?.message}
            >
              <Textarea {...register("description")} />
            </LimitedField>
            <div className="flex items-center justify-between gap-3">
              <div>
                <label htmlFor="team-autoAssign" className="text-sm font-medium">
                  {t("teams.autoAssign")}
                </label>
                <p className="text-sm text-slate-500">{t("teams.autoAssignHint")}</p>
              </div>
              <Controller
                control={control}
                name="autoAssign"
                render={({ field }) => <Switch id="team-autoAssign" checked={field.value} onCheckedChange={field.onChange} />}
              />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("teams.maxQueueLength")} htmlFor="team-maxQueueLength" error={fieldErrors.maxQueueLength?.message}>
                <Input type="number" min={1} max={10000} {...register("maxQueueLength")} />
              </Field>
              <Field
                label={t("teams.replyTimeout")}
                htmlFor="team-replyTimeoutSeconds"
                error={fieldErrors.replyTimeoutSeconds?.message}
                description={t("teams.replyTimeoutHint")}
              >
                <Input type="number" min={30} max={3600} {...register("replyTimeoutSeconds")} />
              </Field>
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
