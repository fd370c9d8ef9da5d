"use client";

import { Button, type ButtonVariant } from "@kefu/ui/button";
import { DialogFooter } from "@kefu/ui/dialog";
import { useTranslations } from "next-intl";

/**
 * The Cancel + submit row of a form dialog. Inside a `<form>` the submit button submits it;
 * pass `onSubmit` for a dialog without a form.
 */
export function FormDialogFooter({
  onCancel,
  submitLabel,
  pending,
  disabled = false,
  variant = "primary",
  onSubmit,
}: {
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  disabled?: boolean;
  variant?: ButtonVariant;
  onSubmit?: () => void;
}) {
  const t = useTranslations("common");
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        {t("cancel")}
      </Button>
      <Button type={onSubmit ? "button" : "submit"} variant={variant} loading={pending} disabled={disabled} onClick={onSubmit}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
