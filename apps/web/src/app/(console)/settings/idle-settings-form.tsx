"use client";

import type { RouterInputs, RouterOutputs } from "@kefu/api/client";
import { IDLE_MINUTES_MAX } from "@kefu/api/contracts/customer-presence";
import { BOT_TEXT_MAX, RESOLUTION_CATEGORY_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@kefu/ui/card";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

type IdleSettings = RouterOutputs["settings"]["idle"]["settings"];
type IdleSettingsInput = RouterInputs["settings"]["updateIdle"];

interface FormState {
  reminderEnabled: boolean;
  reminderMinutes: string;
  reminderMessage: string;
  autoEndEnabled: boolean;
  autoEndMinutes: string;
  autoEndMessage: string;
  autoEndCategory: string;
}

function toForm(settings: IdleSettings): FormState {
  return { ...settings, reminderMinutes: String(settings.reminderMinutes), autoEndMinutes: String(settings.autoEndMinutes) };
}

// an empty or non-numeric entry goes as NaN, which the server refuses naming the field
const minutes = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

function toInput(form: FormState): IdleSettingsInput {
  return { ...form, reminderMinutes: minutes(form.reminderMinutes), autoEndMinutes: minutes(form.autoEndMinutes) };
}

/** 访客无响应提醒 / 自动结束: what happens when the customer stops answering the agent. */
export function IdleSettingsForm() {
  const t = useTranslations("idleSettings");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useApiErrors();
  const { run, fieldErrors, setFieldErrors } = useMutationFeedback();
  const idle = useQuery(trpc.settings.idle.queryOptions());
  const save = useMutation(trpc.settings.updateIdle.mutationOptions());
  const [form, setForm] = useState<FormState | null>(null);

  useEffect(() => {
    if (idle.data) setForm(toForm(idle.data.settings));
  }, [idle.data]);

  const update = (patch: Partial<FormState>) => setForm((current) => (current ? { ...current, ...patch } : current));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    await run(() => save.mutateAsync(toInput(form)), {
      success: t("saved"),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.idle.queryKey() }),
    });
  }

  if (idle.isError) return <p className="text-sm text-red-600">{errors.message(idle.error)}</p>;
  if (idle.isPending || !form) return <Skeleton className="h-64" />;

  const text = (key: "reminderMessage" | "autoEndMessage", enabled: boolean) => (
    <Field
      label={t(key)}
      htmlFor={`idle-${key}`}
      error={fieldErrors[key]}
      description={
        <>
          {t(`${key}Hint`)}
          <span className="float-right tabular-nums">{t("characters", { count: Array.from(form[key]).length, maximum: BOT_TEXT_MAX })}</span>
        </>
      }
      required
    >
      <Textarea rows={2} maxLength={BOT_TEXT_MAX} disabled={!enabled} value={form[key]} onChange={(e) => update({ [key]: e.target.value })} />
    </Field>
  );

  const minutesField = (key: "reminderMinutes" | "autoEndMinutes", enabled: boolean) => (
    <Field label={t(key)} htmlFor={`idle-${key}`} error={fieldErrors[key]} description={t(`${key}Hint`)} required>
      <Input
        type="number"
        min={1}
        max={IDLE_MINUTES_MAX}
        step={1}
        inputMode="numeric"
        className="w-28 tabular-nums"
        disabled={!enabled}
        value={form[key]}
        onChange={(e) => update({ [key]: e.target.value })}
      />
    </Field>
  );

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate aria-label={t("title")}>
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <section className="grid gap-4" aria-labelledby="idle-reminder-title">
            <div className="flex items-start gap-3">
              <Switch id="idle-reminderEnabled" checked={form.reminderEnabled} onCheckedChange={(reminderEnabled) => update({ reminderEnabled })} />
              <div className="grid gap-1">
                <Label htmlFor="idle-reminderEnabled" id="idle-reminder-title">
                  {t("reminder")}
                </Label>
                <p className="text-sm text-slate-500">{t("reminderHint")}</p>
              </div>
            </div>
            {minutesField("reminderMinutes", form.reminderEnabled)}
            {text("reminderMessage", form.reminderEnabled)}
          </section>
          <section className="grid gap-4 border-t border-slate-100 pt-6" aria-labelledby="idle-end-title">
            <div className="flex items-start gap-3">
              <Switch id="idle-autoEndEnabled" checked={form.autoEndEnabled} onCheckedChange={(autoEndEnabled) => update({ autoEndEnabled })} />
              <div className="grid gap-1">
                <Label htmlFor="idle-autoEndEnabled" id="idle-end-title">
                  {t("autoEnd")}
                </Label>
                <p className="text-sm text-slate-500">{form.reminderEnabled ? t("autoEndHintAfterReminder") : t("autoEndHintAfterAgent")}</p>
              </div>
            </div>
            {minutesField("autoEndMinutes", form.autoEndEnabled)}
            {text("autoEndMessage", form.autoEndEnabled)}
            <Field
              label={t("autoEndCategory")}
              htmlFor="idle-autoEndCategory"
              error={fieldErrors.autoEndCategory}
              description={t("autoEndCategoryHint")}
              required
            >
              <Input
                maxLength={RESOLUTION_CATEGORY_MAX}
                className="max-w-sm"
                disabled={!form.autoEndEnabled}
                value={form.autoEndCategory}
                onChange={(e) => update({ autoEndCategory: e.target.value })}
              />
            </Field>
          </section>
        </CardContent>
      </Card>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-500" data-testid="idle-last-change">
          {idle.data.lastChange
            ? t("lastChange", {
                name: idle.data.lastChange.by?.name ?? t("someone"),
                time: format.dateTime(new Date(idle.data.lastChange.at), { dateStyle: "medium", timeStyle: "short" }),
              })
            : t("neverChanged")}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setForm(toForm(idle.data.defaults));
              setFieldErrors({});
            }}
          >
            {t("fillDefaults")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("save")}
          </Button>
        </div>
      </div>
    </form>
  );
}
