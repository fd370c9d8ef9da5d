"use client";

import type { CustomerFilter } from "@kefu/api/contracts/customer";
import { SEGMENT_NAME_MAX } from "@kefu/api/contracts/limits";
import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Input } from "@kefu/ui/input";
import { Switch } from "@kefu/ui/switch";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { segmentCreateInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

export type SegmentRow = RouterOutputs["customer"]["listSegments"][number];

/** 分组: the saved filters with their live counts; picking one shows its customers. */
export function SegmentPanel({ activeId, onPick }: { activeId: number | null; onPick: (segment: SegmentRow | null) => void }) {
  const t = useTranslations("customers");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const segments = useQuery(trpc.customer.listSegments.queryOptions());
  const remove = useMutation(trpc.customer.deleteSegment.mutationOptions());
  const [deleting, setDeleting] = useState<SegmentRow | null>(null);
  return (
    <nav aria-label={t("segments.title")} className="space-y-2" data-testid="segment-panel">
      <h2 className="text-sm font-medium text-slate-600">{t("segments.title")}</h2>
      <ul className="flex flex-wrap gap-1.5 lg:flex-col lg:flex-nowrap">
        <li>
          <button
            type="button"
            aria-current={activeId === null ? "true" : undefined}
            onClick={() => onPick(null)}
            className={cn("w-full rounded-md px-2.5 py-1.5 text-left text-sm", activeId === null ? "bg-primary-50 text-primary-700" : "hover:bg-slate-100")}
          >
            {t("segments.everyone")}
          </button>
        </li>
        {(segments.data ?? []).map((segment) => (
          <li key={segment.id} className="group flex items-center gap-1" data-segment={segment.name}>
            <button
              type="button"
              aria-current={activeId === segment.id ? "true" : undefined}
              onClick={() => onPick(segment)}
              className={cn(
                "flex min-w-0 flex-1 items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-left text-sm",
                activeId === segment.id ? "bg-primary-50 text-primary-700" : "hover:bg-slate-100",
              )}
            >
              <span className="truncate">{segment.name}</span>
              <span className="flex items-center gap-1">
                {segment.shared ? <Badge>{t("segments.shared")}</Badge> : null}
                <span className="text-xs text-slate-500 tabular-nums" data-testid="segment-count">
                  {segment.count}
                </span>
              </span>
            </button>
            {segment.editable ? (
              <Button size="sm" variant="ghost" aria-label={t("segments.delete", { name: segment.name })} onClick={() => setDeleting(segment)}>
                ×
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("segments.confirmDelete", { name: deleting?.name ?? "" })}
        confirmLabel={tc("delete")}
        cancelLabel={tc("cancel")}
        destructive
        onConfirm={() =>
          feedback.confirm(() => remove.mutateAsync({ id: deleting!.id }), {
            success: t("segments.deleted"),
            onSuccess: async () => {
              if (activeId === deleting?.id) onPick(null);
              await queryClient.invalidateQueries({ queryKey: trpc.customer.listSegments.queryKey() });
            },
          })
        }
      />
    </nav>
  );
}

interface SegmentForm {
  name: string;
  shared: boolean;
}

/** Save the filter on screen as a segment; sharing it with everyone is for managers. */
export function SaveSegmentDialog({
  open,
  filter,
  canShare,
  onOpenChange,
  onSaved,
}: {
  open: boolean;
  filter: CustomerFilter;
  canShare: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (id: number) => void;
}) {
  const t = useTranslations("customers");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const create = useMutation(trpc.customer.createSegment.mutationOptions());
  const resolver = useSchemaResolver<SegmentForm>(
    segmentCreateInput,
    useCallback((form: SegmentForm) => ({ ...form, filter }), [filter]),
  );
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<SegmentForm>({ defaultValues: { name: "", shared: false }, resolver });

  useEffect(() => {
    if (open) reset({ name: "", shared: false });
  }, [open, reset]);

  async function onSubmit(form: SegmentForm) {
    await run(() => create.mutateAsync({ name: form.name, shared: form.shared, filter }), {
      success: t("segments.saved", { name: form.name.trim() }),
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.listSegments.queryKey() });
        onSaved(created.id);
        onOpenChange(false);
      },
      onError: (_error, fields) => setFieldErrors(setError, fields),
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")}>
        <form onSubmit={handleSubmit(onSubmit, invalidInput)} noValidate data-testid="segment-dialog">
          <DialogHeader>
            <DialogTitle>{t("segments.save")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <LimitedField
              label={t("segments.name")}
              htmlFor="segment-name"
              value={watch("name")}
              max={SEGMENT_NAME_MAX}
              error={formState.errors.name?.message}
              required
            >
              <Input {...register("name")} />
            </LimitedField>
            {canShare ? (
              <div className="flex items-center justify-between gap-3">
                <div>
                  <label htmlFor="segment-shared" className="text-sm font-medium">
                    {t("segments.shareLabel")}
                  </label>
                  <p className="text-sm text-slate-500">{t("segments.shareHint")}</p>
                </div>
                <Controller
                  control={control}
                  name="shared"
                  render={({ field }) => <Switch id="segment-shared" checked={field.value} onCheckedChange={field.onChange} />}
                />
              </div>
            ) : null}
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={tc("save")} pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
