"use client";

import { CUSTOM_FIELD_TEXT_MAX } from "@kefu/api/contracts/custom-field";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { LimitHint } from "~/components/limited-field";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { CustomerProfileData } from "./customer-profile-view";

type FieldRow = CustomerProfileData["fields"][number];
type Draft = string | boolean | string[];

function draftOf(field: FieldRow): Draft {
  if (field.type === "CHECKBOX") return field.value === true;
  if (field.type === "MULTI_SELECT") return Array.isArray(field.value) ? field.value : [];
  return field.value === null ? "" : String(field.value);
}

/** The custom fields on the profile; managers edit one at a time in place, and a refused value says why under it. */
export function CustomFieldValues({ customerId, fields, canEdit }: { customerId: number; fields: FieldRow[]; canEdit: boolean }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const [editing, setEditing] = useState<number | null>(null);
  if (!fields.length) return <p className="text-sm text-slate-400">{t("noCustomFields")}</p>;
  const show = (field: FieldRow) => {
    const value = field.value;
    if (value === null || (Array.isArray(value) && value.length === 0)) return <span className="text-slate-400">{t("none")}</span>;
    if (typeof value === "boolean") return value ? tc("yes") : tc("no");
    if (Array.isArray(value)) return value.join("、");
    if (field.type === "LINK")
      return (
        <a href={String(value)} target="_blank" rel="noreferrer noopener" className="break-all text-primary-700 hover:underline">
          {String(value)}
        </a>
      );
    return String(value);
  };
  return (
    <dl className="divide-y divide-slate-100" data-testid="custom-field-values">
      {fields.map((field) => (
        <div key={field.id} className="py-1.5 text-sm" data-field={field.key}>
          {editing === field.id ? (
            <FieldEditor customerId={customerId} field={field} onDone={() => setEditing(null)} />
          ) : (
            <div className="flex items-start justify-between gap-3">
              <dt className="shrink-0 text-slate-500">
                {field.label}
                {field.required ? <span className="text-red-600"> *</span> : null}
              </dt>
              <dd className="flex min-w-0 items-start gap-1 text-right break-words text-slate-900">
                <span>{show(field)}</span>
                {canEdit ? (
                  <Button size="sm" variant="link" className="ml-1" onClick={() => setEditing(field.id)} aria-label={t("editField", { label: field.label })}>
                    {tc("edit")}
                  </Button>
                ) : null}
              </dd>
            </div>
          )}
        </div>
      ))}
    </dl>
  );
}

function FieldEditor({ customerId, field, onDone }: { customerId: number; field: FieldRow; onDone: () => void }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback();
  const [draft, setDraft] = useState<Draft>(() => draftOf(field));
  const save = useMutation(trpc.customer.setFieldValue.mutationOptions());
  const inputId = `field-${field.key}`;
  const error = fieldErrors[`fields.${field.key}`] ?? fieldErrors.value;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => save.mutateAsync({ customerId, fieldId: field.id, value: draft }), {
      errorToast: false,
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
        onDone();
      },
    });
  }

  let control;
  if (field.type === "CHECKBOX") {
    control = (
      <Checkbox id={inputId} checked={draft === true} onCheckedChange={(checked) => setDraft(checked === true)} aria-invalid={error ? true : undefined} />
    );
  } else if (field.type === "SELECT") {
    control = (
      <NativeSelect id={inputId} value={draft as string} onChange={(e) => setDraft(e.target.value)} aria-invalid={error ? true : undefined}>
        <option value="">{t("none")}</option>
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </NativeSelect>
    );
  } else if (field.type === "MULTI_SELECT") {
    const chosen = draft as string[];
    control = (
      <div className="flex flex-wrap gap-3" id={inputId}>
        {field.options.map((option) => (
          <label key={option} className="flex items-center gap-1.5">
            <Checkbox
              checked={chosen.includes(option)}
              onCheckedChange={(checked) => setDraft(checked === true ? [...chosen, option] : chosen.filter((o) => o !== option))}
            />
            {option}
          </label>
        ))}
      </div>
    );
  } else {
    const type = field.type === "DATE" ? "date" : field.type === "NUMBER" ? "text" : field.type === "LINK" ? "url" : "text";
    control = (
      <>
        <Input
          id={inputId}
          type={type}
          inputMode={field.type === "NUMBER" ? "decimal" : undefined}
          value={draft as string}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
        />
        <LimitHint id={`${inputId}-limit`} value={draft as string} max={CUSTOM_FIELD_TEXT_MAX} />
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" data-testid="custom-field-editor">
      <label htmlFor={inputId} className="block text-slate-600">
        {field.label}
        {field.required ? <span className="text-red-600"> *</span> : null}
        {field.pattern ? <span className="ml-2 text-xs text-slate-400">{t("patternHint", { pattern: field.pattern })}</span> : null}
      </label>
      {control}
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="outline" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" size="sm" loading={save.isPending}>
          {tc("save")}
        </Button>
      </div>
    </form>
  );
}
