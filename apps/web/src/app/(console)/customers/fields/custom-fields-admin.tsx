"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { EmptyState } from "@kefu/ui/empty-state";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { CustomFieldFormDialog } from "./custom-field-form-dialog";

export type CustomFieldRow = RouterOutputs["customer"]["listFields"][number];

/** 自定义字段: the customer fields admins define, in the order the profile shows them; archived ones can be restored. */
export function CustomFieldsAdmin() {
  const t = useTranslations("customFields");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CustomFieldRow | "new" | null>(null);
  const list = useQuery(trpc.customer.listFields.queryOptions({ includeArchived: showArchived }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
  const move = useMutation(trpc.customer.moveField.mutationOptions({ onSettled: refresh }));
  const archive = useMutation(trpc.customer.archiveField.mutationOptions({ onSettled: refresh }));
  const fields = list.data ?? [];

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} actions={<Button onClick={() => setEditing("new")}>{t("create")}</Button>} />
      <label className="flex items-center gap-2 text-sm text-slate-600">
        <Switch checked={showArchived} onCheckedChange={setShowArchived} />
        {t("showArchived")}
      </label>
      {list.isPending ? (
        <Skeleton className="h-40" />
      ) : list.error ? (
        <EmptyState bordered title={feedback.message(list.error)} />
      ) : fields.length === 0 ? (
        <EmptyState bordered title={t("empty")} description={t("emptyHint")} />
      ) : (
        <Table framed cards data-testid="custom-field-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("label")}</TableHead>
              <TableHead>{t("key")}</TableHead>
              <TableHead>{t("type")}</TableHead>
              <TableHead>{t("rules")}</TableHead>
              <TableHead className="text-right">{tc("actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {fields.map((field, index) => (
              <TableRow key={field.id} data-custom-field={field.key}>
                <TableCell label={t("label")} className="font-medium">
                  {field.label}
                  {field.archivedAt ? <Badge className="ml-2">{t("archived")}</Badge> : null}
                </TableCell>
                <TableCell label={t("key")} className="font-mono text-xs">
                  {field.key}
                </TableCell>
                <TableCell label={t("type")}>{t(`types.${field.type}`)}</TableCell>
                <TableCell label={t("rules")} className="whitespace-normal text-slate-600">
                  <span className="flex flex-wrap gap-1">
                    {field.required ? <Badge variant="warning">{t("required")}</Badge> : null}
                    {field.pattern ? <Badge className="font-mono">{field.pattern}</Badge> : null}
                    {field.options.length ? <span>{field.options.join("、")}</span> : null}
                  </span>
                </TableCell>
                <TableCell label={tc("actions")} className="text-right whitespace-nowrap">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === 0 || move.isPending}
                    aria-label={t("moveUp", { label: field.label })}
                    onClick={() => void feedback.run(() => move.mutateAsync({ id: field.id, direction: "up" }))}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === fields.length - 1 || move.isPending}
                    aria-label={t("moveDown", { label: field.label })}
                    onClick={() => void feedback.run(() => move.mutateAsync({ id: field.id, direction: "down" }))}
                  >
                    ↓
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(field)}>
                    {tc("edit")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      void feedback.run(() => archive.mutateAsync({ id: field.id, archived: !field.archivedAt }), {
                        success: field.archivedAt ? t("restored") : t("archivedDone"),
                      })
                    }
                  >
                    {field.archivedAt ? t("restore") : t("archive")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CustomFieldFormDialog field={editing === "new" ? null : editing} open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} />
    </div>
  );
}
