"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useState } from "react";
import { LimitedInput, withinLimit } from "~/components/limited-field";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { ARTICLE_STATUS_BADGE, ARTICLE_STATUSES as STATUSES, type ArticleStatus } from "./article-status";
import { categoryOptions, indentedName, type Category } from "./category-options";
import { KB_QUERY_MAX } from "@kefu/api/contracts/limits";

type Status = ArticleStatus;

/** the relevance search has no pages: it shows this many best matches */
const SEARCH_LIMIT = 50;

export function ArticleList({ categories, onCreate, onEdit }: { categories: Category[]; onCreate: () => void; onEdit: (id: number) => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<Status | "">("");
  const [categoryId, setCategoryId] = useState<number | "">("");
  const [archiving, setArchiving] = useState<{ id: number; title: string } | null>(null);
  const deferredQuery = useDeferredValue(withinLimit(query.trim(), KB_QUERY_MAX));
  const options = useMemo(() => categoryOptions(categories), [categories]);
  const categoryName = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);

  // Relevance search covers what the bot and agents can find: published articles. Drafts and archived
  // articles are found by title instead.
  const relevance = deferredQuery.length > 0 && (status === "" || status === "PUBLISHED");
  const search = useQuery(
    trpc.knowledge.search.queryOptions({ query: deferredQuery || "-", limit: SEARCH_LIMIT, ...(categoryId ? { categoryId } : {}) }, { enabled: relevance }),
  );
  const list = useInfiniteQuery(
    trpc.knowledge.list.infiniteQueryOptions(
      { limit: 30, ...(status ? { status } : {}), ...(categoryId ? { categoryId } : {}), ...(deferredQuery ? { search: deferredQuery } : {}) },
      { getNextPageParam: (page) => page.nextCursor, enabled: !relevance },
    ),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
  const publish = useMutation(trpc.knowledge.publish.mutationOptions({ onSettled: refresh }));
  const archive = useMutation(trpc.knowledge.archive.mutationOptions({ onSettled: refresh }));

  function onPublish(row: { id: number; title: string }) {
    return feedback.run(() => publish.mutateAsync({ id: row.id }), { success: t("knowledgeAdmin.publishedToast", { title: row.title }) });
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr]" role="search">
        <LimitedInput
          type="search"
          aria-label={t("knowledgeAdmin.searchLabel")}
          placeholder={t("knowledgeAdmin.searchPlaceholder")}
          value={query}
          max={KB_QUERY_MAX}
          hintId="article-search-limit"
          onChange={(e) => setQuery(e.target.value)}
        />
        <NativeSelect aria-label={t("knowledgeAdmin.status")} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
          <option value="">{t("knowledgeAdmin.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`knowledgeAdmin.statusName.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label={t("knowledgeAdmin.category")}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value ? Number(e.target.value) : "")}
        >
          <option value="">{t("knowledgeAdmin.allCategories")}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {indentedName(option)}
            </option>
          ))}
        </NativeSelect>
      </div>
      {deferredQuery ? (
        <p className="text-sm text-slate-500">{relevance ? t("knowledgeAdmin.relevanceHint", { limit: SEARCH_LIMIT }) : t("knowledgeAdmin.titleSearchHint")}</p>
      ) : null}

      {relevance ? (
        <Table framed cards data-testid="article-search-results">
          <TableHeader>
            <TableRow>
              <TableHead>{t("knowledgeAdmin.articleTitle")}</TableHead>
              <TableHead>{t("knowledgeAdmin.category")}</TableHead>
              <TableHead className="text-right">{t("knowledgeAdmin.confidence")}</TableHead>
              <TableHead className="text-right">{t("common.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {search.isPending ? (
              <LoadingRows columns={4} />
            ) : (
              search.data?.results.map((hit) => (
                <TableRow key={hit.articleId} data-article-id={hit.articleId}>
                  <TableCell label={t("knowledgeAdmin.articleTitle")} className="max-w-md">
                    <div className="font-medium text-slate-900">{hit.title}</div>
                    <p className="line-clamp-2 text-xs text-slate-500">{hit.snippet}</p>
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.category")}>
                    {hit.categoryId ? (categoryName.get(hit.categoryId) ?? "") : <span className="text-slate-400">{t("knowledgeAdmin.uncategorized")}</span>}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.confidence")} className="text-right tabular-nums">
                    {format.number(hit.confidence, { style: "percent" })}
                  </TableCell>
                  <TableCell label={t("common.actions")} className="text-right">
                    <div className="flex justify-end gap-1">
                      <Button size="sm" variant="outline" onClick={() => onEdit(hit.articleId)}>
                        {t("common.edit")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setArchiving({ id: hit.articleId, title: hit.title })}>
                        {t("knowledgeAdmin.archive")}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      ) : (
        <Table framed cards data-testid="article-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("knowledgeAdmin.articleTitle")}</TableHead>
              <TableHead>{t("knowledgeAdmin.category")}</TableHead>
              <TableHead>{t("knowledgeAdmin.status")}</TableHead>
              <TableHead className="text-right">{t("knowledgeAdmin.version")}</TableHead>
              <TableHead>{t("knowledgeAdmin.updated")}</TableHead>
              <TableHead className="text-right">{t("common.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.isPending ? (
              <LoadingRows columns={6} />
            ) : (
              rows.map((row) => (
                <TableRow key={row.id} data-article-id={row.id}>
                  <TableCell label={t("knowledgeAdmin.articleTitle")} className="max-w-md">
                    <div className="font-medium text-slate-900">{row.title}</div>
                    <div className="text-xs text-slate-500">
                      {row.author?.name ?? ""}
                      {row.status === "PUBLISHED"
                        ? ` · ${t("knowledgeUsage.line", {
                            views: row.viewCount,
                            botAnswers: row.botAnswerCount,
                            agentInserts: row.agentInsertCount,
                            helpful: row.helpfulCount,
                            unhelpful: row.unhelpfulCount,
                          })}`
                        : ""}
                    </div>
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.category")}>
                    {row.category?.name ?? <span className="text-slate-400">{t("knowledgeAdmin.uncategorized")}</span>}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.status")}>
                    <Badge variant={ARTICLE_STATUS_BADGE[row.status]} dot>
                      {t(`knowledgeAdmin.statusName.${row.status}`)}
                    </Badge>
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.version")} className="text-right tabular-nums">
                    v{row.version}
                  </TableCell>
                  <TableCell label={t("knowledgeAdmin.updated")} className="whitespace-nowrap text-slate-500">
                    {format.dateTime(new Date(row.updatedAt), { dateStyle: "short", timeStyle: "short" })}
                  </TableCell>
                  <TableCell label={t("common.actions")} className="text-right">
                    <div className="flex justify-end gap-1">
                      <Button size="sm" variant="outline" onClick={() => onEdit(row.id)}>
                        {t("common.edit")}
                      </Button>
                      {row.status !== "PUBLISHED" ? (
                        <Button size="sm" variant="outline" loading={publish.isPending && publish.variables.id === row.id} onClick={() => void onPublish(row)}>
                          {t("knowledgeAdmin.publish")}
                        </Button>
                      ) : null}
                      {row.status !== "ARCHIVED" ? (
                        <Button size="sm" variant="ghost" onClick={() => setArchiving({ id: row.id, title: row.title })}>
                          {t("knowledgeAdmin.archive")}
                        </Button>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      )}
      {relevance && search.isSuccess && search.data.results.length === 0 ? (
        <EmptyState
          bordered
          title={t("knowledgeAdmin.noMatches")}
          description={t("knowledgeAdmin.noMatchesHint")}
          action={<Button onClick={onCreate}>{t("knowledgeAdmin.create")}</Button>}
        />
      ) : null}
      {!relevance && list.isSuccess && rows.length === 0 ? (
        <EmptyState
          bordered
          title={t("knowledgeAdmin.empty")}
          description={t("knowledgeAdmin.emptyHint")}
          action={<Button onClick={onCreate}>{t("knowledgeAdmin.create")}</Button>}
        />
      ) : null}
      {relevance ? null : <LoadMore query={list} />}

      <ConfirmDialog
        open={archiving !== null}
        onOpenChange={(open) => !open && setArchiving(null)}
        title={t("knowledgeAdmin.archiveTitle", { title: archiving?.title ?? "" })}
        description={t("knowledgeAdmin.archiveBody")}
        confirmLabel={t("knowledgeAdmin.archive")}
        cancelLabel={t("common.cancel")}
        destructive
        onConfirm={() =>
          feedback.confirm(() => archive.mutateAsync({ id: archiving!.id }), { success: t("knowledgeAdmin.archivedToast", { title: archiving!.title }) })
        }
      />
    </div>
  );
}

function LoadingRows({ columns }: { columns: number }) {
  return Array.from({ length: 5 }, (_, i) => (
    <TableRow key={i}>
      <TableCell colSpan={columns}>
        <Skeleton className="h-5 w-full" />
      </TableCell>
    </TableRow>
  ));
}
