"use client";

import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { AttachmentView, type AttachmentSource } from "~/components/messaging/attachment-view";
import { AnswerFeedback } from "./answer-feedback";
import type { Pending } from "./use-widget-outbox";
import type { WidgetMessage } from "./widget-api";

interface SystemBody {
  key: string;
  params?: Record<string, string | number>;
}

function parseSystemBody(body: string): SystemBody | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as SystemBody).key === "string") return parsed as SystemBody;
  } catch {
    // a plain text system message
  }
  return null;
}

/** The welcome line, the conversation's messages (notes left out) and the visitor's messages still on their way. */
export function MessageList({
  welcome,
  messages,
  pending,
  onRetry,
  agentReadMessageId,
  agentTyping,
  attachmentSource,
  token,
}: {
  welcome: string;
  messages: WidgetMessage[];
  pending: Pending[];
  onRetry: (message: Pending) => void;
  /** read receipt: the visitor's messages up to this id were read by the agent */
  agentReadMessageId: number;
  agentTyping: boolean;
  attachmentSource: AttachmentSource;
  /** the visitor token, for rating the bot's answers */
  token: string | null;
}) {
  const t = useTranslations("widget");
  const tm = useTranslations("messaging");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const timeOf = (iso: string) => {
    const at = new Date(iso);
    const today = at.toDateString() === now.toDateString();
    return (
      <time dateTime={iso} className="text-[11px] text-slate-400">
        {format.dateTime(at, today ? { hour: "2-digit", minute: "2-digit" } : { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })}
      </time>
    );
  };

  const systemText = (body: string) => {
    const parsed = parseSystemBody(body);
    if (!parsed) return body;
    const key = `system.${parsed.key}`;
    if (!t.has(key)) return t("system.unknown");
    const params = { agentName: "", ...parsed.params };
    return t(key, params);
  };

  const senderLabel = (m: WidgetMessage) => (m.senderType === "BOT" ? t("bot") : (m.senderName ?? t("agent")));

  return (
    <ol className="flex flex-col gap-3">
      {welcome && (
        <li className="flex flex-col items-start gap-1">
          <span className="text-xs text-slate-500">{t("bot")}</span>
          <p className="max-w-[80%] rounded-2xl rounded-tl-sm bg-white px-3 py-2 text-sm whitespace-pre-wrap shadow-xs">{welcome}</p>
        </li>
      )}
      {messages.map((m) => {
        if (m.kind === "NOTE") return null;
        if (m.senderType === "SYSTEM" || m.kind === "EVENT")
          return (
            <li key={m.id} className="text-center text-xs text-slate-500" data-testid="system-caption">
              {systemText(m.body)}
            </li>
          );
        const mine = m.senderType === "CUSTOMER";
        return (
          <li key={m.id} className={cn("flex flex-col gap-1", mine ? "items-end" : "items-start")} data-message-id={m.id}>
            <span className="flex items-center gap-2 text-xs text-slate-500">
              {!mine && senderLabel(m)}
              {timeOf(m.createdAt)}
            </span>
            {m.attachment ? (
              <AttachmentView attachment={m.attachment} source={attachmentSource} />
            ) : (
              <p
                className={cn(
                  "max-w-[80%] rounded-2xl px-3 py-2 text-sm break-words whitespace-pre-wrap shadow-xs",
                  mine ? "rounded-tr-sm bg-primary-600 text-white" : "rounded-tl-sm bg-white",
                )}
              >
                {m.body}
              </p>
            )}
            {m.ratable && <AnswerFeedback messageId={m.id} initial={m.rating} token={token} />}
            {mine && m.id <= agentReadMessageId && (
              <span className="text-[11px] text-slate-400" data-testid="read-receipt">
                {tm("read")}
              </span>
            )}
          </li>
        );
      })}
      {pending.map((p) => (
        <li key={p.clientId} className="flex flex-col items-end gap-1">
          <p
            className={cn(
              "max-w-[80%] rounded-2xl rounded-tr-sm px-3 py-2 text-sm break-words whitespace-pre-wrap",
              p.state === "failed" ? "bg-red-50 text-red-900" : "bg-primary-400 text-white",
            )}
          >
            {p.file ? `📎 ${p.body}` : p.body}
          </p>
          {p.state === "sending" ? (
            <span className="text-xs text-slate-400">{p.file ? tm("uploading") : t("sending")}</span>
          ) : p.state === "waiting" ? (
            <span className="text-xs text-slate-500" data-testid="waiting-for-network">
              {t("waitingForNetwork")}
            </span>
          ) : (
            <span className="flex items-center gap-2 text-xs text-red-700">
              {t("failed")}
              <Button size="sm" variant="link" onClick={() => onRetry(p)}>
                {t("retry")}
              </Button>
            </span>
          )}
        </li>
      ))}
      {agentTyping && (
        <li className="text-xs text-slate-500" role="status" data-testid="typing-indicator">
          {tm("agentTyping")}
        </li>
      )}
    </ol>
  );
}
