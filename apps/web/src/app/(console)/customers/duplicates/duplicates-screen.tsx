"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { MERGE_SEARCH_MAX } from "@kefu/api/contracts/customer-data";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { MergeDialog, type MergePair } from "./merge-dialog";

type Group = RouterOutputs["customer"]["listDuplicates"][number];
type Candidate = RouterOutputs["customer"]["searchMergeCandidates"][number];
type MergeRow = RouterOutputs["customer"]["listMerges"][number];

/** 重复客户: suggestions with why they match, merge (also from a search), dismiss, and the recent merges to undo. */
export function DuplicatesScreen() {
  const t = useTranslations("customerMerge");
  const trpc = useTRPC();
  const [pair, setPair] = useState<MergePair | null>(null);
  const groups = useQuery(trpc.customer.listDuplicates.queryOptions({ limit: 50 }));

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <Link href="/customers/import">{t("toImport")}</Link>
          </Button>
        }
      />
      <SearchMerge onMerge={setPair} />
      {groups.isPending ? (
        <Skeleton className="h-40" />
      ) : !groups.data?.length ? (
        <EmptyState bordered title={t("none")} description={t("noneHint")} />
      ) : (
        <div className="space-y-3" data-testid="duplicate-groups">
          {groups.data.map((group) => (
            <DuplicateGroup key={`${group.reason}:${group.memberKey}`} group={group} onMerge={setPair} />
          ))}
        </div>
      )}
      <RecentMerges />
      <MergeDialog pair={pair} onOpenChange={(open) => !open && setPair(null)} />
    </div>
  );
}

