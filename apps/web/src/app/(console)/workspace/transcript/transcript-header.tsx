"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCustomerName } from "~/lib/customer-name";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { STATUS_BADGE } from "../conversation-types";
import type { Detail } from "./types";

/** The customer and subject, the status, and the actions the agent may take (transfer, pause/resume, resolve). */
export function TranscriptHeader({
  conversationId,
  conversation,
  onOpenDialog,
  onChanged,
}: {
  conversationId: number;
  conversation: Detail | undefined;
  onOpenDialog: (dialog: "transfer" | "resolve") => void;
  onChanged: () => void;
}) {
  const t = useTranslations("workspace");
  const trpc = useTRPC();
  const { run } = useMutationFeedback();
  const customerName = useCustomerName();
  const pause = useMutation(trpc.conversation.pause.mutationOptions());
  const resume = useMutation(trpc.conversation.resume.mutationOptions());
  const status = conversation?.status;
  const canAct = conversation?.canAct ?? false;
  const open = status === "QUEUED" || status === "ACTIVE" || status === "PAUSED";

  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
      <h2 className="min-w-0 flex-1 truncate font-semibold text-slate-900">
        {conversation ? (
          `${customerName(conversation.customer)} · ${conversation.subject ?? t("conversationNo", { id: conversationId })}`
        ) : (
          <Skeleton className="h-5 w-40" />
        )}
      </h2>
      {status ? (
        <Badge variant={STATUS_BADGE[status]} data-testid="conversation-status">
          {t(`status.${status}`)}
        </Badge>
      ) : null}
      {canAct && open ? (
        <div className="flex items-center gap-1" role="toolbar" aria-label={t("actions.label")}>
          <Button size="sm" variant="outline" onClick={() => onOpenDialog("transfer")}>
            {t("actions.transfer")}
          </Button>
          {status === "ACTIVE" ? (
            <Button
              size="sm"
              variant="outline"
              loading={pause.isPending}
              onClick={() => void run(() => pause.mutateAsync({ id: conversationId }), { success: t("actions.paused"), onSuccess: onChanged })}
            >
              {t("actions.pause")}
            </Button>
          ) : null}
          {status === "PAUSED" ? (
            <Button
              size="sm"
              variant="outline"
              loading={resume.isPending}
              onClick={() => void run(() => resume.mutateAsync({ id: conversationId }), { success: t("actions.resumed"), onSuccess: onChanged })}
            >
              {t("actions.resume")}
            </Button>
          ) : null}
          {status !== "QUEUED" ? (
            <Button size="sm" variant="danger" onClick={() => onOpenDialog("resolve")}>
              {t("actions.resolve")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
