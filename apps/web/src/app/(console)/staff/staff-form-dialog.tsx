"use client";

import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { staffCreateInput, staffUpdateInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { FORM_ROLES, type Role, type StaffRow, type Team } from "./staff-types";
import { EMAIL_MAX, EMPLOYEE_NO_MAX, PASSWORD_MAX, PHONE_INPUT_MAX, STAFF_NAME_MAX } from "@kefu/api/contracts/limits";

interface FormState {
  employeeNo: string;
  name: string;
  email: string;
  phone: string;
  role: Role;
  teamIds: number[];
  maxConcurrent: string;
  password: string;
}

const EMPTY: FormState = { employeeNo: "", name: "", email: "", phone: "", role: "AGENT", teamIds: [], maxConcurrent: "5", password: "" };

/** The input the form sends: a new member's (with employee number and password) or the changes to one. */
function toInput(form: FormState, staff: StaffRow | null) {
  const common = {
    name: form.name,
    email: form.email,
    role: form.role,
    teamIds: form.teamIds,
    maxConcurrent: Number(form.maxConcurrent),
    ...(form.phone ? { phone: form.phone } : {}),
  };
  return staff ? { id: staff.id, ...common } : { ...common, employeeNo: form.employeeNo, password: form.password };
}

export function StaffFormDialog({
  open,
  staff,
  teams,
  onOpenChange,
}: {
  open: boolean;
  staff: StaffRow | null;
  teams: Team[];
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const create = useMutation(trpc.user.create.mutationOptions());
  const update = useMutation(trpc.user.update.mutationOptions());
  const resolver = useSchemaResolver<FormState>(
    staff ? staffUpdateInput : staffCreateInput,
    useCallback((form: FormState) => toInput(form, staff), [staff]),
  );
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;

  useEffect(() => {
    if (!open) return;
    reset(
      staff
        ? {
            ...EMPTY,
            employeeNo: staff.employeeNo,
            name: staff.name,
            email: staff.email,
            role: staff.role,
            teamIds: staff.teams.map((m) => m.team.id),
            maxConcurrent: String(staff.maxConcurrent),
          }
        : EMPTY,
    );
  }, [open, staff, reset]);

  async function onSubmit(form: FormState) {
    const feedback = {
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
        onOpenChange(false);
      },
      onError: (_error: unknown, fields: Record<string, string>) => setFieldErrors(setError, fields),
    };
    const input = toInput(form, staff);
    if ("id" in input) await run(() => update.mutateAsync(input), { ...feedback, success: t("staff.updated") });
    else await run(() => create.mutateAsync(input), { ...feedback, success: (created) => t("staff.created", { name: created.name }) });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")} size="lg">
        <form onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate>
          <DialogHeader>
            <DialogTitle>{staff ? t("staff.edit") : t("staff.create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="grid gap-4 sm:grid-cols-2">
            <LimitedField
              label={t("staff.employeeNo")}
              htmlFor="staff-employeeNo"
              error={fieldErrors.employeeNo?.message}
              required
              value={watch("employeeNo")}
              max={EMPLOYEE_NO_MAX}
            >
              <Input {...register("employeeNo")} disabled={Boolean(staff)} />
            </LimitedField>
            <LimitedField label={t("staff.name")} htmlFor="staff-name" error={fieldErrors.name?.message} required value={watch("name")} max={STAFF_NAME_MAX}>
              <Input {...register("name")} />
            </LimitedField>
            <LimitedField label={t("staff.email")} htmlFor="staff-email" error={fieldErrors.email?.message} required value={watch("email")} max={EMAIL_MAX}>
              <Input {...register("email")} type="email" />
            </LimitedField>
            <LimitedField
              label={t("staff.phone")}
              htmlFor="staff-phone"
              error={fieldErrors.phone?.message}
              description={staff?.phoneLast4 ? `****${staff.phoneLast4} · ${t("staff.phoneHint")}` : t("staff.phoneHint")}
              value={watch("phone")}
              max={PHONE_INPUT_MAX}
            >
              <Input {...register("phone")} type="tel" inputMode="tel" />
            </LimitedField>
            <Field label={t("staff.role")} htmlFor="staff-role" error={fieldErrors.role?.message} required>
              <NativeSelect {...register("role")}>
                {FORM_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field
              label={t("staff.maxConcurrent")}
              htmlFor="staff-maxConcurrent"
              error={fieldErrors.maxConcurrent?.message}
              description={t("staff.maxConcurrentHint")}
              required
            >
              <Input {...register("maxConcurrent")} type="number" min={1} max={50} />
            </Field>
            {staff ? null : (
              <LimitedField
                label={t("staff.initialPassword")}
                htmlFor="staff-password"
                error={fieldErrors.password?.message}
                description={t("staff.initialPasswordHint")}
                required
                className="sm:col-span-2"
                value={watch("password")}
                max={PASSWORD_MAX}
              >
                <Input {...register("password")} type="password" autoComplete="new-password" />
              </LimitedField>
            )}
            <fieldset className="sm:col-span-2">
              <legend className="mb-2 text-sm font-medium">{t("staff.teams")}</legend>
              {fieldErrors.teamIds?.message ? <p className="mb-2 text-sm text-red-600">{fieldErrors.teamIds.message}</p> : null}
              <Controller
                control={control}
                name="teamIds"
                render={({ field }) => (
                  <div className="grid gap-2 sm:grid-cols-2">
                    {teams.map((team) => (
                      <div key={team.id} className="flex items-center gap-2">
                        <Checkbox
                          id={`team-${team.id}`}
                          checked={field.value.includes(team.id)}
                          onCheckedChange={(checked) => field.onChange(checked === true ? [...field.value, team.id] : field.value.filter((x) => x !== team.id))}
                        />
                        <Label htmlFor={`team-${team.id}`}>{team.name}</Label>
                      </div>
                    ))}
                  </div>
                )}
              />
            </fieldset>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
