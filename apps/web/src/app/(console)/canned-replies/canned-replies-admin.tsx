"use client";

import { matchCannedReplies } from "@kefu/api/contracts/canned-reply";
import { CANNED_QUERY_MAX } from "@kefu/api/contracts/limits";
import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { CannedReplyFormDialog } from "./canned-reply-form-dialog";
import { scopeFromKey, type ScopeKey } from "./scope";

export type CannedReplyRow = RouterOutputs["cannedReply"]["list"]["items"][number];

/**
 * 快捷回复 management: the actor's personal set, their teams' sets and the shared one; each set in its own order,
 * with categories. Who may change a set is the server's answer (`canManage`).
 */
export function CannedRepliesAdmin() {
  const t = useTranslations("cannedReplies");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [scopeKey, setScopeKey] = useState<ScopeKey>("personal");
  const [filter, setFilter] = useState("");
  const [editing, setEditing] = useState<CannedReplyRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<CannedReplyRow | null>(null);
  const scopes = useQuery(trpc.cannedReply.listScopes.queryOptions());
  const scope = scopeFromKey(scopeKey);
  const list = useQuery(trpc.cannedReply.list.queryOptions({ scope }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.cannedReply.pathKey() });
  const move = useMutation(trpc.cannedReply.move.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.cannedReply.delete.mutationOptions({ onSettled: refresh }));

  const canManage = list.data?.canManage ?? false;
  const items = list.data?.items ?? [];
  const shown = filter.trim() ? matchCannedReplies(items, filter) : items;
  const categories = [...new Set(items.map((r) => r.category).filter(Boolean))];

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={canManage ? <Button onClick={() => setEditing("new")}>{t("create")}</Button> : null}
      />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">{t("set")}</span>
          <NativeSelect value={scopeKey} onChange={(event) => setScopeKey(event.target.value as ScopeKey)} aria-label={t("set")} data-testid="canned-scope">
            <option value="personal">{t("scope.personal")}</option>
            {scopes.data?.teams.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {t("scope.team", { name: team.name })}
              </option>
            ))}
            <option value="shared">{t("scope.shared")}</option>
          </NativeSelect>
        </label>
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
          <span className="text-slate-600">{t("filter")}</span>
          <Input
            type="search"
            value={filter}
            maxLength={CANNED_QUERY_MAX}
            onChange={(event) => setFilter(event.target.value)}
            placeholder={t("filterPlaceholder")}
          />
        </label>
        {!canManage && list.data ? <Badge>{t("readOnlySet")}</Badge> : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-40" />
      ) : list.error ? (
        <EmptyState bordered title={feedback.message(list.error)} />
      ) : shown.length === 0 ? (
        <EmptyState
          bordered
          title={filter.trim() ? t("noMatch", { query: filter.trim() }) : t("empty")}
          description={filter.trim() ? undefined : t("emptyHint")}
        />
      ) : (
        <Table framed data-testid="canned-reply-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("fields.shortcut")}</TableHead>
              <TableHead>{t("fields.title")}</TableHead>
              <TableHead>{t("fields.category")}</TableHead>
              <TableHead>{t("fields.body")}</TableHead>
              {canManage ? <TableHead className="text-right">{t("actions")}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((reply, index) => (
              <TableRow key={reply.id} data-canned-reply={reply.shortcut}>
                <TableCell className="font-mono text-primary-700">/{reply.shortcut}</TableCell>
                <TableCell className="font-medium">{reply.title}</TableCell>
                <TableCell>{reply.category ? <Badge>{reply.category}</Badge> : <span className="text-slate-400">{t("noCategory")}</span>}</TableCell>
                <TableCell className="max-w-md truncate text-slate-600" title={reply.body}>
                  {reply.body}
                </TableCell>
                {canManage ? (
                  <TableCell className="text-right whitespace-nowrap">
                    {filter.trim() ? null : (
                      <>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={index === 0 || move.isPending}
                          aria-label={t("moveUp", { title: reply.title })}
                          onClick={() => void feedback.run(() => move.mutateAsync({ id: reply.id, direction: "up" }))}
                        >
                          ↑
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={index === shown.length - 1 || move.isPending}
                          aria-label={t("moveDown", { title: reply.title })}
                          onClick={() => void feedback.run(() => move.mutateAsync({ id: reply.id, direction: "down" }))}
                        >
                          ↓
                        </Button>
                      </>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => setEditing(reply)}>
                      {tc("edit")}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(reply)}>
                      {tc("delete")}
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canManage ? (
        <>
          <CannedReplyFormDialog
            scope={scope}
            reply={editing === "new" ? null : editing}
            categories={categories}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
          />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(open) => !open && setDeleting(null)}
            title={t("confirmDelete", { title: deleting?.title ?? "" })}
            confirmLabel={tc("delete")}
            cancelLabel={tc("cancel")}
            destructive
            onConfirm={() => feedback.confirm(() => remove.mutateAsync({ id: deleting!.id }), { success: t("deleted") })}
          />
        </>
      ) : null}
    </div>
  );
}
