"use client";

import { PASSWORD_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

export function ChangePasswordForm({ identifier }: { identifier: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const { run, fieldErrors, setFieldErrors } = useMutationFeedback();
  const [form, setForm] = useState({ currentPassword: "", newPassword: "", confirmPassword: "" });
  const mutation = useMutation(trpc.auth.changePassword.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.newPassword !== form.confirmPassword) {
      setFieldErrors({ confirmPassword: t("account.passwordMismatch") });
      return;
    }
    await run(
      async () => {
        await mutation.mutateAsync({ currentPassword: form.currentPassword, newPassword: form.newPassword });
        // The change ended every session, this one too: sign in again with the new password.
        await signIn("password", { identifier, password: form.newPassword, redirect: false });
      },
      {
        success: t("account.passwordChanged"),
        onSuccess: () => {
          setForm({ currentPassword: "", newPassword: "", confirmPassword: "" });
          router.refresh();
        },
      },
    );
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <Field label={t("account.currentPassword")} htmlFor="currentPassword" error={fieldErrors.currentPassword} required>
        <Input type="password" autoComplete="current-password" value={form.currentPassword} onChange={set("currentPassword")} maxLength={PASSWORD_MAX} />
      </Field>
      <Field label={t("account.newPassword")} htmlFor="newPassword" error={fieldErrors.newPassword} description={t("account.passwordHint")} required>
        <Input type="password" autoComplete="new-password" value={form.newPassword} onChange={set("newPassword")} maxLength={PASSWORD_MAX} />
      </Field>
      <Field label={t("account.confirmPassword")} htmlFor="confirmPassword" error={fieldErrors.confirmPassword} required>
        <Input type="password" autoComplete="new-password" value={form.confirmPassword} onChange={set("confirmPassword")} maxLength={PASSWORD_MAX} />
      </Field>
      <Button type="submit" loading={mutation.isPending}>
        {t("account.changePassword")}
      </Button>
    </form>
  );
}