function CustomerRows({ customers, action }: { customers: Candidate[]; action: (customer: Candidate) => React.ReactNode }) {
  const t = useTranslations("customerMerge");
  const format = useFormatter();
  return (
    <Table cards>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.name")}</TableHead>
          <TableHead>{t("columns.phone")}</TableHead>
          <TableHead>{t("columns.email")}</TableHead>
          <TableHead>{t("columns.externalId")}</TableHead>
          <TableHead>{t("columns.conversations")}</TableHead>
          <TableHead>{t("columns.lastSeen")}</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {customers.map((customer) => (
          <TableRow key={customer.id} data-customer={customer.id}>
            <TableCell label={t("columns.name")} className="font-medium">
              {customer.name} <span className="text-xs text-slate-400">#{customer.id}</span>
            </TableCell>
            <TableCell label={t("columns.phone")}>{customer.phone || "—"}</TableCell>
            <TableCell label={t("columns.email")}>{customer.email ?? "—"}</TableCell>
            <TableCell label={t("columns.externalId")}>{customer.externalId ?? "—"}</TableCell>
            <TableCell label={t("columns.conversations")} className="tabular-nums">
              {customer.conversationCount}
            </TableCell>
            <TableCell label={t("columns.lastSeen")}>{format.dateTime(new Date(customer.lastSeenAt), { dateStyle: "medium" })}</TableCell>
            <TableCell className="text-right">{action(customer)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DuplicateGroup({ group, onMerge }: { group: Group; onMerge: (pair: MergePair) => void }) {
  const t = useTranslations("customerMerge");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const dismiss = useMutation(trpc.customer.dismissDuplicate.mutationOptions());
  const [survivor] = group.customers;
  if (!survivor) return null;
  return (
    <Card data-duplicate-group={group.reason}>
      <CardHeader
        actions={
          <Button
            size="sm"
            variant="ghost"
            loading={dismiss.isPending}
            onClick={() =>
              void run(() => dismiss.mutateAsync({ reason: group.reason, customerIds: group.memberIds }), {
                success: t("dismissed"),
                onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.listDuplicates.queryKey() }),
              })
            }
          >
            {t("dismiss")}
          </Button>
        }
      >
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          <Badge variant="warning">{t(`reasons.${group.reason}`)}</Badge>
          <span className="font-mono text-sm">{group.shared}</span>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <CustomerRows
          customers={group.customers}
          action={(customer) =>
            customer.id === survivor.id ? (
              <Badge>{t("keepHint")}</Badge>
            ) : (
              <Button size="sm" variant="outline" onClick={() => onMerge({ survivorId: survivor.id, mergedId: customer.id })}>
                {t("mergeInto", { name: survivor.name })}
              </Button>
            )
          }
        />
      </CardContent>
    </Card>
  );
}

/** "Merge with…": find one customer, then the one to merge with it. */
function SearchMerge({ onMerge }: { onMerge: (pair: MergePair) => void }) {
  const t = useTranslations("customerMerge");
  const trpc = useTRPC();
  const [first, setFirst] = useState<Candidate | null>(null);
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const results = useQuery({
    ...trpc.customer.searchMergeCandidates.queryOptions({ query: submitted || "-", excludeId: first?.id }),
    enabled: submitted.trim().length > 0,
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{first ? t("search.second", { name: first.name }) : t("search.title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            setSubmitted(query.trim());
          }}
        >
          <Input
            type="search"
            value={query}
            maxLength={MERGE_SEARCH_MAX}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t("search.placeholder")}
            aria-label={t("search.title")}
            className="min-w-56 flex-1"
          />
          <Button type="submit" variant="outline">
            {t("search.submit")}
          </Button>
          {first ? (
            <Button type="button" variant="ghost" onClick={() => setFirst(null)}>
              {t("search.reset")}
            </Button>
          ) : null}
        </form>
        {submitted && results.data ? (
          results.data.length === 0 ? (
            <p className="text-sm text-slate-500">{t("search.noResults")}</p>
          ) : (
            <CustomerRows
              customers={results.data}
              action={(customer) =>
                first ? (
                  <Button size="sm" onClick={() => onMerge({ survivorId: first.id, mergedId: customer.id })}>
                    {t("search.mergeWith")}
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => {
                      setFirst(customer);
                      setQuery("");
                      setSubmitted("");
                    }}
                  >
                    {t("search.pick")}
                  </Button>
                )
              }
            />
          )
        ) : null}
      </CardContent>
    </Card>
  );
}

function RecentMerges() {
  const t = useTranslations("customerMerge");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const merges = useQuery(trpc.customer.listMerges.queryOptions({ limit: 20 }));
  const undo = useMutation(trpc.customer.undoMerge.mutationOptions());
  const [undoing, setUndoing] = useState<MergeRow | null>(null);
  if (!merges.data?.length) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("recent.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table cards data-testid="recent-merges">
          <TableHeader>
            <TableRow>
              <TableHead>{t("recent.what")}</TableHead>
              <TableHead>{t("recent.by")}</TableHead>
              <TableHead>{t("recent.when")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {merges.data.map((merge) => (
              <TableRow key={merge.id} data-merge={merge.id}>
                <TableCell label={t("recent.what")}>{t("recent.summary", { merged: merge.merged.name ?? "", survivor: merge.survivor.name ?? "" })}</TableCell>
                <TableCell label={t("recent.by")}>{merge.actorName}</TableCell>
                <TableCell label={t("recent.when")}>{format.dateTime(new Date(merge.createdAt), { dateStyle: "medium", timeStyle: "short" })}</TableCell>
                <TableCell className="text-right">
                  {merge.undoneAt ? (
                    <Badge>{t("recent.undone")}</Badge>
                  ) : merge.undoable ? (
                    <Button size="sm" variant="outline" onClick={() => setUndoing(merge)}>
                      {t("recent.undo")}
                    </Button>
                  ) : (
                    <span className="text-xs text-slate-400">{t("recent.expired")}</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <ConfirmDialog
          open={undoing !== null}
          onOpenChange={(open) => !open && setUndoing(null)}
          title={t("recent.confirmUndo", { merged: undoing?.merged.name ?? "", survivor: undoing?.survivor.name ?? "" })}
          confirmLabel={t("recent.undo")}
          cancelLabel={tc("cancel")}
          onConfirm={() =>
            feedback.confirm(() => undo.mutateAsync({ id: undoing!.id }), {
              success: t("recent.undoneToast"),
              onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() }),
            })
          }
        />
      </CardContent>
    </Card>
  );
}
