"use client";

import { KB_QUERY_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState, type RefObject } from "react";
import { useTRPC } from "~/trpc/react";
import { LimitedInput, withinLimit } from "~/components/limited-field";

const plain = (text: string) => text.replace(/<[^>]*>/g, "");

export function KnowledgePanel({ inputRef, onInsert }: { inputRef: RefObject<HTMLInputElement | null>; onInsert: ((text: string) => void) | null }) {
  const t = useTranslations("workspace.knowledge");
  const tUse = useTranslations("knowledgeUse");
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(withinLimit(query.trim(), KB_QUERY_MAX));
  const search = useQuery(trpc.knowledge.search.queryOptions({ query: deferred || "-", limit: 5 }, { enabled: deferred.length > 0, staleTime: 60_000 }));
  const results = deferred ? (search.data?.results ?? []) : [];
  // uses are counted for the knowledge admin's list; a lost count never bothers the agent
  const recordUse = useMutation(trpc.knowledge.recordUse.mutationOptions());
  const [expandedId, setExpandedId] = useState<number | null>(null);
  const expanded = useQuery(trpc.knowledge.get.queryOptions({ id: expandedId ?? 0 }, { enabled: expandedId !== null, staleTime: 60_000 }));
  return (
    <section aria-labelledby="knowledge-panel-title" className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="knowledge-panel">
      <h2 id="knowledge-panel-title" className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t("title")}
      </h2>
      <LimitedInput
        ref={inputRef}
        type="search"
        aria-label={t("search")}
        placeholder={t("placeholder")}
        value={query}
        max={KB_QUERY_MAX}
        hintId="knowledge-panel-limit"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") e.currentTarget.blur();
        }}
      />
      <div className="mt-2 space-y-2">
        {!deferred ? <p className="text-slate-500">{t("hint")}</p> : null}
        {deferred && search.isPending ? <Skeleton className="h-16 w-full" /> : null}
        {deferred && search.isSuccess && results.length === 0 ? <p className="text-slate-500">{t("empty")}</p> : null}
        {results.map((hit) => (
          <article key={hit.articleId} className="rounded-md border border-slate-100 p-2">
            <div className="flex items-start justify-between gap-2">
              <h3 className="font-medium text-slate-900">{hit.title}</h3>
              {onInsert ? (
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => {
                    onInsert(plain(hit.snippet));
                    recordUse.mutate({ articleId: hit.articleId, use: "insert" });
                  }}
                >
                  {t("insert")}
                </Button>
              ) : null}
            </div>
            {expandedId === hit.articleId && expanded.data ? (
              <p className="mt-1 whitespace-pre-line text-slate-600">{plain(expanded.data.body)}</p>
            ) : (
              <p className="mt-1 line-clamp-4 text-slate-600">{plain(hit.snippet)}</p>
            )}
            <Button
              size="sm"
              variant="ghost"
              className="mt-1 h-7 px-2 text-xs"
              aria-expanded={expandedId === hit.articleId}
              onClick={() => {
                if (expandedId === hit.articleId) return setExpandedId(null);
                setExpandedId(hit.articleId);
                recordUse.mutate({ articleId: hit.articleId, use: "view" });
              }}
            >
              {expandedId === hit.articleId ? tUse("hideFull") : tUse("readFull")}
            </Button>
          </article>
        ))}
      </div>
    </section>
  );
}
