"use client";

import { useTranslations } from "next-intl";
import type { Detail } from "./types";

/**
 * The line above a conversation the reader may only read: who has it now. An agent who transferred it (or lost it
 * to a reply timeout) reads "已转接给 X"; a team-mate reads who is on it.
 */
export function HandoverBanner({ conversation, userId }: { conversation: Detail; userId: number }) {
  const t = useTranslations("agentScreen");
  if (conversation.canAct) return null;
  const assignee = conversation.assignee && conversation.assignee.id !== userId ? conversation.assignee : null;
  let text: string | null = null;
  if (conversation.handedOnByMe) {
    if (assignee) text = t("transferredTo", { name: assignee.name });
    else if (conversation.status === "QUEUED") text = t("transferredToQueue", { team: conversation.team?.name ?? "" });
    else text = t("noLongerYours");
  } else if (assignee && (conversation.status === "ACTIVE" || conversation.status === "PAUSED")) {
    text = t("heldBy", { name: assignee.name });
  }
  if (!text) return null;
  return (
    <p role="status" className="border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="handover-banner">
      {text} · {t("readOnly")}
    </p>
  );
}
