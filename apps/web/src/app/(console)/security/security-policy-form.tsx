"use client";

import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { securitySettingsInput } from "~/lib/contracts";
import { numberOrNaN, setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const FIELDS = [
  ["session", "idleMinutes"],
  ["session", "absoluteHours"],
  ["lockout", "maxFailures"],
  ["lockout", "windowMinutes"],
  ["lockout", "lockMinutes"],
] as const;

interface FormState {
  session: { idleMinutes: string; absoluteHours: string };
  lockout: { maxFailures: string; windowMinutes: string; lockMinutes: string };
}

const EMPTY: FormState = { session: { idleMinutes: "", absoluteHours: "" }, lockout: { maxFailures: "", windowMinutes: "", lockMinutes: "" } };

function toInput(form: FormState) {
  return {
    session: { idleMinutes: numberOrNaN(form.session.idleMinutes), absoluteHours: numberOrNaN(form.session.absoluteHours) },
    lockout: {
      maxFailures: numberOrNaN(form.lockout.maxFailures),
      windowMinutes: numberOrNaN(form.lockout.windowMinutes),
      lockMinutes: numberOrNaN(form.lockout.lockMinutes),
    },
  };
}

export function SecurityPolicyForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // the server names a field by its path (session.idleMinutes); its last part is unique in this form
  const { run } = useMutationFeedback({ leafKeys: true });
  const invalidInput = useInvalidInputToast();
  const policy = useQuery(trpc.settings.security.queryOptions());
  const save = useMutation(trpc.settings.updateSecurity.mutationOptions());
  const resolver = useSchemaResolver<FormState>(securitySettingsInput, toInput, { nested: true });
  const { register, handleSubmit, reset, setError, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });

  useEffect(() => {
    if (!policy.data) return;
    const { session, lockout } = policy.data;
    reset({
      session: { idleMinutes: String(session.idleMinutes), absoluteHours: String(session.absoluteHours) },
      lockout: { maxFailures: String(lockout.maxFailures), windowMinutes: String(lockout.windowMinutes), lockMinutes: String(lockout.lockMinutes) },
    });
  }, [policy.data, reset]);

  async function onSubmit(form: FormState) {
    await run(() => save.mutateAsync(toInput(form)), {
      success: t("security.policySaved"),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.security.queryKey() }),
      onError: (_error, fields) =>
        setFieldErrors(setError, Object.fromEntries(FIELDS.filter(([, key]) => fields[key]).map(([group, key]) => [`${group}.${key}`, fields[key]!]))),
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("security.policy")}</CardTitle>
      </CardHeader>
      <CardContent>
        {policy.isPending ? (
          <Skeleton className="h-32" />
        ) : (
          <form className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate>
            {FIELDS.map(([group, key]) => (
              <Field
                key={key}
                label={t(`security.${key}`)}
                htmlFor={`policy-${key}`}
                error={(formState.errors[group] as Record<string, { message?: string }> | undefined)?.[key]?.message}
              >
                <Input type="number" {...register(`${group}.${key}` as `session.idleMinutes`)} />
              </Field>
            ))}
            <div className="flex items-end">
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
