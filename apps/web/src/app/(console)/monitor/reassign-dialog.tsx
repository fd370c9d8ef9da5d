"use client";

import { NOTE_MAX } from "@kefu/api/contracts/limits";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LimitedField, overLimit } from "~/components/limited-field";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { HandoverTargetFields, type HandoverMode } from "~/components/handover-target-fields";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { AgentsBoard, TeamsBoard } from "./live-state";

interface Props {
  conversationId: number | null;
  /** the agent holding it now, who is not offered */
  currentAssigneeId?: number | null;
  agents: AgentsBoard | undefined;
  teams: TeamsBoard | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** A supervisor hands a conversation (queued or held) to an online agent with a free slot, or to a team's queue. */
export function ReassignDialog({ conversationId, currentAssigneeId, agents, teams, onClose, onDone }: Props) {
  const t = useTranslations("monitor.reassign");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { run, fieldErrors, resetFieldErrors } = useMutationFeedback();
  const [mode, setMode] = useState<HandoverMode>("agent");
  const [toUserId, setToUserId] = useState<number | "">("");
  const [toTeamId, setToTeamId] = useState<number | "">("");
  const [note, setNote] = useState("");

  const reset = () => {
    setMode("agent");
    setToUserId("");
    setToTeamId("");
    setNote("");
    resetFieldErrors();
  };
  // an agent who went offline or filled up since the list loaded comes back as a field error on toUserId
  const mutation = useMutation(trpc.conversation.reassign.mutationOptions());

  const available = (agents?.agents ?? []).filter((agent) => agent.presence === "ONLINE" && agent.open < agent.maxConcurrent && agent.id !== currentAssigneeId);
  const teamOptions = (teams?.teams ?? []).filter((team): team is typeof team & { teamId: number } => team.teamId !== null);
  const chosen = mode === "agent" ? toUserId : toTeamId;

  return (
    <Dialog
      open={conversationId !== null}
      onOpenChange={(open) => {
        if (!open) {
          reset();
          onClose();
        }
      }}
    >
      <DialogContent closeLabel={tAll("common.close")}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen || conversationId === null) return;
            const input = {
              id: conversationId,
              ...(mode === "agent" ? { toUserId: Number(toUserId) } : { toTeamId: Number(toTeamId) }),
              ...(note.trim() ? { note: note.trim() } : {}),
            };
            void run(() => mutation.mutateAsync(input), {
              success: t("done"),
              onSuccess: () => {
                reset();
                onDone();
                onClose();
              },
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("title", { id: conversationId ?? 0 })}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <HandoverTargetFields
              namespace="monitor.reassign"
              idPrefix="reassign"
              mode={mode}
              onModeChange={setMode}
              agents={available}
              teams={teamOptions.map((team) => ({ id: team.teamId, name: team.name ?? "" }))}
              toUserId={toUserId}
              onToUserId={setToUserId}
              toTeamId={toTeamId}
              onToTeamId={setToTeamId}
              fieldErrors={fieldErrors}
            />
            <LimitedField label={t("note")} htmlFor="reassign-note" value={note} max={NOTE_MAX} error={fieldErrors.note}>
              <Textarea id="reassign-note" value={note} onChange={(event) => setNote(event.target.value)} />
            </LimitedField>
          </DialogBody>
          <FormDialogFooter onCancel={onClose} submitLabel={t("submit")} pending={mutation.isPending} disabled={!chosen || overLimit(note, NOTE_MAX) > 0} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
