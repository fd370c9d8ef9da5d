"use client";

import type { RouterOutputs } from "@kefu/api/client";
import {
  CRM_ADAPTERS,
  CRM_CUSTOMER_FIELDS,
  CRM_FIELD_NAME_MAX,
  CRM_MAPPING_MAX,
  CRM_TIMEOUT_DEFAULT_MS,
  CRM_URL_MAX,
  type CrmAdapterName,
  type CrmCustomerField,
} from "@kefu/api/contracts/crm";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { Switch } from "@kefu/ui/switch";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { LimitedField } from "~/components/limited-field";
import { saveCrmConnectionInput } from "~/lib/contracts";
import { numberOrNaN, setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

type Connection = NonNullable<RouterOutputs["crm"]["getConnection"]>;

interface MappingRow {
  crmField: string;
  label: string;
  customerField: CrmCustomerField | "";
}

interface CrmForm {
  enabled: boolean;
  adapter: CrmAdapterName;
  lookupUrl: string;
  syncUrl: string;
  secret: string;
  timeoutMs: string;
  idProperty: string;
  fieldMapping: MappingRow[];
}

const EMPTY: CrmForm = {
  enabled: true,
  adapter: "GENERIC",
  lookupUrl: "",
  syncUrl: "",
  secret: "",
  timeoutMs: String(CRM_TIMEOUT_DEFAULT_MS),
  idProperty: "kefu_customer_id",
  fieldMapping: [],
};

function formOf(connection: Connection | null): CrmForm {
  if (!connection) return EMPTY;
  return {
    enabled: connection.enabled,
    adapter: connection.adapter,
    lookupUrl: connection.lookupUrl,
    syncUrl: connection.syncUrl ?? "",
    secret: "",
    timeoutMs: String(connection.timeoutMs),
    idProperty: connection.idProperty,
    fieldMapping: connection.fieldMapping.map((row) => ({ ...row, customerField: row.customerField ?? "" })),
  };
}

const asInput = (form: CrmForm) => ({
  ...form,
  timeoutMs: numberOrNaN(form.timeoutMs),
  fieldMapping: form.fieldMapping.map((row) => ({ ...row, customerField: row.customerField || null })),
});

/** The CRM section of the integrations page: the one connection, its test button and its health. */
export function CrmView() {
  const t = useTranslations("crm.admin");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const feedback = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const resolver = useSchemaResolver<CrmForm>(saveCrmConnectionInput, asInput, { nested: true });
  const connection = useQuery(trpc.crm.getConnection.queryOptions());
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<CrmForm>({ defaultValues: EMPTY, resolver });
  const mapping = useFieldArray({ control, name: "fieldMapping" });
  const errors = formState.errors;
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.crm.getConnection.queryKey() });
  const save = useMutation(trpc.crm.saveConnection.mutationOptions({ onSettled: refresh }));
  const test = useMutation(trpc.crm.testConnection.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.crm.deleteConnection.mutationOptions({ onSettled: refresh }));
  const saved = connection.data ?? null;
  const time = (value: Date | string) => format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "medium" });

  useEffect(() => {
    if (connection.isSuccess) reset(formOf(connection.data));
  }, [connection.isSuccess, connection.data, reset]);

  async function onSave(form: CrmForm) {
    await feedback.run(() => save.mutateAsync(asInput(form) as Parameters<typeof save.mutateAsync>[0]), {
      success: t("savedToast"),
      onSuccess: (result) => {
        if (result.secret) setSecret(result.secret);
      },
      onError: (_error, fields) => setFieldErrors(setError, fields),
    });
  }

  async function onTest() {
    await feedback.run(() => test.mutateAsync(), {
      success: (result) => (result.ok ? t("testOk", { status: result.status ?? 0, ms: result.durationMs }) : t("testFailed", { error: result.error ?? "" })),
    });
  }

  const adapter = watch("adapter");
  return (
    <section className="space-y-4" aria-labelledby="crm-title" data-testid="crm-settings">
      <div className="grid min-w-0 gap-1">
        <h2 id="crm-title" className="text-lg font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="text-sm text-slate-500">{t("description")}</p>
        {connection.isSuccess && !saved ? (
          <p className="text-sm text-slate-700" data-testid="crm-not-configured">
            {t("notConfigured")}
          </p>
        ) : null}
      </div>
      <form onSubmit={handleSubmit(onSave, invalidInput)} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-6">
          <Controller
            control={control}
            name="enabled"
            render={({ field }) => (
              <div className="flex items-center gap-2">
                <Switch id="crm-enabled" checked={field.value} onCheckedChange={field.onChange} />
                <Label htmlFor="crm-enabled">{t("enabled")}</Label>
              </div>
            )}
          />
          <Field label={t("adapter")} htmlFor="crm-adapter" className="min-w-64" error={errors.adapter?.message}>
            <NativeSelect {...register("adapter")}>
              {CRM_ADAPTERS.map((name) => (
                <option key={name} value={name}>
                  {t(`adapterOption.${name}`)}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <LimitedField
            label={t("lookupUrl")}
            htmlFor="crm-lookup-url"
            value={watch("lookupUrl")}
            max={CRM_URL_MAX}
            error={errors.lookupUrl?.message}
            description={t("lookupUrlHint")}
            required
          >
            <Input type="url" inputMode="url" placeholder="https://crm.example.cn/kefu/lookup" {...register("lookupUrl")} />
          </LimitedField>
          <LimitedField
            label={t("syncUrl")}
            htmlFor="crm-sync-url"
            value={watch("syncUrl")}
            max={CRM_URL_MAX}
            error={errors.syncUrl?.message}
            description={t("syncUrlHint")}
          >
            <Input
              type="url"
              inputMode="url"
              placeholder={adapter === "HUBSPOT" ? "https://api.hubapi.com" : "https://crm.example.cn/kefu/sync"}
              {...register("syncUrl")}
            />
          </LimitedField>
          <Field label={t("secret")} htmlFor="crm-secret" error={errors.secret?.message} description={saved ? t("secretHintKeep") : t("secretHintNew")}>
            <Input type="password" autoComplete="new-password" {...register("secret")} />
          </Field>
          <Field label={t("timeoutMs")} htmlFor="crm-timeout" error={errors.timeoutMs?.message} required>
            <Input type="number" inputMode="numeric" step={100} {...register("timeoutMs")} />
          </Field>
          {adapter === "HUBSPOT" ? (
            <LimitedField
              label={t("idProperty")}
              htmlFor="crm-id-property"
              value={watch("idProperty")}
              max={CRM_FIELD_NAME_MAX}
              error={errors.idProperty?.message}
              description={t("idPropertyHint")}
            >
              <Input {...register("idProperty")} />
            </LimitedField>
          ) : null}
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">{t("mapping")}</legend>
          <p className="text-xs text-slate-500">{t("mappingHint")}</p>
          {errors.fieldMapping?.message ? <p className="text-sm text-red-600">{errors.fieldMapping.message}</p> : null}
          {mapping.fields.map((row, index) => (
            <div key={row.id} className="grid items-start gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]" data-testid={`crm-mapping-${index}`}>
              <Field label={t("crmField")} htmlFor={`crm-map-${index}-field`} error={errors.fieldMapping?.[index]?.crmField?.message}>
                <Input {...register(`fieldMapping.${index}.crmField`)} />
              </Field>
              <Field label={t("label")} htmlFor={`crm-map-${index}-label`} error={errors.fieldMapping?.[index]?.label?.message}>
                <Input {...register(`fieldMapping.${index}.label`)} />
              </Field>
              <Field label={t("customerField")} htmlFor={`crm-map-${index}-customer`} error={errors.fieldMapping?.[index]?.customerField?.message}>
                <NativeSelect {...register(`fieldMapping.${index}.customerField`)}>
                  <option value="">{t("customerFieldNone")}</option>
                  {CRM_CUSTOMER_FIELDS.map((name) => (
                    <option key={name} value={name}>
                      {t(`customerFieldOption.${name}`)}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="sm:mt-6"
                onClick={() => mapping.remove(index)}
                aria-label={t("removeMapping", { n: index + 1 })}
              >
                {tc("delete")}
              </Button>
            </div>
          ))}
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={mapping.fields.length >= CRM_MAPPING_MAX}
            onClick={() => mapping.append({ crmField: "", label: "", customerField: "" })}
          >
            {t("addMapping")}
          </Button>
        </fieldset>

        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
          <Button type="button" variant="outline" disabled={!saved?.enabled || test.isPending} onClick={() => void onTest()}>
            {t("test")}
          </Button>
          {saved ? (
            <Button type="button" variant="outline" onClick={() => setDeleting(true)}>
              {t("delete")}
            </Button>
          ) : null}
        </div>
      </form>

      {saved ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="crm-health">
          <h3 className="mb-2 font-medium text-slate-900">{t("health")}</h3>
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">{t("breaker")}</dt>
            <dd>
              {saved.circuitOpenedAt ? (
                <Badge variant="danger">{t("breakerOpen", { time: time(saved.circuitOpenedAt) })}</Badge>
              ) : (
                <Badge variant="success">{t("breakerClosed")}</Badge>
              )}
              {saved.consecutiveFailures > 0 ? (
                <span className="ml-2 text-slate-500">{t("consecutiveFailures", { count: saved.consecutiveFailures })}</span>
              ) : null}
            </dd>
            <dt className="text-slate-500">{t("lastLookupError")}</dt>
            <dd className="break-all">{saved.lastLookupErrorAt ? `${time(saved.lastLookupErrorAt)} · ${saved.lastLookupError ?? ""}` : t("never")}</dd>
            <dt className="text-slate-500">{t("lastSync")}</dt>
            <dd data-testid="crm-last-sync">{saved.lastSyncSuccessAt ? time(saved.lastSyncSuccessAt) : t("never")}</dd>
            <dt className="text-slate-500">{t("syncFailures")}</dt>
            <dd data-testid="crm-sync-failures">{saved.syncFailureCount}</dd>
            <dt className="text-slate-500">{t("lastSyncError")}</dt>
            <dd className="break-all">{saved.lastSyncErrorAt ? `${time(saved.lastSyncErrorAt)} · ${saved.lastSyncError ?? ""}` : t("never")}</dd>
          </dl>
        </div>
      ) : null}

      <Dialog open={secret !== null} onOpenChange={(open) => !open && setSecret(null)}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("secretTitle")}</DialogTitle>
            <DialogDescription>{t("secretBody")}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <code data-testid="new-crm-secret" className="block rounded-md bg-slate-100 p-3 font-mono text-xs break-all">
              {secret}
            </code>
          </DialogBody>
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                void navigator.clipboard.writeText(secret ?? "").then(() => toast({ title: t("copied"), variant: "success" }));
              }}
            >
              {t("copy")}
            </Button>
            <Button onClick={() => setSecret(null)}>{tc("close")}</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t("confirmDeleteTitle")}
        description={t("confirmDeleteBody")}
        confirmLabel={t("delete")}
        cancelLabel={tc("cancel")}
        destructive
        onConfirm={() => feedback.confirm(() => remove.mutateAsync(), { success: t("deletedToast"), onSuccess: () => reset(EMPTY) })}
      />
    </section>
  );
}
