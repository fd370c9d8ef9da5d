"use client";

import { KB_TRY_BOT_QUESTION_MAX } from "@kefu/api/contracts/limits";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@kefu/ui/card";
import { cn } from "@kefu/ui/cn";
import { LimitedInput, withinLimit } from "~/components/limited-field";
import { Skeleton } from "@kefu/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

const DECISION_TONE = {
  answer: "border-emerald-200 bg-emerald-50 text-emerald-900",
  clarify: "border-amber-200 bg-amber-50 text-amber-900",
  handoff_keyword: "border-primary-200 bg-primary-50 text-primary-900",
  off_hours: "border-slate-200 bg-slate-50 text-slate-800",
  disabled: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

/** Type a customer's question and see what the bot would do with it, and why. */
export function TryBot({
  canEditBotSettings,
  onEdit,
  onCreate,
}: {
  canEditBotSettings: boolean;
  onEdit: (id: number) => void;
  onCreate: (title: string) => void;
}) {
  const t = useTranslations("knowledgeAdmin");
  const format = useFormatter();
  const trpc = useTRPC();
  const errors = useApiErrors();
  const [draft, setDraft] = useState("");
  const [question, setQuestion] = useState("");
  const preview = useQuery(trpc.knowledge.tryBot.queryOptions({ question: question || "-" }, { enabled: question.length > 0, staleTime: 0 }));
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 1 });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    if (!next) return;
    if (next === question) void preview.refetch();
    setQuestion(next);
  }

  const data = preview.data;
  const answer = data?.results.find((hit) => hit.articleId === data.answerArticleId);
  return (
    <Card data-testid="try-bot">
      <CardHeader
        actions={
          canEditBotSettings ? (
            <Link href="/settings" className="text-sm text-primary-600 underline-offset-4 hover:underline">
              {t("tryBotSettings")}
            </Link>
          ) : null
        }
      >
        <CardTitle>{t("tryBot")}</CardTitle>
        <CardDescription>{t("tryBotHint")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <form className="flex gap-2" onSubmit={onSubmit} role="search">
          <LimitedInput
            aria-label={t("tryBotQuestion")}
            placeholder={t("tryBotPlaceholder")}
            value={draft}
            max={KB_TRY_BOT_QUESTION_MAX}
            hintId="try-bot-limit"
            className="flex-1"
            onChange={(e) => setDraft(e.target.value)}
          />
          <Button type="submit" variant="outline" disabled={!withinLimit(draft.trim(), KB_TRY_BOT_QUESTION_MAX)} loading={preview.isFetching}>
            {t("tryBotAsk")}
          </Button>
        </form>
        {question && preview.isPending ? <Skeleton className="h-20" /> : null}
        {preview.isError ? <p className="text-sm text-red-600">{errors.message(preview.error)}</p> : null}
        {data ? (
          <div className="space-y-3" data-testid="try-bot-result">
            <p role="status" className={cn("rounded-md border px-3 py-2 text-sm", DECISION_TONE[data.decision])}>
              {data.decision === "answer"
                ? t("decision.answer", { title: answer?.title ?? "", confidence: percent(answer?.confidence ?? 0), threshold: percent(data.threshold) })
                : data.decision === "handoff_keyword"
                  ? t("decision.handoff_keyword", { keyword: data.handoffKeyword ?? "" })
                  : t(`decision.${data.decision}`, { threshold: percent(data.threshold) })}
            </p>
            {data.results.length > 0 ? (
              <ol className="space-y-2">
                {data.results.map((hit, index) => (
                  <li key={hit.articleId} className="rounded-md border border-slate-200 p-3 text-sm" data-article-id={hit.articleId}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-slate-400 tabular-nums">{index + 1}</span>
                      <span className="min-w-0 flex-1 font-medium text-slate-900">{hit.title}</span>
                      <Badge variant={hit.clearsThreshold ? "success" : "neutral"}>{hit.clearsThreshold ? t("clearsThreshold") : t("belowThreshold")}</Badge>
                      <Button size="sm" variant="ghost" onClick={() => onEdit(hit.articleId)}>
                        {t("edit")}
                      </Button>
                    </div>
                    <div className="mt-2 flex items-center gap-2">
                      <div
                        className="relative h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
                        role="meter"
                        aria-label={t("confidence")}
                        aria-valuemin={0}
                        aria-valuemax={1}
                        aria-valuenow={hit.confidence}
                        aria-valuetext={percent(hit.confidence)}
                      >
                        <div
                          className={cn("h-full rounded-full", hit.clearsThreshold ? "bg-emerald-500" : "bg-slate-400")}
                          style={{ width: `${Math.round(hit.confidence * 100)}%` }}
                        />
                        <div className="absolute inset-y-0 w-0.5 bg-slate-900/60" style={{ left: `${Math.round(data.threshold * 100)}%` }} aria-hidden />
                      </div>
                      <span className="w-24 text-right text-slate-600 tabular-nums">{t("confidenceValue", { value: percent(hit.confidence) })}</span>
                    </div>
                    <p className="mt-1 line-clamp-2 text-slate-500">{hit.snippet}</p>
                  </li>
                ))}
              </ol>
            ) : null}
            {data.decision === "clarify" ? (
              <Button size="sm" variant="outline" onClick={() => onCreate(question)}>
                {t("writeForQuestion")}
              </Button>
            ) : null}
            {data.terms.length > 0 ? <p className="text-xs text-slate-500">{t("terms", { terms: data.terms.join(" / ") })}</p> : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
