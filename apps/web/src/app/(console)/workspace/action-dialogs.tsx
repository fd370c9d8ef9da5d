"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { NativeSelect } from "@kefu/ui/native-select";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { LimitedField, overLimit } from "~/components/limited-field";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { HandoverTargetFields, type HandoverMode } from "~/components/handover-target-fields";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { NOTE_MAX } from "@kefu/api/contracts/limits";

export type TransferTargets = RouterOutputs["conversation"]["listTransferTargets"];

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: number;
  onDone: () => void;
}

export function TransferDialog({ open, onOpenChange, conversationId, targets, onDone }: DialogProps & { targets: TransferTargets | undefined }) {
  const t = useTranslations("workspace");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors, resetFieldErrors } = useMutationFeedback();
  const [mode, setMode] = useState<HandoverMode>("agent");
  const [toUserId, setToUserId] = useState<number | "">("");
  const [toTeamId, setToTeamId] = useState<number | "">("");
  const [note, setNote] = useState("");
  const mutation = useMutation(trpc.conversation.transfer.mutationOptions());
  const chosen = mode === "agent" ? toUserId : toTeamId;
  // who is online and has a free slot changes by the minute: ask again every time the dialog opens
  useEffect(() => {
    if (open) void queryClient.invalidateQueries({ queryKey: trpc.conversation.listTransferTargets.queryKey() });
  }, [open, queryClient, trpc]);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        resetFieldErrors();
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tAll("common.close")}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            const input = {
              id: conversationId,
              ...(mode === "agent" ? { toUserId: Number(toUserId) } : { toTeamId: Number(toTeamId) }),
              ...(note.trim() ? { note: note.trim() } : {}),
            };
            void run(() => mutation.mutateAsync(input), {
              success: t("actions.transferred"),
              onSuccess: () => {
                onOpenChange(false);
                setNote("");
                onDone();
              },
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("transfer.title")}</DialogTitle>
            <DialogDescription>{t("transfer.description")}</DialogDescription>
          </DialogHeader>
          <DialogBody className="grid gap-4">
            <HandoverTargetFields
              namespace="workspace.transfer"
              idPrefix="transfer"
              mode={mode}
              onModeChange={setMode}
              agents={targets?.agents}
              teams={targets?.teams}
              toUserId={toUserId}
              onToUserId={setToUserId}
              toTeamId={toTeamId}
              onToTeamId={setToTeamId}
              fieldErrors={fieldErrors}
            />
            <LimitedField label={t("transfer.note")} htmlFor="transfer-note" value={note} max={NOTE_MAX} error={fieldErrors.note}>
              <Textarea id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} />
            </LimitedField>
          </DialogBody>
          <FormDialogFooter
            onCancel={() => onOpenChange(false)}
            submitLabel={t("transfer.submit")}
            pending={mutation.isPending}
            disabled={!chosen || overLimit(note, NOTE_MAX) > 0}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ResolveDialog({ open, onOpenChange, conversationId, onDone }: DialogProps) {
  const t = useTranslations("workspace");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { run, fieldErrors, resetFieldErrors } = useMutationFeedback();
  const [category, setCategory] = useState("");
  const [note, setNote] = useState("");
  const categories = useQuery(trpc.conversation.listResolutionCategories.queryOptions(undefined, { enabled: open, staleTime: 300_000 }));
  const mutation = useMutation(trpc.conversation.resolve.mutationOptions());
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        resetFieldErrors();
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tAll("common.close")}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!category) return;
            const input = { id: conversationId, resolutionCategory: category, ...(note.trim() ? { note: note.trim() } : {}) };
            void run(() => mutation.mutateAsync(input), {
              success: t("actions.resolved"),
              onSuccess: () => {
                onOpenChange(false);
                onDone();
              },
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("resolve.title")}</DialogTitle>
            <DialogDescription>{t("resolve.description")}</DialogDescription>
          </DialogHeader>
          <DialogBody className="grid gap-4">
            <Field label={t("resolve.category")} htmlFor="resolve-category" error={fieldErrors.resolutionCategory} required>
              <NativeSelect id="resolve-category" value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">{t("resolve.chooseCategory")}</option>
                {categories.data?.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <LimitedField label={t("resolve.note")} htmlFor="resolve-note" value={note} max={NOTE_MAX} error={fieldErrors.note}>
              <Textarea id="resolve-note" value={note} onChange={(e) => setNote(e.target.value)} />
            </LimitedField>
          </DialogBody>
          <FormDialogFooter
            onCancel={() => onOpenChange(false)}
            submitLabel={t("resolve.submit")}
            pending={mutation.isPending}
            disabled={!category || overLimit(note, NOTE_MAX) > 0}
            variant="danger"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
