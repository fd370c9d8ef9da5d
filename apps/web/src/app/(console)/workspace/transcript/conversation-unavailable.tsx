"use client";

import { EmptyState } from "@kefu/ui/empty-state";
import { useTranslations } from "next-intl";

/** What a conversation link shows to someone who may not see it, or when the conversation does not exist. */
export function ConversationUnavailable({ conversationId, error }: { conversationId: number; error: unknown }) {
  const t = useTranslations("agentScreen");
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  const reason = code === "FORBIDDEN" ? "forbidden" : code === "NOT_FOUND" ? "notFound" : "failed";
  return (
    <section
      className="flex min-h-64 items-center justify-center rounded-lg border border-slate-200 bg-white"
      data-testid="conversation-unavailable"
      data-reason={reason}
    >
      <EmptyState title={t(`unavailable.${reason}`, { id: conversationId })} description={t(`unavailable.${reason}Hint`)} />
    </section>
  );
}
