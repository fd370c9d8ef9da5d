"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useState, type RefObject } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useCustomerName } from "~/lib/customer-name";
import { useCan } from "~/components/viewer";
import { useTRPC } from "~/trpc/react";
import { ResolveDialog, TransferDialog, type TransferTargets } from "../action-dialogs";
import { Composer } from "./composer";
import { ConversationUnavailable } from "./conversation-unavailable";
import { HandoverBanner } from "./handover-banner";
import { AutoQaSummary, useConversationFlags } from "./autoqa-flags";
import { MessageList } from "./message-list";
import { TranscriptHeader } from "./transcript-header";
import type { Detail } from "./types";
import { useOtherSideTyping, useTypingSignal } from "~/components/messaging/typing";
import { useAttachmentUpload } from "./use-attachment-upload";
import { useConversationMessages } from "./use-conversation-messages";
import { useMarkRead } from "./use-mark-read";
import { useOutbox } from "./use-outbox";
import { useTranscriptScroll } from "./use-transcript-scroll";
import { channels } from "@kefu/api/contracts/realtime";

export interface TranscriptProps {
  conversationId: number;
  userId: number;
  targets: TransferTargets | undefined;
  draft: string;
  setDraft: (value: string) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onChanged: () => void;
}

/** One conversation in the workspace: header and actions, the live transcript, and the composer. */
export function Transcript({ conversationId, userId, targets, draft, setDraft, composerRef, onChanged }: TranscriptProps) {
  const t = useTranslations("workspace");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"transfer" | "resolve" | null>(null);

  const detail = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const conversation: Detail | undefined = detail.data;
  const { messages, loaded, hasOlder, loadingOlder, loadOlder, fillGap } = useConversationMessages(conversationId);
  const outbox = useOutbox({ conversationId, messages, fillGap, onChanged });
  const scroll = useTranscriptScroll(messages, outbox.pending);
  useMarkRead({ conversationId, conversation, loaded, lastId: messages.at(-1)?.id ?? 0, onChanged });

  const refreshDetail = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) });
    onChanged();
  }, [queryClient, trpc, conversationId, onChanged]);
  // someone else has it now (a transfer, a supervisor's reassignment): read-only at once, then the fresh detail
  const handedOn = useCallback(
    (assigneeId: number | null) => {
      if (assigneeId !== userId)
        queryClient.setQueryData(trpc.conversation.get.queryKey({ id: conversationId }), (current) =>
          current && current.assignee?.id === userId ? { ...current, canAct: false, handedOnByMe: true } : current,
        );
      refreshDetail();
    },
    [queryClient, trpc, conversationId, userId, refreshDetail],
  );
  useRealtimeEvent(channels.conversation(conversationId), "conversation.updated", (data) => handedOn(data.assigneeId));
  useRealtimeEvent(channels.agent(userId), "conversation.unassigned", (data) => {
    if (data.id === conversationId) handedOn(null);
  });
  useRealtimeEvent(channels.agent(userId), "conversation.assigned", (data) => {
    if (data.id === conversationId) refreshDetail();
  });
  useRealtimeEvent(channels.conversation(conversationId), "conversation.receipt", (data) => {
    if (data.reader === "CUSTOMER") void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) });
  });
  const attachments = useAttachmentUpload({ conversationId, fillGap, onChanged });
  const customerTyping = useOtherSideTyping(channels.conversation(conversationId), "CUSTOMER");
  const typingMutate = useMutation(trpc.conversation.typing.mutationOptions()).mutate;
  const typed = useTypingSignal(useCallback(() => typingMutate({ id: conversationId }), [typingMutate, conversationId]));
  useRealtimeReconnect(refreshDetail);
  const customerName = useCustomerName();

  const status = conversation?.status;
  const canAct = conversation?.canAct ?? false;
  const flags = useConversationFlags(conversationId, useCan("qa.review") && (status === "RESOLVED" || status === "ABANDONED"));
  if (!conversation && detail.error) return <ConversationUnavailable conversationId={conversationId} error={detail.error} />;

  return (
    <section
      aria-label={conversation ? t("conversationNo", { id: conversationId }) : undefined}
      className="flex min-h-[28rem] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white lg:min-h-0"
      data-testid="conversation-view"
    >
      <TranscriptHeader conversationId={conversationId} conversation={conversation} onOpenDialog={setDialog} onChanged={refreshDetail} />
      {conversation ? <HandoverBanner conversation={conversation} userId={userId} /> : null}
      {flags ? <AutoQaSummary flags={flags} /> : null}
      <MessageList
        scroller={scroll.scroller}
        onScroll={scroll.onScroll}
        messages={messages}
        pending={outbox.visible}
        loaded={loaded}
        hasOlder={hasOlder}
        loadingOlder={loadingOlder}
        onLoadOlder={() => void loadOlder(scroll.keepPosition)}
        onRetry={(message) => outbox.retry(message)}
        customerName={conversation ? customerName(conversation.customer) : undefined}
        userId={userId}
        uploading={attachments.uploading}
        customerReadMessageId={conversation?.customerReadMessageId ?? 0}
        customerTyping={customerTyping}
        flags={flags?.byMessage}
      />
      <Composer
        conversationId={conversationId}
        draft={draft}
        setDraft={setDraft}
        composerRef={composerRef}
        status={status}
        canReply={canAct && status === "ACTIVE"}
        canNote={canAct && status !== undefined && status !== "ABANDONED"}
        onSend={(body, note) => {
          scroll.stickToBottom();
          outbox.send(body, note);
        }}
        onAttach={(file) => {
          scroll.stickToBottom();
          void attachments.upload(file);
        }}
        onTyping={() => {
          if (canAct && status === "ACTIVE") typed();
        }}
      />
      {conversation ? (
        <>
          <TransferDialog
            open={dialog === "transfer"}
            onOpenChange={(o) => setDialog(o ? "transfer" : null)}
            conversationId={conversationId}
            targets={targets}
            onDone={refreshDetail}
          />
          <ResolveDialog
            open={dialog === "resolve"}
            onOpenChange={(o) => setDialog(o ? "resolve" : null)}
            conversationId={conversationId}
            onDone={refreshDetail}
          />
        </>
      ) : null}
    </section>
  );
}
