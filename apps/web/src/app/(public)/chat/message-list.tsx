"use client";

import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { useTranslations } from "next-intl";
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
}: {
  welcome: string;
  messages: WidgetMessage[];
  pending: Pending[];
  onRetry: (message: Pending) => void;
}) {
  const t = useTranslations("widget");

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
          <li key={m.id} className={cn("flex flex-col gap-1", mine ? "items-end" : "items-start")}>
            {!mine && <span className="text-xs text-slate-500">{senderLabel(m)}</span>}
            <p
              className={cn(
                "max-w-[80%] rounded-2xl px-3 py-2 text-sm break-words whitespace-pre-wrap shadow-xs",
                mine ? "rounded-tr-sm bg-primary-600 text-white" : "rounded-tl-sm bg-white",
              )}
            >
              {m.body}
            </p>
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
            {p.body}
          </p>
          {p.state === "sending" ? (
            <span className="text-xs text-slate-400">{t("sending")}</span>
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
    </ol>
  );
}
