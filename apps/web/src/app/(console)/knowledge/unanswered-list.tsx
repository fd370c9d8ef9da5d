"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

type Question = RouterOutputs["knowledge"]["listUnanswered"]["items"][number];
type Status = Question["status"];
type Sort = "count" | "recent";

const STATUSES: Status[] = ["OPEN", "RESOLVED", "IGNORED"];
const STATUS_BADGE = { OPEN: "warning", RESOLVED: "success", IGNORED: "neutral" } as const;

export function UnansweredList({ onWriteArticle, onOpenArticle }: { onWriteArticle: (question: Question) => void; onOpenArticle: (id: number) => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [status, setStatus] = useState<Status | "">("OPEN");
  const [sort, setSort] = useState<Sort>("count");
  const list = useInfiniteQuery(
    trpc.knowledge.listUnanswered.infiniteQueryOptions({ limit: 30, sort, ...(status ? { status } : {}) }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const setQuestionStatus = useMutation(
    trpc.knowledge.updateUnanswered.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.listUnanswered.pathKey() }) }),
  );
  const now = Date.now();

  function changeStatus(question: Question, next: Status) {
    return feedback.run(() => setQuestionStatus.mutateAsync({ id: question.id, status: next }), { success: t(`knowledgeAdmin.questionToast.${next}`) });
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-2 sm:grid-cols-[1fr_1fr_2fr]">
        <NativeSelect aria-label={t("knowledgeAdmin.questionStatus")} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
          <option value="">{t("knowledgeAdmin.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`knowledgeAdmin.questionStatusName.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("knowledgeAdmin.sort")} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          <option value="count">{t("knowledgeAdmin.sortCount")}</option>
          <option value="recent">{t("knowledgeAdmin.sortRecent")}</option>
        </NativeSelect>
        <p className="self-center text-sm text-slate-500">{t("knowledgeAdmin.unansweredHint")}</p>
      </div>
      <Table framed cards data-testid="unanswered-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("knowledgeAdmin.question")}</TableHead>
            <TableHead className="text-right">{t("knowledgeAdmin.asked")}</TableHead>
            <TableHead>{t("knowledgeAdmin.lastAsked")}</TableHead>
            <TableHead>{t("knowledgeAdmin.relatedArticle")}</TableHead>
            <TableHead>{t("knowledgeAdmin.questionStatus")}</TableHead>
            <TableHead className="text-right">{t("common.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isPending
            ? Array.from({ length: 5 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={6}>
                    <Skeleton className="h-5 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : rows.map((question) => (
                <TableRow key={question.id} data-question-id={question.id}>
                  <TableCell label={t("knowledgeAdmin.question")} className="max-w-md font-medium break-words text-slate-900">
                    {question.question}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.asked")} className="text-right tabular-nums">
                    {t("knowledgeAdmin.askedTimes", { count: question.count })}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.lastAsked")} className="whitespace-nowrap text-slate-500">
                    {format.relativeTime(new Date(question.lastAskedAt), now)}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.relatedArticle")} className="max-w-48">
                    {question.article ? (
                      <Button variant="link" size="sm" className="h-auto text-left whitespace-normal" onClick={() => onOpenArticle(question.article!.id)}>
                        {question.article.title}
                      </Button>
                    ) : (
                      <span className="text-slate-400">{t("knowledgeAdmin.noArticle")}</span>
                    )}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.questionStatus")}>
                    <Badge variant={STATUS_BADGE[question.status]}>{t(`knowledgeAdmin.questionStatusName.${question.status}`)}</Badge>
                  </TableCell>
                  <TableCell label={t("common.actions")} className="text-right">
                    <div className="flex flex-wrap justify-end gap-1">
                      {question.status === "OPEN" ? (
                        <>
                          <Button size="sm" variant="outline" onClick={() => onWriteArticle(question)}>
                            {t("knowledgeAdmin.writeArticle")}
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => void changeStatus(question, "RESOLVED")}>
                            {t("knowledgeAdmin.markResolved")}
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => void changeStatus(question, "IGNORED")}>
                            {t("knowledgeAdmin.ignore")}
                          </Button>
                        </>
                      ) : (
                        <Button size="sm" variant="ghost" onClick={() => void changeStatus(question, "OPEN")}>
                          {t("knowledgeAdmin.reopen")}
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
      {list.isSuccess && rows.length === 0 ? (
        <EmptyState bordered title={t("knowledgeAdmin.noQuestions")} description={t("knowledgeAdmin.noQuestionsHint")} />
      ) : null}
      <LoadMore query={list} />
    </div>
  );
}
