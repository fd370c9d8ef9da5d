"use client";

import type { RealtimeClientConfig } from "@kefu/api/client";
import { CSAT_COMMENT_MAX, MESSAGE_BODY_MAX } from "@kefu/api/contracts/limits";
import { channels, realtimeEvents, type RealtimePayload } from "@kefu/api/contracts/realtime";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Input } from "@kefu/ui/input";
import { Spinner } from "@kefu/ui/spinner";
import { Textarea } from "@kefu/ui/textarea";
import { useTranslations } from "next-intl";
import type Pusher from "pusher-js";
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

const TOKEN_KEY = "kefu.widget.token";
const PRECHAT_KEY = "kefu.widget.prechat";
/** while queued the state is refetched on events and at most this often otherwise */
const STATE_REFRESH_MS = 30_000;

interface WidgetConversation {
  id: number;
  status: string;
  position: number | null;
  expectedWaitSeconds: number | null;
  csat: { available: boolean; score: number | null };
}

interface WidgetMessage {
  id: number;
  senderType: "CUSTOMER" | "AGENT" | "BOT" | "SYSTEM";
  kind: string;
  body: string;
  createdAt: string;
  senderName: string | null;
  clientId: string | null;
}

interface Pending {
  clientId: string;
  body: string;
  state: "sending" | "failed";
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(code);
  }
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // private mode: the conversation lasts as long as the tab
  }
}

async function call<T>(path: string, token: string | null, init: { method?: string; json?: unknown; form?: URLSearchParams } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Visitor ${token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = init.form.toString();
  }
  const response = await fetch(path, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body, cache: "no-store" });
  const data = (await response.json().catch(() => ({}))) as T & { error?: { code: string; field?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? "UNKNOWN", data.error?.field);
  return data;
}

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

