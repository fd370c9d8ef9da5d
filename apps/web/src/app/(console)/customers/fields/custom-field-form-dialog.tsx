"use client";

import {
  CHOICE_TYPES,
  CUSTOM_FIELD_KEY_MAX,
  CUSTOM_FIELD_LABEL_MAX,
  CUSTOM_FIELD_PATTERN_MAX,
  CUSTOM_FIELD_TYPES,
  type CustomFieldType,
} from "@kefu/api/contracts/custom-field";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { customFieldCreateInput, customFieldUpdateInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { CustomFieldRow } from "./custom-fields-admin";

interface FormState {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  pattern: string;
  /** one option per line */
  options: string;
}

const EMPTY: FormState = { key: "", label: "", type: "TEXT", required: false, pattern: "", options: "" };

const optionLines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

function toInput(form: FormState, field: CustomFieldRow | null) {
  const choice = CHOICE_TYPES.includes(field?.type ?? form.type);
  const text = (field?.type ?? form.type) === "TEXT";
  const common = {
    label: form.label,
    required: form.required,
    ...(text ? { pattern: form.pattern } : {}),
    ...(choice ? { options: optionLines(form.options) } : {}),
  };
  return field ? { id: field.id, ...common } : { key: form.key, type: form.type, ...common };
}

/** Defines a custom field; its key and type are fixed once created (stored values live in the column of the type). */
export function CustomFieldFormDialog({ field, open, onOpenChange }: { field: CustomFieldRow | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("customFields");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const create = useMutation(trpc.customer.createField.mutationOptions());
  const update = useMutation(trpc.customer.updateField.mutationOptions());
  const resolver = useSchemaResolver<FormState>(
    field ? customFieldUpdateInput : customFieldCreateInput,
    useCallback((form: FormState) => toInput(form, field), [field]),
  );
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });
  const errors = formState.errors;
  const type = field?.type ?? watch("type");

  useEffect(() => {
    if (!open) return;
    reset(
      field
        ? { key: field.key, label: field.label, type: field.type, required: field.required, pattern: field.pattern ?? "", options: field.options.join("\n") }
        : EMPTY,
    );
  }, [open, field, reset]);

  async function onSubmit(form: FormState) {
    const feedback = {
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
        onOpenChange(false);
      },
      onError: (_error: unknown, fields: Record<string, string>) => setFieldErrors(setError, fields),
    };
    const input = toInput(form, field);
    if ("id" in input) await run(() => update.mutateAsync(input), { ...feedback, success: t("updated") });
    else await run(() => create.mutateAsync(input), { ...feedback, success: t("created") });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")}>
        <form onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate data-testid="custom-field-form">
          <DialogHeader>
            <DialogTitle>{field ? t("edit") : t("create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <LimitedField
                label={t("label")}
                htmlFor="custom-field-label"
                value={watch("label")}
                max={CUSTOM_FIELD_LABEL_MAX}
                error={errors.label?.message}
                required
              >
                <Input {...register("label")} />
              </LimitedField>
              <LimitedField
                label={t("key")}
                htmlFor="custom-field-key"
                value={watch("key")}
                max={CUSTOM_FIELD_KEY_MAX}
                error={errors.key?.message}
                description={t("keyHint")}
                required
              >
                <Input {...register("key")} disabled={Boolean(field)} className="font-mono" />
              </LimitedField>
            </div>
            <Field label={t("type")} htmlFor="custom-field-type" error={errors.type?.message} description={field ? t("typeFixed") : undefined}>
              <NativeSelect {...register("type")} disabled={Boolean(field)}>
                {CUSTOM_FIELD_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {t(`types.${value}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            {type === "TEXT" ? (
              <LimitedField
                label={t("pattern")}
                htmlFor="custom-field-pattern"
                value={watch("pattern")}
                max={CUSTOM_FIELD_PATTERN_MAX}
                error={errors.pattern?.message}
                description={t("patternHint")}
              >
                <Input {...register("pattern")} className="font-mono" />
              </LimitedField>
            ) : null}
            {CHOICE_TYPES.includes(type) ? (
              <Field label={t("options")} htmlFor="custom-field-options" error={errors.options?.message} description={t("optionsHint")} required>
                <Textarea rows={5} {...register("options")} />
              </Field>
            ) : null}
            <div className="flex items-center justify-between gap-3">
              <label htmlFor="custom-field-required" className="text-sm font-medium">
                {t("required")}
              </label>
              <Controller
                control={control}
                name="required"
                render={({ field: control }) => <Switch id="custom-field-required" checked={control.value} onCheckedChange={control.onChange} />}
              />
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={tc("save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
