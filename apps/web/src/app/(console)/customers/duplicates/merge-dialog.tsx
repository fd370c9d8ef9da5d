"use client";

import { MERGE_FIELDS, type MergeField, type MergeSide } from "@kefu/api/contracts/customer-data";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

export interface MergePair {
  survivorId: number;
  mergedId: number;
}

const VALUE_OF: Record<MergeField, string> = {
  name: "name",
  phone: "phone",
  email: "email",
  idNumber: "idNumberMask",
  level: "level",
  city: "city",
  externalId: "externalId",
  ownerTeam: "ownerTeam",
};

/** Which value survives for each field that differs; the survivor's by default. The other customer is hidden after. */
export function MergeDialog({ pair, onOpenChange }: { pair: MergePair | null; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("customerMerge");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const [current, setCurrent] = useState<MergePair | null>(pair);
  const [choices, setChoices] = useState<Partial<Record<MergeField, MergeSide>>>({});
  const [customChoices, setCustomChoices] = useState<Record<number, MergeSide>>({});
  useEffect(() => {
    setCurrent(pair);
    setChoices({});
    setCustomChoices({});
  }, [pair]);
  const preview = useQuery({ ...trpc.customer.mergePreview.queryOptions(current ?? { survivorId: 1, mergedId: 2 }), enabled: !!current });
  const merge = useMutation(trpc.customer.merge.mutationOptions());

  const level = (value: unknown) => (typeof value === "string" ? t(`levels.${value}`) : "");
  const show = (field: MergeField, side: "survivor" | "merged") => {
    const value = (preview.data?.[side] as Record<string, unknown> | undefined)?.[VALUE_OF[field]];
    if (field === "level") return level(value);
    return typeof value === "string" || typeof value === "number" ? String(value) : "";
  };
  const differing = MERGE_FIELDS.filter((field) => show(field, "survivor") !== show(field, "merged"));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!current) return;
    await run(
      () =>
        merge.mutateAsync({
          ...current,
          choices: Object.fromEntries(differing.map((field) => [field, choices[field] ?? (show(field, "survivor") ? "survivor" : "merged")])),
          customFieldChoices: Object.entries(customChoices).map(([fieldId, side]) => ({ fieldId: Number(fieldId), side })),
        }),
      {
        success: t("merged"),
        onSuccess: async () => {
          await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
          onOpenChange(false);
        },
      },
    );
  }

  const option = (name: string, side: MergeSide, checked: boolean, text: string, onChange: () => void) => (
    <label className="flex min-w-0 flex-1 items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-checked:border-primary-500 has-checked:bg-primary-50">
      <input type="radio" name={name} value={side} checked={checked} onChange={onChange} className="mt-0.5" />
      <span className="min-w-0 break-words">{text || <span className="text-slate-400">{t("empty")}</span>}</span>
    </label>
  );

  return (
    <Dialog open={pair !== null} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} size="lg">
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{t("dialogTitle")}</DialogTitle>
            <DialogDescription>{t("dialogDescription")}</DialogDescription>
          </DialogHeader>
          <DialogBody className="space-y-4">
            {!preview.data ? (
              <Skeleton className="h-40" />
            ) : (
              <>
                <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <p>{t("keeps", { survivor: preview.data.survivor.name, merged: preview.data.merged.name })}</p>
                  <Button
                    type="button"
                    size="sm"
                    variant="outline"
                    onClick={() => current && setCurrent({ survivorId: current.mergedId, mergedId: current.survivorId })}
                  >
                    {t("swap")}
                  </Button>
                </div>
                <p className="text-xs text-slate-500">
                  {t("moves", {
                    conversations: preview.data.merged.counts.conversations,
                    notes: preview.data.merged.counts.notes,
                    tags: preview.data.merged.counts.tags,
                    identities: preview.data.merged.counts.identities,
                  })}
                </p>
                {differing.length === 0 && preview.data.customFields.every((f) => f.survivor === f.merged) ? (
                  <p className="text-sm text-slate-600">{t("nothingDiffers")}</p>
                ) : null}
                {differing.map((field) => {
                  const side = choices[field] ?? (show(field, "survivor") ? "survivor" : "merged");
                  return (
                    <fieldset key={field} className="space-y-1" data-merge-field={field}>
                      <legend className="text-sm font-medium">{t(`fields.${field}`)}</legend>
                      <div className="flex flex-col gap-2 sm:flex-row">
                        {option(`merge-${field}`, "survivor", side === "survivor", show(field, "survivor"), () =>
                          setChoices({ ...choices, [field]: "survivor" }),
                        )}
                        {option(`merge-${field}`, "merged", side === "merged", show(field, "merged"), () => setChoices({ ...choices, [field]: "merged" }))}
                      </div>
                    </fieldset>
                  );
                })}
                {preview.data.customFields
                  .filter((field) => field.survivor !== field.merged && field.survivor !== null && field.merged !== null)
                  .map((field) => {
                    const side = customChoices[field.id] ?? "survivor";
                    return (
                      <fieldset key={field.id} className="space-y-1">
                        <legend className="text-sm font-medium">{field.label}</legend>
                        <div className="flex flex-col gap-2 sm:flex-row">
                          {option(`merge-custom-${field.id}`, "survivor", side === "survivor", field.survivor ?? "", () =>
                            setCustomChoices({ ...customChoices, [field.id]: "survivor" }),
                          )}
                          {option(`merge-custom-${field.id}`, "merged", side === "merged", field.merged ?? "", () =>
                            setCustomChoices({ ...customChoices, [field.id]: "merged" }),
                          )}
                        </div>
                      </fieldset>
                    );
                  })}
                <p className="text-xs text-slate-500">{t("undoHint")}</p>
              </>
            )}
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("confirm")} pending={merge.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
