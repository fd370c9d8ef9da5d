"use client";

import { Button } from "@kefu/ui/button";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { changeOwnPasswordForm } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

interface FormState {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const EMPTY: FormState = { currentPassword: "", newPassword: "", confirmPassword: "" };
const asInput = (form: FormState) => form;

export function ChangePasswordForm({ identifier }: { identifier: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const mutation = useMutation(trpc.auth.changePassword.mutationOptions());
  const resolver = useSchemaResolver<FormState>(changeOwnPasswordForm, asInput);
  const { register, handleSubmit, reset, setError, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;

  async function onSubmit(form: FormState) {
    await run(
      async () => {
        await mutation.mutateAsync({ currentPassword: form.currentPassword, newPassword: form.newPassword });
        // The change ended every session, this one too: sign in again with the new password.
        await signIn("password", { identifier, password: form.newPassword, redirect: false });
      },
      {
        success: t("account.passwordChanged"),
        onSuccess: () => {
          reset(EMPTY);
          router.refresh();
        },
        onError: (_error, fields) => setFieldErrors(setError, fields),
      },
    );
  }

  return (
    <form className="space-y-4" onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate>
      <Field label={t("account.currentPassword")} htmlFor="currentPassword" error={fieldErrors.currentPassword?.message} required>
        <Input type="password" autoComplete="current-password" {...register("currentPassword")} />
      </Field>
      <Field label={t("account.newPassword")} htmlFor="newPassword" error={fieldErrors.newPassword?.message} description={t("account.passwordHint")} required>
        <Input type="password" autoComplete="new-password" {...register("newPassword")} />
      </Field>
      <Field label={t("account.confirmPassword")} htmlFor="confirmPassword" error={fieldErrors.confirmPassword?.message} required>
        <Input type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </Field>
      <Button type="submit" loading={mutation.isPending}>
        {t("account.changePassword")}
      </Button>
    </form>
  );
}
