"use client";

import { REVEAL_REASON_MAX, REVEAL_SECONDS, type ProtectedField } from "@kefu/api/contracts/customer-profile";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

/**
 * A masked protected field with 查看: people allowed to reveal it give a reason (written to the audit log) and see
 * the full value for REVEAL_SECONDS, counting down, then the mask again.
 */
export function RevealButton({ customerId, field, masked, canReveal }: { customerId: number; field: ProtectedField; masked: string; canReveal: boolean }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const { run, fieldErrors, resetFieldErrors } = useMutationFeedback();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<{ value: string; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const reveal = useMutation(trpc.customer.revealField.mutationOptions());

  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= shown.until) setShown(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [shown]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => reveal.mutateAsync({ id: customerId, field, reason }), {
      onSuccess: (result) => {
        const at = Date.now();
        setNow(at);
        setShown({ value: result.value, until: at + result.visibleSeconds * 1000 });
        setOpen(false);
        setReason("");
      },
    });
  }

  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.until - now) / 1000)) : 0;
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="font-mono" data-testid={`${field}-value`}>
        {shown ? shown.value : masked}
      </span>
      {shown ? (
        <span className="text-xs text-amber-700" data-testid={`${field}-countdown`}>
          {t("reveal.hidesIn", { seconds: secondsLeft })}
        </span>
      ) : canReveal ? (
        <Button
          size="sm"
          variant="link"
          onClick={() => {
            resetFieldErrors();
            setOpen(true);
          }}
          data-testid={`reveal-${field}`}
        >
          {t("reveal.button")}
        </Button>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={tc("close")} size="sm">
          <form onSubmit={onSubmit} noValidate>
            <DialogHeader>
              <DialogTitle>{t("reveal.title", { field })}</DialogTitle>
              <DialogDescription>{t("reveal.description", { seconds: REVEAL_SECONDS })}</DialogDescription>
            </DialogHeader>
            <DialogBody>
              <LimitedField
                label={t("reveal.reason")}
                htmlFor={`reveal-${field}-reason`}
                value={reason}
                max={REVEAL_REASON_MAX}
                error={fieldErrors.reason}
                required
              >
                <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("reveal.reasonPlaceholder")} />
              </LimitedField>
            </DialogBody>
            <FormDialogFooter onCancel={() => setOpen(false)} submitLabel={t("reveal.confirm")} pending={reveal.isPending} />
          </form>
        </DialogContent>
      </Dialog>
    </span>
  );
}
