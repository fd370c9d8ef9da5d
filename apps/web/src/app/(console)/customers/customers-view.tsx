"use client";

import type { CustomerFilter, CustomerSortField } from "@kefu/api/contracts/customer";
import { CUSTOMER_SEARCH_MAX } from "@kefu/api/contracts/limits";
import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useCan } from "~/components/viewer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { audienceOf, draftOf, filterOf, type Draft } from "./audience";
import { BulkActionDialog, type BulkKind } from "./bulk-action-dialog";
import { ExportDialog } from "./export-dialog";
import { FilterBuilder } from "./filter-builder";
import { JobProgress } from "./job-progress";
import { SaveSegmentDialog, SegmentPanel, type SegmentRow } from "./segment-panel";

type CustomerRow = RouterOutputs["customer"]["list"]["items"][number];
type Sort = { field: CustomerSortField; direction: "asc" | "desc" };

const PAGE_SIZE = 50;
const EMPTY_DRAFT: Draft = { match: "all", conditions: [] };
const LEVEL_VARIANT = { NORMAL: "neutral", VIP: "info", SVIP: "warning" } as const;

/**
 * 客户列表: the search box and the filter builder (or a segment) decide the audience; the table shows it a page at a
 * time. Managers select rows, or every customer matching, for bulk actions and exports, which report their progress.
 */