/** `teamId`: the team the embedding page serves (`/chat?team=`), used when the first message starts a conversation. */
export function ChatWidget({ realtime, teamId }: { realtime: RealtimeClientConfig; teamId: number | null }) {
  const t = useTranslations("widget");
  const [phase, setPhase] = useState<"loading" | "ready" | "error">("loading");
  const [token, setToken] = useState<string | null>(null);
  const [welcome, setWelcome] = useState("");
  const [conversation, setConversation] = useState<WidgetConversation | null>(null);
  const [messages, setMessages] = useState<WidgetMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [draft, setDraft] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [online, setOnline] = useState(true);
  const [prechatDone, setPrechatDone] = useState(true);
  const [contact, setContact] = useState({ name: "", phone: "" });
  const [contactError, setContactError] = useState(false);
  const [csatScore, setCsatScore] = useState(0);
  const [csatComment, setCsatComment] = useState("");
  const [csatState, setCsatState] = useState<"idle" | "sending" | "done" | "failed">("idle");

  const tokenRef = useRef<string | null>(null);
  const conversationIdRef = useRef<number | null>(null);
  const lastIdRef = useRef(0);
  const fetching = useRef<Promise<void> | null>(null);
  const listEnd = useRef<HTMLDivElement>(null);

  const refreshState = useCallback(async () => {
    if (!tokenRef.current) return;
    const data = await call<{ conversation: WidgetConversation | null }>("/api/v1/widget/state", tokenRef.current);
    setConversation(data.conversation);
  }, []);

  /** Everything after the last message we have (the gap after a reconnect, or the answer to an event). */
  const fetchNew = useCallback((): Promise<void> => {
    if (fetching.current) return fetching.current.then(() => fetchNewOnce());
    return fetchNewOnce();

    function fetchNewOnce(): Promise<void> {
      const run = (async () => {
        for (let page = 0; page < 20 && tokenRef.current; page++) {
          const after = lastIdRef.current;
          const data = await call<{ conversationId: number | null; items: WidgetMessage[]; hasMore: boolean }>(
            `/api/v1/widget/messages${after > 0 ? `?after=${after}` : ""}`,
            tokenRef.current,
          );
          if (data.conversationId !== conversationIdRef.current) {
            // a new conversation started (the last one ended): its history replaces the old one
            conversationIdRef.current = data.conversationId;
            if (after > 0) {
              lastIdRef.current = 0;
              setMessages([]);
              continue;
            }
          }
          if (data.items.length > 0) {
            lastIdRef.current = Math.max(lastIdRef.current, data.items.at(-1)!.id);
            const seen = new Set(data.items.map((m) => m.clientId).filter(Boolean));
            setMessages((current) => {
              const ids = new Set(current.map((m) => m.id));
              return [...current, ...data.items.filter((m) => !ids.has(m.id))].sort((a, b) => a.id - b.id);
            });
            setPending((current) => current.filter((p) => !seen.has(p.clientId)));
          }
          if (!data.hasMore) break;
        }
      })();
      fetching.current = run.finally(() => {
        if (fetching.current === run) fetching.current = null;
      });
      return run;
    }
  }, []);

  const startSession = useCallback(async () => {
    setPhase("loading");
    const open = async (presented: string | null) =>
      call<{ token: string; config: { welcomeMessage: string }; conversation: WidgetConversation | null }>("/api/v1/widget/session", presented, { method: "POST", json: {} });
    try {
      const stored = readStorage(TOKEN_KEY);
      let data;
      try {
        data = await open(stored);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401 && stored)) throw error;
        // an expired or foreign token: start over as a new visitor
        writeStorage(TOKEN_KEY, null);
        data = await open(null);
      }
      writeStorage(TOKEN_KEY, data.token);
      tokenRef.current = data.token;
      setToken(data.token);
      setWelcome(data.config.welcomeMessage);
      setConversation(data.conversation);
      setPrechatDone(data.conversation !== null || readStorage(PRECHAT_KEY) === "1");
      if (data.conversation) await fetchNew();
      setPhase("ready");
    } catch {
      setPhase("error");
    }
  }, [fetchNew]);

  useEffect(() => {
    void startSession();
  }, [startSession]);

  const conversationId = conversation?.id ?? null;
  const status = conversation?.status ?? null;

  // live updates on the conversation's channel; a reconnect or coming back online fills the gap
  useEffect(() => {
    if (!token || conversationId === null) return;
    let cancelled = false;
    let client: Pusher | undefined;
    const sync = () => {
      void fetchNew().catch(() => undefined);
      void refreshState().catch(() => undefined);
    };
    void import("pusher-js").then(({ default: PusherClient }) => {
      if (cancelled) return;
      client = new PusherClient(realtime.key, {
        cluster: realtime.cluster,
        ...("wsHost" in realtime ? { wsHost: realtime.wsHost, wsPort: realtime.wsPort, wssPort: realtime.wsPort } : {}),
        forceTLS: realtime.forceTLS,
        enabledTransports: ["ws", "wss"],
        channelAuthorization: { endpoint: "/api/v1/widget/realtime-auth", transport: "ajax", headers: { Authorization: `Visitor ${token}` } },
      });
      const channel = client.subscribe(channels.conversation(conversationId));
      channel.bind(realtimeEvents.messageCreated, (data: RealtimePayload<"message.created">) => {
        if (data.kind !== "NOTE") void fetchNew().catch(() => undefined);
      });
      channel.bind(realtimeEvents.conversationUpdated, () => void refreshState().catch(() => undefined));
      channel.bind(realtimeEvents.queueChanged, () => void refreshState().catch(() => undefined));
      client.connection.bind("state_change", (states: { previous: string; current: string }) => {
        if (states.current === "connected" && states.previous !== "initialized" && states.previous !== "connected") sync();
      });
    });
    const onOnline = () => {
      setOnline(true);
      sync();
    };
    const onOffline = () => setOnline(false);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      cancelled = true;
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      client?.disconnect();
    };
  }, [token, conversationId, realtime, fetchNew, refreshState]);

  // the queue moves without events on our channel: refresh the position now and then (never faster than 30 s)
  useEffect(() => {
    if (status !== "QUEUED") return;
    const timer = window.setInterval(() => void refreshState().catch(() => undefined), STATE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [status, refreshState]);

  useEffect(() => {
    listEnd.current?.scrollIntoView?.({ block: "end" });
  }, [messages.length, pending.length, status]);

  const send = useCallback(
    async (body: string, clientId: string) => {
      if (!tokenRef.current) return;
      setNotice(null);
      setPending((current) => [...current.filter((p) => p.clientId !== clientId), { clientId, body, state: "sending" }]);
      const first = conversationIdRef.current === null;
      try {
        const json = { clientId, body, ...(first && contact.name.trim() ? { name: contact.name.trim() } : {}), ...(first && contact.phone.trim() ? { phone: contact.phone.trim() } : {}) };
        const post = (team: number | null) => call<{ conversationId: number }>("/api/v1/widget/messages", tokenRef.current, { json: team && first ? { ...json, teamId: team } : json });
        const result = await post(teamId).catch((error: unknown) => {
          // an embed naming a team that no longer exists still lets the customer chat, with the default team
          if (error instanceof ApiError && error.field === "teamId") return post(null);
          throw error;
        });
        if (result.conversationId !== conversationIdRef.current) await refreshState();
        await fetchNew();
        await refreshState();
        // the message is stored even when the list has not caught up yet
        setPending((current) => current.filter((p) => p.clientId !== clientId));
      } catch (error) {
        if (error instanceof ApiError && error.code === "RATE_LIMITED") setNotice(t("rateLimited"));
        setPending((current) => current.map((p) => (p.clientId === clientId ? { ...p, state: "failed" } : p)));
      }
    },
    [contact, fetchNew, refreshState, t, teamId],
  );

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || body.length > MESSAGE_BODY_MAX) return;
    setDraft("");
    void send(body, crypto.randomUUID());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  const savePrechat = (event: FormEvent) => {
    event.preventDefault();
    const phone = contact.phone.replace(/[\s-]/g, "");
    if (phone && !/^(\+?86)?1\d{10}$/.test(phone)) {
      setContactError(true);
      return;
    }
    setContactError(false);
    writeStorage(PRECHAT_KEY, "1");
    setPrechatDone(true);
  };

  const skipPrechat = () => {
    setContact({ name: "", phone: "" });
    writeStorage(PRECHAT_KEY, "1");
    setPrechatDone(true);
  };

  const leaveQueue = async () => {
    if (!tokenRef.current) return;
    try {
      await call("/api/v1/widget/leave", tokenRef.current, { method: "POST", json: {} });
    } catch {
      // the state below tells what happened (e.g. an agent took it meanwhile)
    }
    await Promise.all([fetchNew(), refreshState()]).catch(() => undefined);
  };

  const submitCsat = async (event: FormEvent) => {
    event.preventDefault();
    if (!tokenRef.current || csatScore < 1) return;
    setCsatState("sending");
    try {
      await call("/api/v1/widget/csat", tokenRef.current, { json: { score: csatScore, ...(csatComment.trim() ? { comment: csatComment.trim() } : {}) } });
      setCsatState("done");
      await refreshState();
    } catch (error) {
      setCsatState(error instanceof ApiError && error.code === "ALREADY_DONE" ? "done" : "failed");
    }
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

  if (phase !== "ready") {
    return (
      <main className="flex h-dvh flex-col items-center justify-center gap-3 bg-slate-50 p-6 text-center text-sm text-slate-600">
        {phase === "loading" ? (
          <Spinner label={t("connecting")} />
        ) : (
          <>
            <p role="alert">{t("sessionFailed")}</p>
            <Button variant="outline" onClick={() => void startSession()}>
              {t("retryConnect")}
            </Button>
          </>
        )}
      </main>
    );
  }

  const queued = status === "QUEUED";
  const resolved = status === "RESOLVED";
  const showPrechat = !prechatDone && conversation === null;
  const canHandoff = status === null || status === "BOT";
  const waitMinutes = conversation?.expectedWaitSeconds != null ? Math.max(1, Math.round(conversation.expectedWaitSeconds / 60)) : null;

  return (
    <main className="flex h-dvh flex-col bg-slate-50 text-slate-900">
      <header className="flex items-center gap-3 bg-primary-600 px-4 py-3 text-white">
        <span className="flex size-9 items-center justify-center rounded-full bg-white/20 font-semibold" aria-hidden>
          客
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold">{t("title")}</h1>
          <p className="truncate text-xs text-white/80">{t("subtitle")}</p>
        </div>
      </header>

      {!online && (
        <p role="status" className="bg-amber-50 px-4 py-2 text-xs text-amber-800">
          {t("offline")}
        </p>
      )}

      {queued && (
        <section role="status" aria-live="polite" className="flex items-center justify-between gap-3 border-b border-primary-100 bg-primary-50 px-4 py-2 text-sm">
          <div className="min-w-0">
            <p className="font-medium text-primary-800">{t("queue.waiting")}</p>
            {conversation?.position != null && (
              <p className="text-xs text-primary-700">{t("queue.position", { position: conversation.position, ahead: conversation.position - 1 })}</p>
            )}
            <p className="text-xs text-primary-700">{waitMinutes !== null ? t("queue.wait", { minutes: waitMinutes }) : t("queue.waitUnknown")}</p>
          </div>
          <Button size="sm" variant="outline" onClick={() => void leaveQueue()}>
            {t("queue.leave")}
          </Button>
        </section>
      )}

      <div className="flex-1 overflow-y-auto px-3 py-4" aria-live="polite">
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
              <p className={cn("max-w-[80%] rounded-2xl rounded-tr-sm px-3 py-2 text-sm break-words whitespace-pre-wrap", p.state === "failed" ? "bg-red-50 text-red-900" : "bg-primary-400 text-white")}>
                {p.body}
              </p>
              {p.state === "sending" ? (
                <span className="text-xs text-slate-400">{t("sending")}</span>
              ) : (
                <span className="flex items-center gap-2 text-xs text-red-700">
                  {t("failed")}
                  <Button size="sm" variant="link" onClick={() => void send(p.body, p.clientId)}>
                    {t("retry")}
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ol>

        {resolved && conversation?.csat.available && csatState !== "done" && (
          <form onSubmit={(e) => void submitCsat(e)} className="mt-4 flex flex-col gap-3 rounded-xl bg-white p-4 shadow-xs" aria-label={t("csat.title")}>
            <p className="text-sm font-medium">{t("csat.title")}</p>
            <div className="flex gap-1" role="radiogroup" aria-label={t("csat.title")}>
              {[1, 2, 3, 4, 5].map((score) => (
                <button
                  key={score}
                  type="button"
                  role="radio"
                  aria-checked={csatScore === score}
                  aria-label={t("csat.star", { score })}
                  onClick={() => setCsatScore(score)}
                  className={cn("text-3xl leading-none", score <= csatScore ? "text-amber-400" : "text-slate-300")}
                >
                  ★
                </button>
              ))}
            </div>
            <Textarea value={csatComment} onChange={(e) => setCsatComment(e.target.value)} maxLength={CSAT_COMMENT_MAX} rows={2} placeholder={t("csat.comment")} aria-label={t("csat.comment")} />
            {csatState === "failed" && (
              <p role="alert" className="text-xs text-red-700">
                {t("csat.failed")}
              </p>
            )}
            <Button type="submit" disabled={csatScore < 1 || csatState === "sending"}>
              {t("csat.submit")}
            </Button>
          </form>
        )}
        {(csatState === "done" || (resolved && conversation?.csat.score != null)) && (
          <p role="status" className="mt-4 text-center text-sm text-emerald-700">
            {t("csat.thanks")}
          </p>
        )}
        {(resolved || status === "ABANDONED") && <p className="mt-2 text-center text-xs text-slate-500">{t("ended")}</p>}
        <div ref={listEnd} />
      </div>

      {showPrechat ? (
        <form onSubmit={savePrechat} className="flex flex-col gap-2 border-t border-slate-200 bg-white p-3">
          <p className="text-sm text-slate-700">{t("prechat.title")}</p>
          <Input value={contact.name} onChange={(e) => setContact((c) => ({ ...c, name: e.target.value }))} maxLength={64} placeholder={t("prechat.name")} aria-label={t("prechat.name")} autoComplete="name" />
          <Input
            value={contact.phone}
            onChange={(e) => setContact((c) => ({ ...c, phone: e.target.value }))}
            inputMode="tel"
            maxLength={20}
            placeholder={t("prechat.phone")}
            aria-label={t("prechat.phone")}
            aria-invalid={contactError}
            autoComplete="tel"
          />
          {contactError && (
            <p role="alert" className="text-xs text-red-700">
              {t("prechat.phoneInvalid")}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" className="flex-1">
              {t("prechat.start")}
            </Button>
            <Button type="button" variant="ghost" onClick={skipPrechat}>
              {t("prechat.skip")}
            </Button>
          </div>
        </form>
      ) : (
        <form onSubmit={submit} className="border-t border-slate-200 bg-white p-3">
          {notice && (
            <p role="alert" className="mb-2 text-xs text-red-700">
              {notice}
            </p>
          )}
          {canHandoff && (
            <div className="mb-2 flex">
              <Button type="button" size="sm" variant="outline" onClick={() => void send(t("handoffText"), crypto.randomUUID())}>
                {t("handoff")}
              </Button>
            </div>
          )}
          <div className="flex items-end gap-2">
            <Textarea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKeyDown}
              rows={1}
              maxLength={MESSAGE_BODY_MAX}
              placeholder={t("composerPlaceholder")}
              aria-label={t("composerLabel")}
              className="max-h-32 min-h-10 flex-1 resize-none"
            />
            <Button type="submit" disabled={!draft.trim()}>
              {t("send")}
            </Button>
          </div>
          {draft.length >= MESSAGE_BODY_MAX && <p className="mt-1 text-xs text-slate-500">{t("tooLong", { max: MESSAGE_BODY_MAX })}</p>}
        </form>
      )}
    </main>
  );
}
