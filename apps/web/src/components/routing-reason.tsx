"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useTRPC } from "~/trpc/react";

/**
 * Why the conversation went to its team (the hand-off's recorded decision) and whether it was offered to a backup
 * team, in words; null when nothing was recorded. For the places that show the team (workspace, monitor).
 */
export function useRoutingReason(conversationId: number, teamId: number | null): string | null {
  const t = useTranslations("routingReason");
  const trpc = useTRPC();
  const explanation = useQuery(trpc.routing.explainConversation.queryOptions({ id: conversationId }));
  const { refetch } = explanation;
  // a hand-off, transfer or overflow changes the answer; in-flight duplicates are merged by the query client
  useEffect(() => {
    void refetch();
  }, [teamId, refetch]);

  const data = explanation.data;
  if (!data) return null;
  const { decision, overflow } = data;
  const parts: string[] = [];
  if (decision) {
    if (decision.by === "keyword") parts.push(t("keyword", { keyword: decision.keyword ?? "", rule: decision.ruleName ?? "" }));
    else if (decision.by === "category") parts.push(t("category", { category: decision.categoryName ?? "", rule: decision.ruleName ?? "" }));
    else if (decision.by === "menu") parts.push(t("menu", { rule: decision.ruleName ?? "" }));
    else parts.push(t(decision.by));
  }
  if (overflow?.backupTeam)
    parts.push(
      overflow.reason === "wait"
        ? t("overflowWait", { team: overflow.backupTeam.name, seconds: overflow.threshold ?? 0 })
        : t("overflowQueue", { team: overflow.backupTeam.name, count: overflow.threshold ?? 0 }),
    );
  return parts.length ? parts.join(t("separator")) : null;
}

/** The reason as a labelled line, or nothing. */
export function RoutingReason({ conversationId, teamId, className }: { conversationId: number; teamId: number | null; className?: string }) {
  const t = useTranslations("routingReason");
  const reason = useRoutingReason(conversationId, teamId);
  if (!reason) return null;
  return (
    <span className={className} data-testid="routing-reason">
      {t("line", { reason })}
    </span>
  );
}
