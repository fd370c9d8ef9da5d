"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Skeleton } from "@kefu/ui/skeleton";
import { useFormatter, useTranslations } from "next-intl";
import type { RefObject, UIEvent } from "react";
import { systemText } from "../system-message";
import type { Message, PendingMessage } from "./types";

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
}

/** The scrolling transcript: older-page button, messages, and the agent's own messages still on their way. */
export function MessageList({ scroller, onScroll, messages, pending, loaded, hasOlder, loadingOlder, onLoadOlder, onRetry, customerName, userId }: Props) {
  const t = useTranslations("workspace");
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
        <MessageBubble key={message.id} message={message} customerName={customerName} mine={message.senderId === userId} />
      ))}
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
        {message.failed ? (
          <>
            <span className="text-red-600">{t("failed")}</span>{" "}
            <Button size="sm" variant="link" onClick={onRetry}>
              {t("retry")}
            </Button>
          </>
        ) : (
          t("pending")
        )}
      </span>
    </div>
  );
}

function MessageBubble({ message, customerName, mine }: { message: Message; customerName: string | undefined; mine: boolean }) {
  const t = useTranslations("workspace");
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
      <div
        className={cn(
          "max-w-[80%] rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap",
          note && "border border-amber-300 bg-amber-50 text-amber-900",
          !note && message.senderType === "CUSTOMER" && "border border-slate-200 bg-white text-slate-900",
          !note && message.senderType === "BOT" && "bg-violet-100 text-violet-900",
          !note && message.senderType === "AGENT" && (mine ? "bg-primary-600 text-white" : "bg-primary-100 text-primary-900"),
        )}
      >
        {message.body}
      </div>
    </div>
  );
}
