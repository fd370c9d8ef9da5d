"use client";

import { CUSTOMER_CITY_MAX, CUSTOMER_EXTERNAL_ID_MAX, CUSTOMER_NAME_EDIT_MAX, ID_NUMBER_MAX } from "@kefu/api/contracts/customer-profile";
import { EMAIL_MAX, PHONE_INPUT_MAX } from "@kefu/api/contracts/limits";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";
import { useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { customerProfileUpdateInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { CustomerProfileData } from "./customer-profile-view";

interface FormState {
  name: string;
  email: string;
  phone: string;
  idNumber: string;
  level: "NORMAL" | "VIP" | "SVIP";
  ownerTeamId: string;
  city: string;
  externalId: string;
}

/** Protected fields are never sent to the browser: their boxes start empty and an empty box keeps what is stored. */
function toInput(form: FormState, id: number) {
  return {
    id,
    name: form.name,
    email: form.email,
    level: form.level,
    ownerTeamId: form.ownerTeamId ? Number(form.ownerTeamId) : null,
    city: form.city,
    externalId: form.externalId,
    ...(form.phone.trim() ? { phone: form.phone } : {}),
    ...(form.idNumber.trim() ? { idNumber: form.idNumber } : {}),
  };
}

function formOf(profile: CustomerProfileData): FormState {
  return {
    name: profile.name,
    email: profile.email ?? "",
    phone: "",
    idNumber: "",
    level: profile.level,
    ownerTeamId: profile.ownerTeam ? String(profile.ownerTeam.id) : "",
    city: profile.city ?? "",
    externalId: profile.externalId ?? "",
  };
}

/** Managers edit a customer's identity; errors appear under their fields. */
export function ProfileFormDialog({ profile, open, onOpenChange }: { profile: CustomerProfileData; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const teams = useQuery({ ...trpc.team.list.queryOptions(), enabled: open });
  const update = useMutation(trpc.customer.updateProfile.mutationOptions());
  const resolver = useSchemaResolver<FormState>(
    customerProfileUpdateInput,
    useCallback((form: FormState) => toInput(form, profile.id), [profile.id]),
  );
  const { register, handleSubmit, reset, setError, watch, formState } = useForm<FormState>({ defaultValues: formOf(profile), resolver });
  const errors = formState.errors;

  useEffect(() => {
    if (open) reset(formOf(profile));
  }, [open, profile, reset]);

  async function onSubmit(form: FormState) {
    await run(() => update.mutateAsync(toInput(form, profile.id)), {
      success: t("saved"),
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
        onOpenChange(false);
      },
      onError: (_error: unknown, fields: Record<string, string>) => setFieldErrors(setError, fields),
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} size="lg">
        <form onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate data-testid="customer-profile-form">
          <DialogHeader>
            <DialogTitle>{t("edit")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="grid gap-4 sm:grid-cols-2">
            <LimitedField
              label={t("fields.name")}
              htmlFor="customer-name"
              value={watch("name")}
              max={CUSTOMER_NAME_EDIT_MAX}
              error={errors.name?.message}
              required
            >
              <Input {...register("name")} />
            </LimitedField>
            <LimitedField label={t("fields.email")} htmlFor="customer-email" value={watch("email")} max={EMAIL_MAX} error={errors.email?.message}>
              <Input type="email" {...register("email")} />
            </LimitedField>
            <LimitedField
              label={t("fields.phone")}
              htmlFor="customer-phone"
              value={watch("phone")}
              max={PHONE_INPUT_MAX}
              error={errors.phone?.message}
              description={profile.phoneMask ? t("protectedHint", { masked: profile.phoneMask }) : t("phoneHint")}
            >
              <Input type="tel" inputMode="tel" autoComplete="off" {...register("phone")} />
            </LimitedField>
            <LimitedField
              label={t("fields.idNumber")}
              htmlFor="customer-idNumber"
              value={watch("idNumber")}
              max={ID_NUMBER_MAX}
              error={errors.idNumber?.message}
              description={profile.idNumberMask ? t("protectedHint", { masked: profile.idNumberMask }) : t("idNumberHint")}
            >
              <Input autoComplete="off" {...register("idNumber")} />
            </LimitedField>
            <Field label={t("fields.level")} htmlFor="customer-level" error={errors.level?.message}>
              <NativeSelect {...register("level")}>
                {(["NORMAL", "VIP", "SVIP"] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`level.${level}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("fields.ownerTeam")} htmlFor="customer-ownerTeamId" error={errors.ownerTeamId?.message}>
              <NativeSelect {...register("ownerTeamId")}>
                <option value="">{t("noOwner")}</option>
                {profile.ownerTeam && !teams.data ? <option value={profile.ownerTeam.id}>{profile.ownerTeam.name}</option> : null}
                {teams.data?.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <LimitedField label={t("fields.city")} htmlFor="customer-city" value={watch("city")} max={CUSTOMER_CITY_MAX} error={errors.city?.message}>
              <Input {...register("city")} />
            </LimitedField>
            <LimitedField
              label={t("fields.externalId")}
              htmlFor="customer-externalId"
              value={watch("externalId")}
              max={CUSTOMER_EXTERNAL_ID_MAX}
              error={errors.externalId?.message}
            >
              <Input {...register("externalId")} />
            </LimitedField>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={tc("save")} pending={update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
