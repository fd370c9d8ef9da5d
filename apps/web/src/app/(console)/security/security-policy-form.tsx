"use client";

import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const FIELDS = [
  ["session", "idleMinutes"],
  ["session", "absoluteHours"],
  ["lockout", "maxFailures"],
  ["lockout", "windowMinutes"],
  ["lockout", "lockMinutes"],
] as const;

type Policy = { session: { idleMinutes: number; absoluteHours: number }; lockout: { maxFailures: number; windowMinutes: number; lockMinutes: number } };

export function SecurityPolicyForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback({ leafKeys: true });
  const policy = useQuery(trpc.settings.security.queryOptions());
  const [form, setForm] = useState<Record<string, string>>({});
  const save = useMutation(trpc.settings.updateSecurity.mutationOptions());

  useEffect(() => {
    if (policy.data) setForm(Object.fromEntries(FIELDS.map(([group, key]) => [key, String((policy.data[group] as Record<string, number>)[key])])));
  }, [policy.data]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value: Policy = {
      session: { idleMinutes: Number(form.idleMinutes), absoluteHours: Number(form.absoluteHours) },
      lockout: { maxFailures: Number(form.maxFailures), windowMinutes: Number(form.windowMinutes), lockMinutes: Number(form.lockMinutes) },
    };
    await run(() => save.mutateAsync(value), {
      success: t("security.policySaved"),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.security.queryKey() }),
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
          <form className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" onSubmit={onSubmit} noValidate>
            {FIELDS.map(([, key]) => (
              <Field key={key} label={t(`security.${key}`)} htmlFor={`policy-${key}`} error={fieldErrors[key]}>
                <Input type="number" value={form[key] ?? ""} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
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
