"use client";

import { eraseConfirmationText, ERASE_CONFIRM_MAX } from "@kefu/api/contracts/customer-profile";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@kefu/ui/card";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Input } from "@kefu/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LimitedField } from "~/components/limited-field";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

/** A customer's data request (个人信息): download everything held as JSON, or erase it after typing the confirmation. */
export function PrivacyActions({ customerId, erased }: { customerId: number; erased: boolean }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [erasing, setErasing] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const exportData = useMutation(trpc.customer.exportData.mutationOptions());
  const erase = useMutation(trpc.customer.erase.mutationOptions());
  const expected = eraseConfirmationText(customerId);

  async function download() {
    const data = await feedback.run(() => exportData.mutateAsync({ id: customerId }), { success: t("privacy.exported") });
    if (!data) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `customer-${customerId}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("privacy.title")}</CardTitle>
        <CardDescription>{t("privacy.description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => void download()} loading={exportData.isPending} data-testid="export-customer-data">
          {t("privacy.export")}
        </Button>
        {erased ? null : (
          <Button variant="danger" onClick={() => setErasing(true)}>
            {t("privacy.erase")}
          </Button>
        )}
        <ConfirmDialog
          open={erasing}
          onOpenChange={(open) => {
            setErasing(open);
            if (!open) setConfirmation("");
          }}
          title={t("privacy.eraseTitle")}
          description={t("privacy.eraseDescription", { expected })}
          confirmLabel={t("privacy.erase")}
          cancelLabel={tc("cancel")}
          destructive
          onConfirm={() =>
            feedback.confirm(() => erase.mutateAsync({ id: customerId, confirmation }), {
              success: t("privacy.erased"),
              onSuccess: async () => {
                setConfirmation("");
                await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
              },
            })
          }
        >
          <LimitedField
            label={t("privacy.typeToConfirm", { expected })}
            htmlFor="erase-confirmation"
            value={confirmation}
            max={ERASE_CONFIRM_MAX}
            error={feedback.fieldErrors.confirmation}
          >
            <Input value={confirmation} onChange={(e) => setConfirmation(e.target.value)} autoComplete="off" />
          </LimitedField>
        </ConfirmDialog>
      </CardContent>
    </Card>
  );
}
