"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "~/trpc/react";
import { flagText, highlightPieces, type FlagDetailView } from "../../qa/flag-text";

export type ConversationFlag = RouterOutputs["qa"]["listConversationFlags"]["flags"][number];

const SEVERITY_BADGE = { LOW: "neutral", MEDIUM: "warning", HIGH: "danger" } as const;

/** AutoQA's flags of an ended conversation, by message and for the whole conversation. */
export function useConversationFlags(conversationId: number, enabled: boolean) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.qa.listConversationFlags.queryOptions({ conversationId }), enabled });
  if (!enabled || !query.data) return null;
  const byMessage = new Map<number, ConversationFlag[]>();
  for (const flag of query.data.flags) if (flag.messageId !== null) byMessage.set(flag.messageId, [...(byMessage.get(flag.messageId) ?? []), flag]);
  return { checkedAt: query.data.checkedAt, all: query.data.flags, byMessage };
}

/** Above the transcript: whether AutoQA has checked the conversation and what it found. */
export function AutoQaSummary({ flags }: { flags: NonNullable<ReturnType<typeof useConversationFlags>> }) {
  const t = useTranslations("autoQa");
  const overall = flags.all.filter((flag) => flag.messageId === null);
  return (
    <div className="space-y-1 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700" data-testid="autoqa-summary" role="note">
      <p>
        <span className="font-medium">{t("transcript.title")}</span>{" "}
        {flags.checkedAt === null ? t("transcript.notChecked") : flags.all.length ? t("transcript.hits", { count: flags.all.length }) : t("transcript.clean")}
      </p>
      {overall.length ? <MessageFlags flags={overall} /> : null}
    </div>
  );
}

export function MessageFlags({ flags }: { flags: ConversationFlag[] }) {
  const t = useTranslations("autoQa");
  return (
    <ul className="flex max-w-[80%] flex-wrap gap-1" data-testid="autoqa-flags">
      {flags.map((flag) => (
        <li key={flag.id}>
          <Badge variant={SEVERITY_BADGE[flag.severity]}>
            {flag.ruleName} · {flagText(t, flag.detail as unknown as FlagDetailView)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** The message text with what the flags found marked. */
export function FlaggedText({ text, flags }: { text: string; flags: ConversationFlag[] }) {
  const highlights = flags.flatMap((flag) => (flag.detail as unknown as FlagDetailView).highlights ?? []);
  return highlightPieces(text, highlights).map((piece, i) =>
    piece.marked ? (
      <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900">
        {piece.text}
      </mark>
    ) : (
      <span key={i}>{piece.text}</span>
    ),
  );
}
