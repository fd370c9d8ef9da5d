"use client";

import type { RealtimeClientConfig } from "@kefu/api/client";
import { Button } from "@kefu/ui/button";
import { Spinner } from "@kefu/ui/spinner";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AttachmentSource } from "~/components/messaging/attachment-view";
import { useTypingSignal } from "~/components/messaging/typing";
import { Composer } from "./composer";
import { CsatForm } from "./csat-form";
import { IntentMenu } from "./intent-menu";
import { MessageList } from "./message-list";
import { PrechatForm } from "./prechat-form";
import { QueueBanner } from "./queue-banner";
import { useCustomerPresence } from "./use-customer-presence";
import { useOnline } from "./use-online";
import { useWidgetOutbox, type Contact } from "./use-widget-outbox";
import { useReadReport } from "./use-read-report";
import { useWidgetSession } from "./use-widget-session";
import { call, fetchAttachment } from "./widget-api";
import { WidgetLive } from "./widget-live";

/** `teamId`: the team the embedding page serves (`/chat?team=`), used when the first message starts a conversation. */
export function ChatWidget({ realtime, teamId, pageUrl }: { realtime: RealtimeClientConfig; teamId: number | null; pageUrl: string | null }) {
  const t = useTranslations("widget");
  const session = useWidgetSession();
  const { phase, token, welcome, conversation, messages, prechatDone } = session;
  const [contact, setContact] = useState<Contact>({ name: "", phone: "" });
  const { pending, notice, setNotice, send, sendFile } = useWidgetOutbox(session, { teamId, contact, pageUrl });
  const [agentTyping, setAgentTyping] = useState(false);
  const attachmentSource = useMemo<AttachmentSource>(() => ({ kind: "fetch", fetch: (id, variant) => fetchAttachment(token, id, variant) }), [token]);
  const listEnd = useRef<HTMLDivElement>(null);

  const conversationId = conversation?.id ?? null;
  const status = conversation?.status ?? null;
  const live = token !== null && conversationId !== null;
  const online = useOnline(live);
  useCustomerPresence(token, conversationId, status);
  useReadReport(token, conversationId, messages);
  const signalTyping = useCallback(() => {
    // only a person reads it: while the bot or the queue holds the conversation nobody is told
    if (token && status === "ACTIVE") void call("/api/v1/widget/typing", token, { method: "POST", json: {} }).catch(() => undefined);
  }, [token, status]);
  const typed = useTypingSignal(signalTyping);

  useEffect(() => {
    listEnd.current?.scrollIntoView?.({ block: "end" });
  }, [messages.length, pending.length, status]);

  if (phase !== "ready") {
    return (
      <main className="flex h-dvh flex-col items-center justify-center gap-3 bg-slate-50 p-6 text-center text-sm text-slate-600">
        {phase === "loading" ? (
          <Spinner label={t("connecting")} />
        ) : (
          <>
            <p role="alert">{t("sessionFailed")}</p>
            <Button variant="outline" onClick={() => void session.startSession()}>
              {t("retryConnect")}
            </Button>
          </>
        )}
      </main>
    );
  }

  const resolved = status === "RESOLVED";
  const showPrechat = !prechatDone && conversation === null;

  return (
    <main className="flex h-dvh flex-col bg-slate-50 text-slate-900">
      {live ? <WidgetLive realtime={realtime} token={token} conversationId={conversationId} session={session} onAgentTyping={setAgentTyping} /> : null}
      <header className="flex items-center gap-3 bg-primary-600 px-4 py-3 text-white">
        <span className="flex size-9 items-center justify-center rounded-full bg-white/20 font-semibold" aria-hidden>
          客
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold">{t("title")}</h1>
          <p className="truncate text-xs text-white">{t("subtitle")}</p>
        </div>
      </header>

      {!online && (
        <p role="status" className="bg-amber-50 px-4 py-2 text-xs text-amber-800">
          {t("offline")}
        </p>
      )}

      {status === "QUEUED" && <QueueBanner conversation={conversation} onLeave={() => void session.leaveQueue()} />}

      <div className="flex-1 overflow-y-auto px-3 py-4" aria-live="polite">
        <MessageList
          welcome={welcome}
          messages={messages}
          pending={pending}
          onRetry={(p) => void (p.file ? sendFile(p.file, p.clientId) : send(p.body, p.clientId))}
          agentReadMessageId={conversation?.agentReadMessageId ?? 0}
          agentTyping={agentTyping && status === "ACTIVE"}
          attachmentSource={attachmentSource}
          token={token}
        />
        <CsatForm
          token={token}
          available={resolved && conversation?.csat.available === true}
          alreadyScored={resolved && conversation?.csat.score != null}
          onSubmitted={session.refreshState}
        />
        {(resolved || status === "ABANDONED") && <p className="mt-2 text-center text-xs text-slate-500">{t("ended")}</p>}
        <div ref={listEnd} />
      </div>

      {showPrechat ? (
        <PrechatForm
          contact={contact}
          onContactChange={setContact}
          onDone={session.finishPrechat}
          onSkip={() => {
            setContact({ name: "", phone: "" });
            session.finishPrechat();
          }}
        />
      ) : (
        <>
          {teamId === null && (status === null || status === "BOT") ? (
            <IntentMenu intents={session.intents} onPick={(intent) => send(intent.name, crypto.randomUUID(), intent.id)} />
          ) : null}
          <Composer
            notice={notice}
            canHandoff={status === null || status === "BOT"}
            onSend={(body) => send(body, crypto.randomUUID())}
            onAttach={(file) => void sendFile(file, crypto.randomUUID())}
            onRefused={setNotice}
            onTyping={typed}
          />
        </>
      )}
    </main>
  );
}
