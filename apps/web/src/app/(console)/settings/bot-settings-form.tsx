"use client";

import type { FieldIssue, RouterInputs, RouterOutputs } from "@kefu/api/client";
import { BOT_KEYWORD_MAX, BOT_KEYWORDS_MAX, BOT_TEXT_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@kefu/ui/card";
import { Checkbox } from "@kefu/ui/checkbox";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Field } from "@kefu/ui/field";
import { XIcon } from "@kefu/ui/icons";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

type BotSettings = RouterOutputs["settings"]["bot"]["settings"];
type BotSettingsInput = RouterInputs["settings"]["updateBot"];

/** 1 = Monday … 7 = Sunday, as the server counts them. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TEXT_FIELDS = ["welcomeMessage", "clarifyMessage", "offHoursMessage", "queueFullMessage"] as const;

interface FormState {
  enabled: boolean;
  priorityDirectToQueue: boolean;
  /** the threshold as a percentage, as typed */
  thresholdPercent: string;
  lowConfidenceHandoffAfter: string;
  handoffKeywords: string[];
  days: number[];
  allDay: boolean;
  start: string;
  /** "00:00" here means midnight at the end of the day (24:00): an end can never be the day's start */
  end: string;
  welcomeMessage: string;
  clarifyMessage: string;
  offHoursMessage: string;
  queueFullMessage: string;
}

function toForm(settings: BotSettings): FormState {
  const { start, end, days } = settings.hours;
  return {
    enabled: settings.enabled,
    priorityDirectToQueue: settings.priorityDirectToQueue,
    thresholdPercent: String(Math.round(settings.threshold * 1000) / 10),
    lowConfidenceHandoffAfter: String(settings.lowConfidenceHandoffAfter),
    handoffKeywords: [...settings.handoffKeywords],
    days: [...days],
    allDay: start === "00:00" && end === "24:00",
    start,
    end: end === "24:00" ? "00:00" : end,
    welcomeMessage: settings.welcomeMessage,
    clarifyMessage: settings.clarifyMessage,
    offHoursMessage: settings.offHoursMessage,
    queueFullMessage: settings.queueFullMessage,
  };
}

function toInput(form: FormState): BotSettingsInput {
  const percent = form.thresholdPercent.trim() === "" ? Number.NaN : Number(form.thresholdPercent);
  return {
    enabled: form.enabled,
    priorityDirectToQueue: form.priorityDirectToQueue,
    // an empty or non-numeric entry goes as NaN, which the server refuses naming the field
    threshold: Number.isFinite(percent) ? Math.round(percent * 100) / 10_000 : Number.NaN,
    lowConfidenceHandoffAfter: form.lowConfidenceHandoffAfter.trim() === "" ? Number.NaN : Number(form.lowConfidenceHandoffAfter),
    handoffKeywords: form.handoffKeywords,
    hours: form.allDay
      ? { days: form.days, start: "00:00", end: "24:00" }
      : { days: form.days, start: form.start, end: form.end === "00:00" ? "24:00" : form.end },
    welcomeMessage: form.welcomeMessage,
    clarifyMessage: form.clarifyMessage,
    offHoursMessage: form.offHoursMessage,
    queueFullMessage: form.queueFullMessage,
  };
}

/** The form field an issue belongs to: list items report on their list. */
function fieldOf(path: string): string {
  if (path.startsWith("handoffKeywords")) return "handoffKeywords";
  if (path.startsWith("hours.days")) return "hours.days";
  return path;
}

function dataOf(error: unknown): { fieldIssues?: FieldIssue[] } | null {
  return error && typeof error === "object" && "data" in error ? ((error as { data?: { fieldIssues?: FieldIssue[] } }).data ?? null) : null;
}

