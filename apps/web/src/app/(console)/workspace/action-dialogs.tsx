"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { NativeSelect } from "@kefu/ui/native-select";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { HandoverTargetFields, type HandoverMode } from "~/components/handover-target-fields";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { NOTE_MAX } from "./conversation-types";

export type TransferTargets = RouterOutputs["conversation"]["transferTargets"];

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
  const { toast } = useToast();
  const errors = useApiErrors();
  const [mode, setMode] = useState<HandoverMode>("agent");
  const [toUserId, setToUserId] = useState<number | "">("");
  const [toTeamId, setToTeamId] = useState<number | "">("");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMutation(
    trpc.conversation.transfer.mutationOptions({
      onSuccess: () => {
        toast({ title: t("actions.transferred"), variant: "success" });
        onOpenChange(false);
        setNote("");
        onDone();
      },
      onError: (error) => {
        setFieldErrors(errors.fieldErrors(error));
        toast({ title: errors.message(error), variant: "error" });
      },
    }),
  );
  const chosen = mode === "agent" ? toUserId : toTeamId;
  // who is online and has a free slot changes by the minute: ask again every time the dialog opens
  useEffect(() => {
    if (open) void queryClient.invalidateQueries({ queryKey: trpc.conversation.transferTargets.queryKey() });
  }, [open, queryClient, trpc]);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setFieldErrors({});
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tAll("common.close")}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            mutation.mutate({
              id: conversationId,
              ...(mode === "agent" ? { toUserId: Number(toUserId) } : { toTeamId: Number(toTeamId) }),
              ...(note.trim() ? { note: note.trim() } : {}),
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
            <Field label={t("transfer.note")} htmlFor="transfer-note" error={fieldErrors.note}>
              <Textarea id="transfer-note" value={note} maxLength={NOTE_MAX} onChange={(e) => setNote(e.target.value)} />
            </Field>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("transfer.submit")} pending={mutation.isPending} disabled={!chosen} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ResolveDialog({ open, onOpenChange, conversationId, onDone }: DialogProps) {
  const t = useTranslations("workspace");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { toast } = useToast();
  const errors = useApiErrors();
  const [category, setCategory] = useState("");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const categories = useQuery(trpc.conversation.resolutionCategories.queryOptions(undefined, { enabled: open, staleTime: 300_000 }));
  const mutation = useMutation(
    trpc.conversation.resolve.mutationOptions({
      onSuccess: () => {
        toast({ title: t("actions.resolved"), variant: "success" });
        onOpenChange(false);
        onDone();
      },
      onError: (error) => {
        setFieldErrors(errors.fieldErrors(error));
        toast({ title: errors.message(error), variant: "error" });
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setFieldErrors({});
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tAll("common.close")}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!category) return;
            mutation.mutate({ id: conversationId, resolutionCategory: category, ...(note.trim() ? { note: note.trim() } : {}) });
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
            <Field label={t("resolve.note")} htmlFor="resolve-note" error={fieldErrors.note}>
              <Textarea id="resolve-note" value={note} maxLength={NOTE_MAX} onChange={(e) => setNote(e.target.value)} />
            </Field>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("resolve.submit")} pending={mutation.isPending} disabled={!category} variant="danger" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
