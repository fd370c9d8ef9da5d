"use client";

import type { CustomerAudienceInput } from "@kefu/api/contracts/customer";
import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

/** Export the audience to CSV or XLSX; full phone and ID numbers only for those allowed, and only when ticked. */
export function ExportDialog({
  open,
  audience,
  count,
  canReveal,
  onOpenChange,
  onStarted,
}: {
  open: boolean;
  audience: CustomerAudienceInput;
  count: number;
  canReveal: boolean;
  onOpenChange: (open: boolean) => void;
  onStarted: (jobId: number) => void;
}) {
  const t = useTranslations("customers");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const { run } = useMutationFeedback();
  const [format, setFormat] = useState<"csv" | "xlsx">("csv");
  const [includeFullValues, setIncludeFullValues] = useState(false);
  const start = useMutation(trpc.customer.export.mutationOptions());

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await run(() => start.mutateAsync({ audience, format, includeFullValues }), {
      success: t("export.started"),
      onSuccess: (started) => {
        onStarted(started.jobId);
        onOpenChange(false);
      },
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate data-testid="export-dialog">
          <DialogHeader>
            <DialogTitle>{t("export.title")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4 text-sm">
            <p className="text-slate-600">{t("export.audience", { count })}</p>
            <fieldset className="flex gap-4">
              <legend className="mb-1 font-medium">{t("export.format")}</legend>
              {(["csv", "xlsx"] as const).map((value) => (
                <label key={value} className="flex items-center gap-1.5">
                  <input type="radio" name="export-format" value={value} checked={format === value} onChange={() => setFormat(value)} />
                  {t(`export.formats.${value}`)}
                </label>
              ))}
            </fieldset>
            {canReveal ? (
              <label className="flex items-start gap-2">
                <Checkbox checked={includeFullValues} onCheckedChange={(checked) => setIncludeFullValues(checked === true)} className="mt-0.5" />
                <span>
                  {t("export.includeFullValues")}
                  <span className="block text-xs text-slate-500">{t("export.includeFullValuesHint")}</span>
                </span>
              </label>
            ) : (
              <p className="text-xs text-slate-500">{t("export.maskedOnly")}</p>
            )}
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("export.start")} pending={start.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
