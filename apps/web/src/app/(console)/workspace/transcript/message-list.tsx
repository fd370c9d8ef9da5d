"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Skeleton } from "@kefu/ui/skeleton";
import { useFormatter, useTranslations } from "next-intl";
import type { RefObject, UIEvent } from "react";
import { systemText } from "../system-message";
import { AttachmentView, type AttachmentSource } from "~/components/messaging/attachment-view";
import { FlaggedText, MessageFlags, type ConversationFlag } from "./autoqa-flags";
import type { Message, PendingMessage } from "./types";
import type { UploadingFile } from "./use-attachment-upload";

/** staff load files by URL: the session cookie goes along */
const staffAttachments: AttachmentSource = {
  kind: "url",
  url: (id, variant) => `/api/attachments/${id}${variant === "thumbnail" ? "?variant=thumbnail" : ""}`,
};

interface Props {
  scroller: RefObject<HTMLDivElement | null>;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  messages: Message[];
  pending: PendingMessage[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (message: PendingMessage) => void;
  customerName: string | undefined;
  userId: number;
  /** files the agent is sending */
  uploading: UploadingFile[];
  /** read receipt: the customer saw the conversation up to this message */
  customerReadMessageId: number;
  customerTyping: boolean;
  /** AutoQA's flags by message, for reviewers of an ended conversation */
  flags?: Map<number, ConversationFlag[]>;
}

/** The scrolling transcript: older-page button, messages, and the agent's own messages still on their way. */
export function MessageList({
  scroller,
  onScroll,
  messages,
  pending,
  loaded,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  customerName,
  userId,
  uploading,
  customerReadMessageId,
  customerTyping,
  flags,
}: Props) {
  const t = useTranslations("workspace");
  const tm = useTranslations("messaging");
  const lastReply = messages.findLast((m) => m.senderType === "AGENT" && m.kind !== "NOTE")?.id;
  return (
    <div ref={scroller} className="min-h-24 flex-1 space-y-3 overflow-y-auto bg-slate-50 px-3 py-3" data-testid="transcript" onScroll={onScroll}>
      {hasOlder ? (
        <div className="flex justify-center">
          <Button size="sm" variant="ghost" loading={loadingOlder} onClick={onLoadOlder}>
            {t("loadEarlier")}
          </Button>
        </div>
      ) : null}
      {!loaded ? (
        <div className="space-y-3">
          <Skeleton className="h-12 w-2/3" />
          <Skeleton className="ml-auto h-12 w-1/2" />
          <Skeleton className="h-12 w-3/5" />
        </div>
      ) : null}
      {messages.map((message) => (
        <MessageBubble
          key={message.id}
          message={message}
          customerName={customerName}
          mine={message.senderId === userId}
          receipt={message.id === lastReply ? (message.id <= customerReadMessageId ? "read" : "unread") : null}
          flags={flags?.get(message.id)}
        />
      ))}
      {uploading.map((file) => (
        <div key={file.clientId} className="flex flex-col items-end gap-1" data-testid="pending-attachment">
          <div className="max-w-[80%] rounded-lg bg-primary-600 px-3 py-2 text-sm text-white opacity-70">📎 {file.name}</div>
          <span className="text-xs text-slate-500">{tm("uploading")}</span>
        </div>
      ))}
      {customerTyping ? (
        <p className="text-xs text-slate-500" role="status" data-testid="typing-indicator">
          {tm("customerTyping")}
        </p>
      ) : null}
      {pending.map((p) => (
        <PendingBubble key={p.clientId} message={p} onRetry={() => onRetry(p)} />
      ))}
    </div>
  );
}

function PendingBubble({ message, onRetry }: { message: PendingMessage; onRetry: () => void }) {
  const t = useTranslations("workspace");
  return (
    <div className="flex flex-col items-end gap-1" data-testid="pending-message">
      <div
        className={cn(
          "max-w-[80%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap opacity-70",
          message.note ? "border border-amber-300 bg-amber-50 text-amber-900" : "bg-primary-600 text-white",
        )}
      >
        {message.body}
      </div>
      <span className="text-xs text-slate-500">
        {message.state === "failed" ? (
          <>
            <span className="text-red-600">{t("failed")}</span>{" "}
            <Button size="sm" variant="link" onClick={onRetry}>
              {t("retry")}
            </Button>
          </>
        ) : message.state === "waiting" ? (
          <span data-testid="waiting-for-network">{t("waitingForNetwork")}</span>
        ) : (
          t("pending")
        )}
      </span>
    </div>
  );
}

function MessageBubble({
  message,
  customerName,
  mine,
  receipt,
  flags,
}: {
  message: Message;
  customerName: string | undefined;
  mine: boolean;
  flags?: ConversationFlag[];
  /** under the last reply: whether the customer has seen it */
  receipt: "read" | "unread" | null;
}) {
  const t = useTranslations("workspace");
  const tm = useTranslations("messaging");
  const format = useFormatter();
  const at = new Date(message.createdAt);
  const time = (
    <time dateTime={at.toISOString()} className="text-xs text-slate-500">
      {format.dateTime(at, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })}
    </time>
  );
  if (message.kind === "EVENT" || message.senderType === "SYSTEM") {
    return (
      <div className="flex justify-center" data-kind="system">
        <span className="rounded-full bg-slate-200/70 px-3 py-1 text-xs text-slate-600">
          {systemText(t, message.body)} · {format.dateTime(at, { hour: "2-digit", minute: "2-digit" })}
        </span>
      </div>
    );
  }
  const note = message.kind === "NOTE";
  const outgoing = message.senderType === "AGENT" || message.senderType === "BOT" || note;
  const name =
    message.senderType === "CUSTOMER"
      ? (customerName ?? t("sender.CUSTOMER"))
      : message.senderType === "BOT"
        ? t("sender.BOT")
        : (message.sender?.name ?? t("sender.AGENT"));
  return (
    <div
      className={cn("flex flex-col gap-1", outgoing ? "items-end" : "items-start")}
      data-kind={note ? "note" : message.senderType.toLowerCase()}
      data-message-id={message.id}
    >
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <span className="font-medium">{name}</span>
        {note ? <Badge variant="warning">{t("noteLabel")}</Badge> : null}
        {time}
      </div>
      {message.attachment ? (
        <AttachmentView attachment={message.attachment} source={staffAttachments} />
      ) : (
        <div
          className={cn(
            "max-w-[80%] rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap",
            note && "border border-amber-300 bg-amber-50 text-amber-900",
            !note && message.senderType === "CUSTOMER" && "border border-slate-200 bg-white text-slate-900",
            !note && message.senderType === "BOT" && "bg-violet-100 text-violet-900",
            !note && message.senderType === "AGENT" && (mine ? "bg-primary-600 text-white" : "bg-primary-100 text-primary-900"),
          )}
        >
          {flags ? <FlaggedText text={message.body} flags={flags} /> : message.body}
        </div>
      )}
      {flags ? <MessageFlags flags={flags} /> : null}
      {receipt ? (
        <span className={cn("text-xs", receipt === "read" ? "text-slate-500" : "text-slate-400")} data-testid="read-receipt">
          {tm(receipt)}
        </span>
      ) : null}
    </div>
  );
}
