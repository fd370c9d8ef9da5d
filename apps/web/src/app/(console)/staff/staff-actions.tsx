"use client";

import { Button } from "@kefu/ui/button";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@kefu/ui/dropdown-menu";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { StaffRow } from "./staff-types";

type Pending = "disable" | "logout" | "reset" | null;

export function StaffActions({ row, isSelf, locked, onEdit }: { row: StaffRow; isSelf: boolean; locked: boolean; onEdit: () => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [pending, setPending] = useState<Pending>(null);
  const [newPassword, setNewPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | undefined>();

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
  const setDisabled = useMutation(trpc.user.setDisabled.mutationOptions({ onSettled: refresh }));
  const forceLogout = useMutation(trpc.user.forceLogout.mutationOptions());
  const unlock = useMutation(trpc.user.unlock.mutationOptions({ onSettled: refresh }));
  const resetPassword = useMutation(trpc.user.resetPassword.mutationOptions({ onSettled: refresh }));

  const run = (action: () => Promise<unknown>, success: string) => feedback.confirm(action, { success });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" aria-label={`${t("common.actions")} ${row.name}`}>
            {t("common.actions")}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={onEdit}>{t("common.edit")}</DropdownMenuItem>
          <DropdownMenuItem
            onSelect={() => {
              setNewPassword("");
              setPasswordError(undefined);
              setPending("reset");
            }}
          >
            {t("staff.resetPassword")}
          </DropdownMenuItem>
          {locked ? (
            <DropdownMenuItem
              onSelect={() => void feedback.run(() => unlock.mutateAsync({ id: row.id }), { success: t("staff.unlockDone", { name: row.name }) })}
            >
              {t("staff.unlock")}
            </DropdownMenuItem>
          ) : null}
          {isSelf ? null : (
            <>
              <DropdownMenuItem onSelect={() => setPending("logout")}>{t("staff.forceLogout")}</DropdownMenuItem>
              <DropdownMenuSeparator />
              {row.disabledAt ? (
                <DropdownMenuItem
                  onSelect={() =>
                    void feedback.run(() => setDisabled.mutateAsync({ id: row.id, disabled: false }), { success: t("staff.enabledToast", { name: row.name }) })
                  }
                >
                  {t("staff.enable")}
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem variant="danger" onSelect={() => setPending("disable")}>
                  {t("staff.disable")}
                </DropdownMenuItem>
              )}
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>

      <ConfirmDialog
        open={pending === "disable"}
        onOpenChange={(open) => !open && setPending(null)}
        title={t("staff.confirmDisableTitle", { name: row.name })}
        description={t("staff.confirmDisableBody")}
        confirmLabel={t("staff.disable")}
        cancelLabel={t("common.cancel")}
        destructive
        onConfirm={() => run(() => setDisabled.mutateAsync({ id: row.id, disabled: true }), t("staff.disabledToast", { name: row.name }))}
      />
      <ConfirmDialog
        open={pending === "logout"}
        onOpenChange={(open) => !open && setPending(null)}
        title={t("staff.confirmLogoutTitle", { name: row.name })}
        description={t("staff.confirmLogoutBody")}
        confirmLabel={t("staff.forceLogout")}
        cancelLabel={t("common.cancel")}
        onConfirm={() => run(() => forceLogout.mutateAsync({ id: row.id }), t("staff.logoutDone", { name: row.name }))}
      />
      <ConfirmDialog
        open={pending === "reset"}
        onOpenChange={(open) => !open && setPending(null)}
        title={t("staff.resetPassword")}
        description={t("staff.initialPasswordHint")}
        confirmLabel={t("staff.resetPassword")}
        cancelLabel={t("common.cancel")}
        onConfirm={() =>
          feedback.confirm(() => resetPassword.mutateAsync({ id: row.id, password: newPassword }), {
            success: t("staff.resetDone", { name: row.name }),
            onError: (error, fields) => setPasswordError(fields.password ?? feedback.message(error)),
          })
        }
      >
        <Field label={t("staff.newPassword")} htmlFor={`reset-password-${row.id}`} error={passwordError} required>
          <Input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </>
  );
}
