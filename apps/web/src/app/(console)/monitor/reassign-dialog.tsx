"use client";

import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { NativeSelect } from "@kefu/ui/native-select";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import type { AgentsBoard, TeamsBoard } from "./live-state";

const NOTE_MAX = 1_000;

interface Props {
  conversationId: number | null;
  /** the agent holding it now, who is not offered */
  currentAssigneeId?: number | null;
  agents: AgentsBoard | undefined;
  teams: TeamsBoard | undefined;
  onClose: () => void;
  onDone: () => void;
}

function errorData(error: unknown): { appCode?: string; params?: Record<string, string | number> } {
  return (error as { data?: { appCode?: string; params?: Record<string, string | number> } } | null)?.data ?? {};
}

/** A supervisor hands a conversation (queued or held) to an online agent with a free slot, or to a team's queue. */
export function ReassignDialog({ conversationId, currentAssigneeId, agents, teams, onClose, onDone }: Props) {
  const t = useTranslations("monitor.reassign");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { toast } = useToast();
  const errors = useApiErrors();
  const [mode, setMode] = useState<"agent" | "team">("agent");
  const [toUserId, setToUserId] = useState<number | "">("");
  const [toTeamId, setToTeamId] = useState<number | "">("");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const reset = () => {
    setMode("agent");
    setToUserId("");
    setToTeamId("");
    setNote("");
    setFieldErrors({});
  };
  const mutation = useMutation(
    trpc.conversation.reassign.mutationOptions({
      onSuccess: () => {
        toast({ title: t("done"), variant: "success" });
        reset();
        onDone();
        onClose();
      },
      onError: (error) => {
        // the chosen agent went offline or filled up since the list loaded: say so beside the choice
        const { appCode } = errorData(error);
        const aboutAgent = appCode === "AGENT_UNAVAILABLE" || appCode === "AGENT_AT_CAPACITY";
        setFieldErrors({ ...errors.fieldErrors(error), ...(aboutAgent ? { toUserId: errors.message(error) } : {}) });
        toast({ title: errors.message(error), variant: "error" });
      },
    }),
  );

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
            mutation.mutate({
              id: conversationId,
              ...(mode === "agent" ? { toUserId: Number(toUserId) } : { toTeamId: Number(toTeamId) }),
              ...(note.trim() ? { note: note.trim() } : {}),
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("title", { id: conversationId ?? 0 })}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <div className="flex gap-4 text-sm" role="radiogroup">
              <label className="flex items-center gap-2">
                <input type="radio" name="reassign-mode" checked={mode === "agent"} onChange={() => setMode("agent")} />
                {t("toAgent")}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="reassign-mode" checked={mode === "team"} onChange={() => setMode("team")} />
                {t("toTeam")}
              </label>
            </div>
            {mode === "agent" ? (
              <Field label={t("agent")} htmlFor="reassign-agent" error={fieldErrors.toUserId} description={available.length === 0 ? t("noAgents") : undefined}>
                <NativeSelect id="reassign-agent" value={toUserId} onChange={(event) => setToUserId(event.target.value ? Number(event.target.value) : "")}>
                  <option value="">{t("chooseAgent")}</option>
                  {available.map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {t("agentOption", { name: agent.name, employeeNo: agent.employeeNo, open: agent.open, max: agent.maxConcurrent })}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            ) : (
              <Field label={t("team")} htmlFor="reassign-team" error={fieldErrors.toTeamId}>
                <NativeSelect id="reassign-team" value={toTeamId} onChange={(event) => setToTeamId(event.target.value ? Number(event.target.value) : "")}>
                  <option value="">{t("chooseTeam")}</option>
                  {teamOptions.map((team) => (
                    <option key={team.teamId} value={team.teamId}>
                      {team.name}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            )}
            <Field label={t("note")} htmlFor="reassign-note" error={fieldErrors.note}>
              <Textarea id="reassign-note" value={note} maxLength={NOTE_MAX} onChange={(event) => setNote(event.target.value)} />
            </Field>
          </DialogBody>
          <FormDialogFooter onCancel={onClose} submitLabel={t("submit")} pending={mutation.isPending} disabled={!chosen} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