export function BotSettingsForm() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errors = useApiErrors();
  const { run, fieldErrors, setFieldErrors } = useMutationFeedback();
  const bot = useQuery(trpc.settings.bot.queryOptions());
  const teams = useQuery(trpc.team.list.queryOptions());
  const save = useMutation(trpc.settings.updateBot.mutationOptions());
  const [form, setForm] = useState<FormState | null>(null);
  const [keywordDraft, setKeywordDraft] = useState("");
  const [keywordHint, setKeywordHint] = useState<string | null>(null);
  const [confirmingDefaults, setConfirmingDefaults] = useState(false);

  useEffect(() => {
    if (bot.data) setForm(toForm(bot.data.settings));
  }, [bot.data]);

  const update = (patch: Partial<FormState>) => setForm((current) => (current ? { ...current, ...patch } : current));

  function issueMessage(issue: FieldIssue, current: FormState): string {
    const index = Number(issue.path.split(".").at(-1));
    if (issue.code === "custom" && t.has(`botSettings.issues.${issue.message}`)) {
      return t(`botSettings.issues.${issue.message}`, { keyword: current.handoffKeywords[index] ?? "" });
    }
    if (issue.path === "threshold") return t("botSettings.issues.threshold_range");
    if (issue.path === "hours.start" || issue.path === "hours.end") return t("botSettings.issues.time_format");
    if (issue.path.startsWith("handoffKeywords.") && issue.code === "too_small") return t("botSettings.issues.empty_keyword");
    if (issue.path.startsWith("handoffKeywords.") && issue.code === "too_big") return t("botSettings.issues.keyword_too_long", { maximum: BOT_KEYWORD_MAX });
    if (issue.path === "handoffKeywords" && issue.code === "too_small") return t("botSettings.issues.no_keywords");
    if (issue.path === "hours.days" && issue.code === "too_small") return t("botSettings.issues.no_days");
    if (issue.code === "too_small" && issue.minimum === 1 && !issue.message.includes("number")) return t("validation.required");
    return errors.issueText(issue);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    await run(() => save.mutateAsync(toInput(form)), {
      success: t("botSettings.saved"),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.bot.queryKey() }),
      // the bot's own wording per field (keyword lists, hours) instead of the generic one
      onError: (error) => {
        const next: Record<string, string> = {};
        for (const issue of dataOf(error)?.fieldIssues ?? []) next[fieldOf(issue.path)] ??= issueMessage(issue, form);
        setFieldErrors(next);
      },
    });
  }

  function addKeyword() {
    if (!form) return;
    const keyword = keywordDraft.trim();
    if (!keyword) return;
    if (form.handoffKeywords.some((k) => k.toLowerCase() === keyword.toLowerCase())) {
      setKeywordHint(t("botSettings.issues.duplicate_keyword", { keyword }));
      return;
    }
    if (keyword.length > BOT_KEYWORD_MAX) {
      setKeywordHint(t("botSettings.issues.keyword_too_long", { maximum: BOT_KEYWORD_MAX }));
      return;
    }
    if (form.handoffKeywords.length >= BOT_KEYWORDS_MAX) {
      setKeywordHint(t("botSettings.keywordsFull", { maximum: BOT_KEYWORDS_MAX }));
      return;
    }
    update({ handoffKeywords: [...form.handoffKeywords, keyword] });
    setKeywordDraft("");
    setKeywordHint(null);
  }

  function onKeywordKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      addKeyword();
    }
  }

  function discardChanges() {
    if (!bot.data) return;
    setForm(toForm(bot.data.settings));
    setFieldErrors({});
  }

  function toggleDay(day: number, checked: boolean) {
    setForm((current) =>
      current ? { ...current, days: checked ? [...current.days, day].sort((a, b) => a - b) : current.days.filter((d) => d !== day) } : current,
    );
  }
  const thresholdNumber = form ? Number(form.thresholdPercent) : 0;

  return (
    <div className="space-y-6">
      <PageHeader title={t("botSettings.title")} description={t("botSettings.description")} />
      {bot.isPending || !form ? (
        <div className="space-y-4">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
          <Skeleton className="h-64" />
        </div>
      ) : bot.isError ? (
        <p className="text-sm text-red-600">{errors.message(bot.error)}</p>
      ) : (
        <form className="space-y-6" onSubmit={onSubmit} noValidate aria-label={t("botSettings.title")}>
          <Card>
            <CardHeader>
              <CardTitle>{t("botSettings.strategy")}</CardTitle>
              <CardDescription>{t("botSettings.strategyHint")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-5 sm:grid-cols-2">
              <div className="flex items-start gap-3">
                <Switch id="bot-enabled" checked={form.enabled} onCheckedChange={(enabled) => update({ enabled })} aria-describedby="bot-enabled-hint" />
                <div className="grid gap-1">
                  <Label htmlFor="bot-enabled">{t("botSettings.enabled")}</Label>
                  <p id="bot-enabled-hint" className="text-sm text-slate-500">
                    {form.enabled ? t("botSettings.enabledOn") : t("botSettings.enabledOff")}
                  </p>
                </div>
              </div>
              <div className="flex items-start gap-3">
                <Switch
                  id="bot-vip"
                  checked={form.priorityDirectToQueue}
                  onCheckedChange={(priorityDirectToQueue) => update({ priorityDirectToQueue })}
                  aria-describedby="bot-vip-hint"
                />
                <div className="grid gap-1">
                  <Label htmlFor="bot-vip">{t("botSettings.priorityDirectToQueue")}</Label>
                  <p id="bot-vip-hint" className="text-sm text-slate-500">
                    {t("botSettings.priorityDirectToQueueHint")}
                  </p>
                </div>
              </div>
              <Field label={t("botSettings.threshold")} htmlFor="bot-threshold" error={fieldErrors.threshold} description={t("botSettings.thresholdHint")}>
                {(control) => (
                  <div className="flex items-center gap-3">
                    <input
                      type="range"
                      min={0}
                      max={100}
                      step={1}
                      aria-label={t("botSettings.thresholdSlider")}
                      value={Number.isFinite(thresholdNumber) ? Math.min(100, Math.max(0, thresholdNumber)) : 0}
                      onChange={(e) => update({ thresholdPercent: e.target.value })}
                      className="h-2 min-w-0 flex-1 cursor-pointer accent-primary-600"
                    />
                    <div className="flex items-center gap-1">
                      <Input
                        {...control}
                        type="number"
                        min={0}
                        max={100}
                        step={1}
                        inputMode="decimal"
                        className="w-20 text-right tabular-nums"
                        value={form.thresholdPercent}
                        onChange={(e) => update({ thresholdPercent: e.target.value })}
                      />
                      <span className="text-sm text-slate-500">%</span>
                    </div>
                  </div>
                )}
              </Field>
              <Field
                label={t("botSettings.lowConfidenceHandoffAfter")}
                htmlFor="bot-low-confidence"
                error={fieldErrors.lowConfidenceHandoffAfter}
                description={t("botSettings.lowConfidenceHandoffAfterHint", { count: Number(form.lowConfidenceHandoffAfter) || 0 })}
              >
                <Input
                  type="number"
                  min={1}
                  max={10}
                  step={1}
                  className="w-24"
                  value={form.lowConfidenceHandoffAfter}
                  onChange={(e) => update({ lowConfidenceHandoffAfter: e.target.value })}
                />
              </Field>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("botSettings.keywords")}</CardTitle>
              <CardDescription>{t("botSettings.keywordsHint")}</CardDescription>
            </CardHeader>
            <CardContent className="space-y-3">
              <ul className="flex flex-wrap gap-2" aria-label={t("botSettings.keywords")} data-testid="handoff-keywords">
                {form.handoffKeywords.map((keyword, index) => (
                  <li
                    key={`${keyword}-${index}`}
                    className="inline-flex items-center gap-1 rounded-full bg-primary-50 py-1 pr-1 pl-3 text-sm text-primary-800 ring-1 ring-primary-600/20 ring-inset"
                  >
                    {keyword}
                    <button
                      type="button"
                      className="inline-flex size-5 cursor-pointer items-center justify-center rounded-full text-primary-700 hover:bg-primary-100 focus-visible:outline-2 focus-visible:outline-primary-500"
                      aria-label={t("botSettings.removeKeyword", { keyword })}
                      onClick={() => update({ handoffKeywords: form.handoffKeywords.filter((_, i) => i !== index) })}
                    >
                      <XIcon className="size-3.5" />
                    </button>
                  </li>
                ))}
                {form.handoffKeywords.length === 0 ? <li className="text-sm text-amber-700">{t("botSettings.issues.no_keywords")}</li> : null}
              </ul>
              <Field label={t("botSettings.newKeyword")} htmlFor="bot-new-keyword" error={fieldErrors.handoffKeywords ?? keywordHint ?? undefined}>
                {(control) => (
                  <div className="flex max-w-md gap-2">
                    <Input
                      {...control}
                      value={keywordDraft}
                      placeholder={t("botSettings.newKeywordPlaceholder")}
                      onChange={(e) => {
                        setKeywordDraft(e.target.value);
                        setKeywordHint(null);
                      }}
                      onKeyDown={onKeywordKey}
                    />
                    <Button type="button" variant="outline" onClick={addKeyword} disabled={!keywordDraft.trim()}>
                      {t("botSettings.addKeyword")}
                    </Button>
                  </div>
                )}
              </Field>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("botSettings.hours")}</CardTitle>
              <CardDescription>{t("botSettings.hoursHint")}</CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              <fieldset aria-describedby={fieldErrors["hours.days"] ? "bot-days-error" : undefined}>
                <legend className="mb-2 text-sm font-medium text-slate-900">{t("botSettings.days")}</legend>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  {WEEKDAYS.map((day) => (
                    <div key={day} className="flex items-center gap-1.5">
                      <Checkbox
                        id={`bot-day-${day}`}
                        checked={form.days.includes(day)}
                        onCheckedChange={(checked) => toggleDay(day, checked === true)}
                        aria-invalid={fieldErrors["hours.days"] ? true : undefined}
                      />
                      <Label htmlFor={`bot-day-${day}`}>{t(`botSettings.weekday.d${day}`)}</Label>
                    </div>
                  ))}
                  <div className="flex gap-1">
                    <Button type="button" size="sm" variant="ghost" onClick={() => update({ days: [1, 2, 3, 4, 5] })}>
                      {t("botSettings.weekdays")}
                    </Button>
                    <Button type="button" size="sm" variant="ghost" onClick={() => update({ days: [...WEEKDAYS] })}>
                      {t("botSettings.everyDay")}
                    </Button>
                  </div>
                </div>
                <p id="bot-days-error" aria-live="polite" className="mt-1 text-sm text-red-600 empty:hidden">
                  {fieldErrors["hours.days"]}
                </p>
              </fieldset>
              <div className="flex items-center gap-2">
                <Checkbox
                  id="bot-all-day"
                  checked={form.allDay}
                  onCheckedChange={(checked) => update(checked === true ? { allDay: true } : { allDay: false, start: "09:00", end: "21:00" })}
                />
                <Label htmlFor="bot-all-day">{t("botSettings.allDay")}</Label>
              </div>
              {form.allDay ? null : (
                <div className="grid max-w-md gap-4 sm:grid-cols-2">
                  <Field label={t("botSettings.start")} htmlFor="bot-start" error={fieldErrors["hours.start"]}>
                    <Input type="time" value={form.start} onChange={(e) => update({ start: e.target.value })} />
                  </Field>
                  <Field label={t("botSettings.end")} htmlFor="bot-end" error={fieldErrors["hours.end"]} description={t("botSettings.endHint")}>
                    <Input type="time" value={form.end} onChange={(e) => update({ end: e.target.value })} />
                  </Field>
                </div>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("botSettings.replies")}</CardTitle>
              <CardDescription>{t("botSettings.repliesHint")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-5">
              {TEXT_FIELDS.map((key) => (
                <Field
                  key={key}
                  label={t(`botSettings.${key}`)}
                  htmlFor={`bot-${key}`}
                  error={fieldErrors[key]}
                  description={
                    <>
                      {t(`botSettings.${key}Hint`)}
                      {key === "queueFullMessage" ? <QueueLimits teams={teams.data} /> : null}
                      <span className={cn("float-right tabular-nums", form[key].length > BOT_TEXT_MAX && "font-medium text-red-600")}>
                        {t("botSettings.characters", { count: form[key].length, maximum: BOT_TEXT_MAX })}
                      </span>
                    </>
                  }
                  required
                >
                  <Textarea rows={2} value={form[key]} onChange={(e) => update({ [key]: e.target.value })} />
                </Field>
              ))}
            </CardContent>
          </Card>

          <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-500" data-testid="bot-last-change">
              {bot.data.lastChange
                ? t("botSettings.lastChange", {
                    name: bot.data.lastChange.by?.name ?? t("botSettings.someone"),
                    time: format.dateTime(new Date(bot.data.lastChange.at), { dateStyle: "medium", timeStyle: "short" }),
                  })
                : t("botSettings.neverChanged")}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="outline" onClick={() => setConfirmingDefaults(true)}>
                {t("botSettings.restoreDefaults")}
              </Button>
              <Button type="button" variant="ghost" onClick={discardChanges}>
                {t("botSettings.discard")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </div>
          </div>
        </form>
      )}

      <ConfirmDialog
        open={confirmingDefaults}
        onOpenChange={setConfirmingDefaults}
        title={t("botSettings.restoreDefaultsTitle")}
        description={t("botSettings.restoreDefaultsBody")}
        confirmLabel={t("botSettings.restoreDefaults")}
        cancelLabel={t("common.cancel")}
        onConfirm={() => {
          if (!bot.data) return;
          setForm(toForm(bot.data.defaults));
          setFieldErrors({});
          toast({ title: t("botSettings.defaultsFilled"), variant: "info" });
        }}
      />
    </div>
  );
}

/** The queue-full message goes out when a customer's place in the queue exceeds their team's limit. */
function QueueLimits({ teams }: { teams: RouterOutputs["team"]["list"] | undefined }) {
  const t = useTranslations("botSettings");
  if (!teams) return null;
  return (
    <span className="mt-1 block" data-testid="queue-limits">
      {teams.length === 0
        ? t("queueLimitsNone")
        : t("queueLimits", { limits: teams.map((team) => t("queueLimit", { team: team.name, limit: team.maxQueueLength })).join("、") })}{" "}
      <Link href="/teams" className="text-primary-600 underline-offset-4 hover:underline">
        {t("editTeams")}
      </Link>
    </span>
  );
}
