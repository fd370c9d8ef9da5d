"use client";

import type { FieldIssue } from "@kefu/api/client";
import { AUTOQA_POINTS_MAX, AUTOQA_RULE_NAME_MAX, AUTOQA_SAMPLE_MAX, type AutoQaRuleType } from "@kefu/api/contracts/autoqa";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { flagText, highlightPieces, type FlagDetailView } from "../flag-text";
import { SEVERITY_BADGE, type AutoQaRuleRow } from "./autoqa-rules";

type ConfigField = { key: string; kind: "phrases" | "number" | "boolean" };

/** The settings each rule type has, in the order the form shows them. */
const CONFIG_FIELDS: Record<AutoQaRuleType, ConfigField[]> = {
  FORBIDDEN_WORDS: [
    { key: "words", kind: "phrases" },
    { key: "whitelist", kind: "phrases" },
  ],
  GREETING: [
    { key: "phrases", kind: "phrases" },
    { key: "withinFirst", kind: "number" },
  ],
  CLOSING: [
    { key: "phrases", kind: "phrases" },
    { key: "withinLast", kind: "number" },
  ],
  SLOW_RESPONSE: [
    { key: "firstResponseSeconds", kind: "number" },
    { key: "replySeconds", kind: "number" },
  ],
  REPEATED_TEXT: [
    { key: "times", kind: "number" },
    { key: "withinTurns", kind: "number" },
  ],
  IMPOLITE: [{ key: "phrases", kind: "phrases" }],
  COMPLAINT_RISK: [{ key: "words", kind: "phrases" }],
  PERSONAL_DATA: [
    { key: "idNumber", kind: "boolean" },
    { key: "phone", kind: "boolean" },
    { key: "bankCard", kind: "boolean" },
  ],
  PROCESS_ORDER: [
    { key: "first", kind: "phrases" },
    { key: "then", kind: "phrases" },
  ],
};

type ConfigValues = Record<string, string | boolean>;

function toFormValues(type: AutoQaRuleType, config: unknown): ConfigValues {
  const source = (config ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    CONFIG_FIELDS[type].map(({ key, kind }): [string, string | boolean] => {
      const value = source[key];
      if (kind === "phrases") return [key, Array.isArray(value) ? value.join("\n") : ""];
      if (kind === "boolean") return [key, value === true];
      return [key, typeof value === "number" ? String(value) : ""];
    }),
  );
}

/** One phrase per line; blank lines are spacing, not phrases. */
function toConfig(type: AutoQaRuleType, values: ConfigValues): Record<string, unknown> {
  return Object.fromEntries(
    CONFIG_FIELDS[type].map(({ key, kind }): [string, unknown] => {
      const value = values[key];
      if (kind === "phrases")
        return [
          key,
          String(value ?? "")
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean),
        ];
      if (kind === "boolean") return [key, value === true];
      return [key, value === "" ? null : Number(value)];
    }),
  );
}

type TestResult = { lines: { line: number; speaker: "CUSTOMER" | "AGENT"; body: string }[]; flags: { line: number | null; detail: FlagDetailView }[] };

