"use client";

import { EmptyState } from "@kefu/ui/empty-state";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState, type RefObject } from "react";
import type { TransferTargets } from "./action-dialogs";
import { MESSAGE_BODY_MAX } from "@kefu/api/contracts/limits";
import { ConversationTickets } from "~/components/tickets/conversation-tickets";
import { CrmPanel } from "./crm-panel";
import { CustomerPanel } from "./customer-panel";
import { KnowledgePanel } from "./knowledge-panel";
import { Transcript } from "./transcript/transcript";

interface Props {
  conversationId: number | null;
  userId: number;
  targets: TransferTargets | undefined;
  knowledgeSearchRef: RefObject<HTMLInputElement | null>;
  onChanged: () => void;
}

/** The middle (transcript, composer, actions) and right (customer, knowledge) columns of the workspace. */
export function ConversationView({ conversationId, userId, targets, knowledgeSearchRef, onChanged }: Props) {
  const t = useTranslations("workspace");
  const [draft, setDraft] = useState("");
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const insert = useCallback((text: string) => {
    setDraft((current) => (current ? `${current}\n${text}` : text).slice(0, MESSAGE_BODY_MAX));
    composerRef.current?.focus();
  }, []);

  return (
    <>
      {conversationId ? (
        <Transcript
          conversationId={conversationId}
          userId={userId}
          targets={targets}
          draft={draft}
          setDraft={setDraft}
          composerRef={composerRef}
          onChanged={onChanged}
        />
      ) : (
        <section className="flex min-h-64 items-center justify-center rounded-lg border border-slate-200 bg-white">
          <EmptyState title={t("selectConversation")} description={t("selectConversationHint")} />
        </section>
      )}
      <aside className="flex min-h-0 flex-col gap-3 overflow-y-auto">
        {conversationId ? <CustomerPanel conversationId={conversationId} /> : null}
        {conversationId ? <ConversationTickets conversationId={conversationId} userId={userId} /> : null}
        {conversationId ? <CrmPanel conversationId={conversationId} /> : null}
        <KnowledgePanel inputRef={knowledgeSearchRef} onInsert={conversationId ? insert : null} />
      </aside>
    </>
  );
}
