"use client";

import { conversationPath } from "@kefu/api/contracts/links";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useTRPC } from "~/trpc/react";

type Outcome = "" | "helpful" | "unhelpful";

function SkeletonRows({ columns }: { columns: number }) {
  return Array.from({ length: 3 }, (_, i) => (
    <TableRow key={i}>
      <TableCell colSpan={columns}>
        <Skeleton className="h-5 w-full" />
      </TableCell>
    </TableRow>
  ));
}

/**
 * What customers said about the bot's answers: the published articles that help least (worst helpful rate first),
 * and the ratings themselves, newest first, each leading to its conversation. Picking an article narrows the ratings.
 */
export function AnswerFeedbackList({ onOpenArticle }: { onOpenArticle: (id: number) => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<Outcome>("unhelpful");
  const [article, setArticle] = useState<{ id: number; title: string } | null>(null);
  const low = useQuery(trpc.knowledge.listLowPerformers.queryOptions());
  const ratings = useInfiniteQuery(
    trpc.knowledge.listFeedback.infiniteQueryOptions(
      { limit: 30, ...(article ? { articleId: article.id } : {}), ...(outcome ? { helpful: outcome === "helpful" } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = ratings.data?.pages.flatMap((page) => page.items) ?? [];
  const percent = (rate: number | null) => (rate === null ? "–" : format.number(rate, { style: "percent", maximumFractionDigits: 0 }));

  return (
    <div className="space-y-6">
      <section className="space-y-2" aria-labelledby="low-performers-heading">
        <h2 id="low-performers-heading" className="text-base font-semibold text-slate-900">
          {t("knowledgeFeedback.lowTitle")}
        </h2>
        <p className="text-sm text-slate-500">{t("knowledgeFeedback.lowHint")}</p>
        <Table framed cards data-testid="low-performers">
          <TableHeader>
            <TableRow>
              <TableHead>{t("knowledgeAdmin.articleTitle")}</TableHead>
              <TableHead className="text-right">{t("knowledgeFeedback.helpfulRate")}</TableHead>
              <TableHead className="text-right">{t("knowledgeFeedback.helpful")}</TableHead>
              <TableHead className="text-right">{t("knowledgeFeedback.unhelpful")}</TableHead>
              <TableHead className="text-right">{t("knowledgeFeedback.botAnswers")}</TableHead>
              <TableHead className="text-right">{t("common.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {low.isPending ? (
              <SkeletonRows columns={6} />
            ) : (
              (low.data ?? []).map((row) => (
                <TableRow key={row.id} data-article-id={row.id}>
                  <TableCell label={t("knowledgeAdmin.articleTitle")} className="max-w-md font-medium text-slate-900">
                    {row.title}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.helpfulRate")} className="text-right tabular-nums">
                    {percent(row.helpfulRate)}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.helpful")} className="text-right tabular-nums">
                    {row.helpful}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.unhelpful")} className="text-right tabular-nums">
                    {row.unhelpful}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.botAnswers")} className="text-right tabular-nums">
                    {row.botAnswers}
                  </TableCell>
                  <TableCell label={t("common.actions")} className="text-right">
                    <div className="flex flex-wrap justify-end gap-1">
                      <Button size="sm" variant="outline" onClick={() => setArticle({ id: row.id, title: row.title })}>
                        {t("knowledgeFeedback.showRatings")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => onOpenArticle(row.id)}>
                        {t("common.edit")}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {low.isSuccess && low.data.length === 0 ? <EmptyState bordered title={t("knowledgeFeedback.noLow")} /> : null}
      </section>

      <section className="space-y-2" aria-labelledby="ratings-heading">
        <h2 id="ratings-heading" className="text-base font-semibold text-slate-900">
          {t("knowledgeFeedback.ratingsTitle")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect aria-label={t("knowledgeFeedback.outcome")} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} className="w-40">
            <option value="">{t("knowledgeFeedback.allOutcomes")}</option>
            <option value="unhelpful">{t("knowledgeFeedback.unhelpful")}</option>
            <option value="helpful">{t("knowledgeFeedback.helpful")}</option>
          </NativeSelect>
          {article ? (
            <span className="flex items-center gap-1 text-sm text-slate-600" data-testid="ratings-article">
              {t("knowledgeFeedback.forArticle", { title: article.title })}
              <Button size="sm" variant="link" onClick={() => setArticle(null)}>
                {t("knowledgeFeedback.allArticles")}
              </Button>
            </span>
          ) : null}
        </div>
        <Table framed cards data-testid="answer-ratings">
          <TableHeader>
            <TableRow>
              <TableHead>{t("knowledgeAdmin.articleTitle")}</TableHead>
              <TableHead>{t("knowledgeFeedback.outcome")}</TableHead>
              <TableHead>{t("knowledgeFeedback.reason")}</TableHead>
              <TableHead>{t("knowledgeFeedback.ratedAt")}</TableHead>
              <TableHead className="text-right">{t("knowledgeFeedback.conversation")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {ratings.isPending ? (
              <SkeletonRows columns={5} />
            ) : (
              rows.map((row) => (
                <TableRow key={row.id} data-feedback-id={row.id}>
                  <TableCell label={t("knowledgeAdmin.articleTitle")} className="max-w-md">
                    <Button variant="link" size="sm" className="h-auto text-left whitespace-normal" onClick={() => onOpenArticle(row.article.id)}>
                      {row.article.title}
                    </Button>
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.outcome")}>
                    <Badge variant={row.helpful ? "success" : "warning"}>{t(row.helpful ? "knowledgeFeedback.helpful" : "knowledgeFeedback.unhelpful")}</Badge>
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.reason")} className="max-w-xs break-words text-slate-700">
                    {row.reason && t.has(`knowledgeFeedback.reasons.${row.reason}`) ? t(`knowledgeFeedback.reasons.${row.reason}`) : null}
                    {row.comment ? <span className="block text-slate-500">{row.comment}</span> : null}
                    {!row.reason && !row.comment ? <span className="text-slate-400">–</span> : null}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.ratedAt")} className="whitespace-nowrap text-slate-500">
                    {format.dateTime(new Date(row.createdAt), { dateStyle: "short", timeStyle: "short" })}
                  </TableCell>
                  <TableCell label={t("knowledgeFeedback.conversation")} className="text-right">
                    {row.conversationId ? (
                      <Link className="text-primary-700 underline-offset-2 hover:underline" href={conversationPath(row.conversationId)}>
                        {t("knowledgeFeedback.openConversation", { id: row.conversationId })}
                      </Link>
                    ) : (
                      <span className="text-slate-400">–</span>
                    )}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {ratings.isSuccess && rows.length === 0 ? <EmptyState bordered title={t("knowledgeFeedback.noRatings")} /> : null}
        <LoadMore query={ratings} />
      </section>
    </div>
  );
}