export function CustomersView({ canManage, canReveal, canTag }: { canManage: boolean; canReveal: boolean; canTag: boolean }) {
  const canDefineFields = useCan("customer.fields");
  const t = useTranslations("customers");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [search, setSearch] = useState("");
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [groups, setGroups] = useState<CustomerFilter["conditions"]>([]);
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [showBuilder, setShowBuilder] = useState(false);
  const [sort, setSort] = useState<Sort>({ field: "lastSeenAt", direction: "desc" });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [bulkKind, setBulkKind] = useState<BulkKind | null>(null);
  const [exporting, setExporting] = useState(false);
  const [savingSegment, setSavingSegment] = useState(false);
  const [jobIds, setJobIds] = useState<number[]>([]);

  const deferredSearch = useDeferredValue(search);
  const filter = useMemo(() => filterOf(draft, deferredSearch, groups), [draft, deferredSearch, groups]);
  const viewAudience = useMemo(() => audienceOf(filter, segmentId), [filter, segmentId]);
  const options = useQuery(trpc.customer.filterOptions.queryOptions());
  const list = useInfiniteQuery({
    ...trpc.customer.list.infiniteQueryOptions({ audience: viewAudience, sort, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({ ...trpc.customer.count.queryOptions({ audience: viewAudience }), placeholderData: keepPreviousData });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = count.data?.count ?? 0;

  const clearSelection = useCallback(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, []);
  const changeDraft = (next: Draft) => {
    setDraft(next);
    setSegmentId(null);
    clearSelection();
  };
  const pickSegment = (segment: SegmentRow | null) => {
    clearSelection();
    setSearch("");
    if (!segment || !segment.filter) {
      setDraft(EMPTY_DRAFT);
      setGroups([]);
      setSegmentId(segment?.id ?? null);
      return;
    }
    const loaded = draftOf(segment.filter);
    setDraft(loaded.draft);
    setGroups(loaded.groups);
    setSegmentId(segment.id);
  };
  const sortBy = (field: CustomerSortField) => {
    setSort((current) => ({ field, direction: current.field === field && current.direction === "desc" ? "asc" : "desc" }));
  };

  const selectionAudience = allMatching ? viewAudience : { kind: "ids" as const, ids: [...selected] };
  const selectionCount = allMatching ? total : selected.size;
  const pageAllSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const refreshAfterJob = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() }), [queryClient, trpc]);

  const sortHeader = (field: CustomerSortField, label: string, className?: string) => (
    <TableHead className={className} aria-sort={sort.field === field ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className="inline-flex items-center gap-1 hover:text-slate-900" onClick={() => sortBy(field)} data-sort={field}>
        {label}
        <span aria-hidden>{sort.field === field ? (sort.direction === "asc" ? "↑" : "↓") : "↕"}</span>
      </button>
    </TableHead>
  );

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canManage || canDefineFields ? (
            <nav aria-label={t("tools")} className="flex flex-wrap gap-2">
              {canManage ? (
                <>
                  <Button asChild variant="outline" size="sm">
                    <Link href="/customers/import">{t("toolLinks.import")}</Link>
                  </Button>
                  <Button asChild variant="outline" size="sm">
                    <Link href="/customers/duplicates">{t("toolLinks.duplicates")}</Link>
                  </Button>
                </>
              ) : null}
              {canDefineFields ? (
                <Button asChild variant="outline" size="sm">
                  <Link href="/customers/fields">{t("toolLinks.fields")}</Link>
                </Button>
              ) : null}
            </nav>
          ) : null
        }
      />
      <div className="grid gap-4 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <aside className="min-w-0">
          <SegmentPanel activeId={segmentId} onPick={pickSegment} />
        </aside>
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <Input
              type="search"
              value={search}
              maxLength={CUSTOMER_SEARCH_MAX}
              onChange={(event) => {
                setSearch(event.target.value);
                setSegmentId(null);
                clearSelection();
              }}
              placeholder={t("searchPlaceholder")}
              aria-label={t("search")}
              className="min-w-0 flex-1 basis-56"
              data-testid="customer-search"
            />
            <Button variant="outline" onClick={() => setShowBuilder((shown) => !shown)} aria-expanded={showBuilder} data-testid="toggle-filters">
              {t("filters", { count: draft.conditions.length + groups.length })}
            </Button>
            <Button variant="outline" onClick={() => setSavingSegment(true)} disabled={filter.conditions.length === 0} data-testid="save-segment">
              {t("segments.save")}
            </Button>
          </div>
          {showBuilder ? <FilterBuilder draft={draft} options={options.data} extraGroups={groups.length} onChange={changeDraft} /> : null}

          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
            <span data-testid="customer-count">{t("matching", { count: total })}</span>
            {canManage && !allMatching && pageAllSelected && total > rows.length ? (
              <Button size="sm" variant="link" onClick={() => setAllMatching(true)} data-testid="select-all-matching">
                {t("selectAllMatching", { count: total })}
              </Button>
            ) : null}
          </div>

          {canManage && selectionCount > 0 ? (
            <div className="flex flex-wrap items-center gap-2 rounded-lg border border-primary-200 bg-primary-50 p-2 text-sm" data-testid="bulk-bar">
              <span className="font-medium" data-testid="selection-count">
                {allMatching ? t("selectedAll", { count: selectionCount }) : t("selected", { count: selectionCount })}
              </span>
              <Button size="sm" variant="outline" onClick={() => setBulkKind("addTags")}>
                {t("bulk.addTags")}
              </Button>
              <Button size="sm" variant="outline" onClick={() => setBulkKind("removeTags")}>
                {t("bulk.removeTags")}
              </Button>
              <Button size="sm" variant="outline" onClick={() => setBulkKind("setLevel")}>
                {t("bulk.setLevel")}
              </Button>
              <Button size="sm" variant="outline" onClick={() => setBulkKind("setOwnerTeam")}>
                {t("bulk.setOwnerTeam")}
              </Button>
              <Button size="sm" variant="outline" onClick={() => setExporting(true)}>
                {t("export.title")}
              </Button>
              <Button size="sm" variant="ghost" onClick={clearSelection}>
                {t("clearSelection")}
              </Button>
            </div>
          ) : null}

          {jobIds.map((jobId) => (
            <JobProgress key={jobId} jobId={jobId} onFinished={refreshAfterJob} onDismiss={() => setJobIds((ids) => ids.filter((id) => id !== jobId))} />
          ))}

          {list.isPending ? (
            <Skeleton className="h-60" />
          ) : list.error ? (
            <EmptyState bordered title={feedback.message(list.error)} />
          ) : rows.length === 0 ? (
            <EmptyState bordered title={t("empty")} description={t("emptyHint")} />
          ) : (
            <Table framed cards data-testid="customer-table">
              <TableHeader>
                <TableRow>
                  {canManage ? (
                    <TableHead>
                      <Checkbox
                        aria-label={t("selectPage")}
                        checked={allMatching || pageAllSelected}
                        onCheckedChange={(checked) => {
                          setAllMatching(false);
                          setSelected(checked === true ? new Set(rows.map((row) => row.id)) : new Set());
                        }}
                        data-testid="select-page"
                      />
                    </TableHead>
                  ) : null}
                  {sortHeader("name", t("columns.name"))}
                  <TableHead>{t("columns.phone")}</TableHead>
                  {sortHeader("level", t("columns.level"))}
                  <TableHead>{t("columns.tags")}</TableHead>
                  <TableHead>{t("columns.ownerTeam")}</TableHead>
                  {sortHeader("conversationCount", t("columns.conversationCount"))}
                  {sortHeader("lastSeenAt", t("columns.lastSeenAt"))}
                  {sortHeader("firstSeenAt", t("columns.firstSeenAt"))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row: CustomerRow) => (
                  <TableRow key={row.id} data-customer-id={row.id} data-state={allMatching || selected.has(row.id) ? "selected" : undefined}>
                    {canManage ? (
                      <TableCell label={t("columns.select")}>
                        <Checkbox
                          aria-label={t("selectRow", { name: row.name })}
                          checked={allMatching || selected.has(row.id)}
                          disabled={allMatching}
                          onCheckedChange={(checked) =>
                            setSelected((current) => {
                              const next = new Set(current);
                              if (checked === true) next.add(row.id);
                              else next.delete(row.id);
                              return next;
                            })
                          }
                        />
                      </TableCell>
                    ) : null}
                    <TableCell label={t("columns.name")} className="font-medium">
                      <Link href={`/customers/${row.id}`} className="text-primary-700 hover:underline">
                        {row.name}
                      </Link>
                    </TableCell>
                    <TableCell label={t("columns.phone")} className="tabular-nums">
                      {row.phone || "—"}
                    </TableCell>
                    <TableCell label={t("columns.level")}>
                      <Badge variant={LEVEL_VARIANT[row.level]}>{t(`levels.${row.level}`)}</Badge>
                    </TableCell>
                    <TableCell label={t("columns.tags")} className="whitespace-normal">
                      <span className="flex flex-wrap gap-1">
                        {row.tags.map((tag) => (
                          <Badge key={tag.id}>{tag.name}</Badge>
                        ))}
                      </span>
                    </TableCell>
                    <TableCell label={t("columns.ownerTeam")}>{row.ownerTeam?.name ?? "—"}</TableCell>
                    <TableCell label={t("columns.conversationCount")} className="tabular-nums">
                      {row.conversationCount}
                    </TableCell>
                    <TableCell label={t("columns.lastSeenAt")}>
                      {format.dateTime(new Date(row.lastSeenAt), { dateStyle: "short", timeStyle: "short" })}
                    </TableCell>
                    <TableCell label={t("columns.firstSeenAt")}>{format.dateTime(new Date(row.firstSeenAt), { dateStyle: "short" })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <LoadMore query={list} />
        </div>
      </div>

      {canManage ? (
        <>
          <BulkActionDialog
            kind={bulkKind}
            audience={selectionAudience}
            count={selectionCount}
            options={options.data}
            canTag={canTag}
            onOpenChange={(open) => !open && setBulkKind(null)}
            onStarted={(jobId) => setJobIds((ids) => [...ids, jobId])}
          />
          <ExportDialog
            open={exporting}
            audience={selectionAudience}
            count={selectionCount}
            canReveal={canReveal}
            onOpenChange={setExporting}
            onStarted={(jobId) => setJobIds((ids) => [...ids, jobId])}
          />
        </>
      ) : null}
      <SaveSegmentDialog open={savingSegment} filter={filter} canShare={canManage} onOpenChange={setSavingSegment} onSaved={(id) => setSegmentId(id)} />
    </div>
  );
}