export function AutoQaRuleDialog({ rule, canManage, onClose }: { rule: AutoQaRuleRow | null; canManage: boolean; onClose: () => void }) {
  const t = useTranslations("autoQa");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useApiErrors();
  const { run, fieldErrors, setFieldErrors, resetFieldErrors } = useMutationFeedback();
  const [name, setName] = useState("");
  const [severity, setSeverity] = useState<AutoQaRuleRow["severity"]>("MEDIUM");
  const [points, setPoints] = useState("0");
  const [enabled, setEnabled] = useState(true);
  const [config, setConfig] = useState<ConfigValues>({});
  const [sample, setSample] = useState("");
  const [result, setResult] = useState<TestResult | null>(null);
  const update = useMutation(trpc.qa.updateAutoQaRule.mutationOptions());
  const test = useMutation(trpc.qa.testAutoQaRule.mutationOptions());

  useEffect(() => {
    if (!rule) return;
    resetFieldErrors();
    setName(rule.name);
    setSeverity(rule.severity);
    setPoints(String(rule.points));
    setEnabled(rule.enabled);
    setConfig(toFormValues(rule.type, rule.config));
    setSample(t(`types.${rule.type}.sample`));
    setResult(null);
  }, [rule, resetFieldErrors, t]);

  if (!rule) return null;
  const type = rule.type;

  /** `config.words.3` → `words`: the error goes under the setting, whichever line broke it */
  function showIssues(error: unknown) {
    const issues = (error as { data?: { fieldIssues?: FieldIssue[] } } | null)?.data?.fieldIssues ?? [];
    const next: Record<string, string> = {};
    for (const issue of issues) {
      const [head, key, line] = issue.path.split(".");
      const field = head === "config" && key ? key : head!;
      const text = errors.issueText(issue);
      next[field] ??= line !== undefined && /^\d+$/.test(line) ? t("lineError", { line: Number(line) + 1, error: text }) : text;
    }
    if (Object.keys(next).length) setFieldErrors(next);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!rule) return;
    const input = { id: rule.id, name, severity, points: Number(points), enabled, type, config: toConfig(type, config) } as Parameters<
      typeof update.mutateAsync
    >[0];
    await run(() => update.mutateAsync(input), {
      success: t("saved"),
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.qa.listAutoQaRules.queryKey() });
        onClose();
      },
      onError: showIssues,
    });
  }

  async function onTest() {
    const input = { type, config: toConfig(type, config), sample } as Parameters<typeof test.mutateAsync>[0];
    const answer = await run(() => test.mutateAsync(input), { onError: showIssues });
    if (answer) setResult(answer);
  }

  const flagsByLine = new Map<number, { detail: FlagDetailView }[]>();
  for (const flag of result?.flags ?? []) if (flag.line !== null) flagsByLine.set(flag.line, [...(flagsByLine.get(flag.line) ?? []), flag]);

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{t("dialogTitle", { name: rule.name })}</DialogTitle>
            <p className="text-sm text-slate-600">{t(`types.${type}.hint`)}</p>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <fieldset disabled={!canManage} className="space-y-4">
              <div className="grid gap-4 sm:grid-cols-3">
                <Field label={t("fields.name")} htmlFor="autoqa-name" error={fieldErrors.name} required className="sm:col-span-3">
                  <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={AUTOQA_RULE_NAME_MAX} />
                </Field>
                <Field label={t("fields.severity")} htmlFor="autoqa-severity" error={fieldErrors.severity}>
                  <NativeSelect value={severity} onChange={(e) => setSeverity(e.target.value as AutoQaRuleRow["severity"])}>
                    {(["LOW", "MEDIUM", "HIGH"] as const).map((level) => (
                      <option key={level} value={level}>
                        {t(`severity.${level}`)}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
                <Field label={t("fields.points")} htmlFor="autoqa-points" error={fieldErrors.points} description={t("pointsHint")}>
                  <Input type="number" inputMode="numeric" min={0} max={AUTOQA_POINTS_MAX} value={points} onChange={(e) => setPoints(e.target.value)} />
                </Field>
                <label className="flex items-center gap-2 self-end pb-2 text-sm">
                  <Checkbox checked={enabled} onCheckedChange={(value) => setEnabled(value === true)} />
                  {t("fields.enabled")}
                </label>
              </div>
              <div className="grid gap-4 sm:grid-cols-2">
                {CONFIG_FIELDS[type].map(({ key, kind }) =>
                  kind === "boolean" ? (
                    <label key={key} className="flex items-center gap-2 text-sm">
                      <Checkbox checked={config[key] === true} onCheckedChange={(value) => setConfig({ ...config, [key]: value === true })} />
                      {t(`config.${key}`)}
                    </label>
                  ) : (
                    <Field
                      key={key}
                      label={t(`config.${key}`)}
                      htmlFor={`autoqa-${key}`}
                      error={fieldErrors[key]}
                      description={kind === "phrases" ? t("onePerLine") : undefined}
                      className={kind === "phrases" ? "sm:col-span-1" : undefined}
                    >
                      {kind === "phrases" ? (
                        <Textarea rows={5} value={String(config[key] ?? "")} onChange={(e) => setConfig({ ...config, [key]: e.target.value })} />
                      ) : (
                        <Input
                          type="number"
                          inputMode="numeric"
                          min={1}
                          value={String(config[key] ?? "")}
                          onChange={(e) => setConfig({ ...config, [key]: e.target.value })}
                        />
                      )}
                    </Field>
                  ),
                )}
              </div>
              {fieldErrors.idNumber && type === "PERSONAL_DATA" ? <p className="text-sm text-red-700">{fieldErrors.idNumber}</p> : null}
            </fieldset>
            <section aria-labelledby="autoqa-test-title" className="space-y-2 rounded-md border border-slate-200 p-3">
              <h3 id="autoqa-test-title" className="text-sm font-medium text-slate-900">
                {t("test.title")}
              </h3>
              <Field label={t("test.sample")} htmlFor="autoqa-sample" error={fieldErrors.sample} description={t("test.sampleHint")}>
                <Textarea rows={5} value={sample} onChange={(e) => setSample(e.target.value)} maxLength={AUTOQA_SAMPLE_MAX} />
              </Field>
              <Button type="button" variant="outline" size="sm" onClick={() => void onTest()} disabled={test.isPending}>
                {t("test.run")}
              </Button>
              {result ? (
                <div data-testid="autoqa-test-result" className="space-y-1 text-sm">
                  <p className="font-medium text-slate-900">{result.flags.length ? t("test.hits", { count: result.flags.length }) : t("test.noHits")}</p>
                  <ol className="space-y-1">
                    {result.lines.map((line) => {
                      const flags = flagsByLine.get(line.line) ?? [];
                      return (
                        <li key={line.line} className={flags.length ? "rounded bg-red-50 px-2 py-1" : "px-2 py-1"}>
                          <span className="text-slate-500">{t(`test.speaker.${line.speaker}`)}：</span>
                          {highlightPieces(
                            line.body,
                            flags.flatMap((f) => f.detail.highlights ?? []),
                          ).map((piece, i) =>
                            piece.marked ? (
                              <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900">
                                {piece.text}
                              </mark>
                            ) : (
                              <span key={i}>{piece.text}</span>
                            ),
                          )}
                          {flags.map((flag, i) => (
                            <Badge key={i} variant={SEVERITY_BADGE[severity]} className="ml-2">
                              {flagText(t, flag.detail)}
                            </Badge>
                          ))}
                        </li>
                      );
                    })}
                  </ol>
                </div>
              ) : null}
            </section>
          </DialogBody>
          {canManage ? (
            <FormDialogFooter onCancel={onClose} submitLabel={tc("save")} pending={update.isPending} />
          ) : (
            <div className="flex justify-end border-t border-slate-200 px-6 py-4">
              <Button type="button" variant="outline" onClick={onClose}>
                {tc("close")}
              </Button>
            </div>
          )}
        </form>
      </DialogContent>
    </Dialog>
  );
}
