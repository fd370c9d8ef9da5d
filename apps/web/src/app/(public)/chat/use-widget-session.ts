"use client";

import type { LiveMessage, RealtimePayloads } from "@kefu/api/contracts/realtime";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  ApiError,
  call,
  PRECHAT_KEY,
  readStorage,
  TOKEN_KEY,
  writeStorage,
  type WidgetConversation,
  type WidgetIntent,
  type WidgetMessage,
} from "./widget-api";

/** while queued the state is refetched on events and at most this often otherwise */
const STATE_REFRESH_MS = 30_000;

/**
 * The visitor's session: opens (or resumes) it with the stored token, keeps the conversation's state and its
 * messages, and fetches whatever came after the last message it has.
 */
export function useWidgetSession() {
  const [phase, setPhase] = useState<"loading" | "ready" | "error">("loading");
  const [token, setToken] = useState<string | null>(null);
  const [welcome, setWelcome] = useState("");
  const [intents, setIntents] = useState<WidgetIntent[]>([]);
  const [conversation, setConversation] = useState<WidgetConversation | null>(null);
  const [messages, setMessages] = useState<WidgetMessage[]>([]);
  const [prechatDone, setPrechatDone] = useState(true);

  const tokenRef = useRef<string | null>(null);
  const conversationIdRef = useRef<number | null>(null);
  const lastIdRef = useRef(0);
  /** the conversation's last message of any kind (internal notes too, which this page never shows) up to which it holds everything */
  const completeToRef = useRef(0);
  const fetching = useRef<Promise<void> | null>(null);

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
            setMessages((current) => {
              const ids = new Set(current.map((m) => m.id));
              return [...current, ...data.items.filter((m) => !ids.has(m.id))].sort((a, b) => a.id - b.id);
            });
          }
          completeToRef.current = lastIdRef.current;
          if (!data.hasMore) break;
        }
      })();
      // what the next fetch waits for: settles either way, and clears itself once it is the last one
      const settled: Promise<void> = run
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          if (fetching.current === settled) fetching.current = null;
        });
      fetching.current = settled;
      return run;
    }
  }, []);

  /**
   * A new message on the conversation's channel: drawn from the event at once; fetched only when the page missed
   * the message before it (or the event could not carry it).
   */
  const receiveLive = useCallback(
    (data: RealtimePayloads["message.created"]) => {
      const current = data.conversationId === conversationIdRef.current;
      const inOrder = current && !fetching.current && data.previousId === completeToRef.current;
      if (data.kind === "NOTE") {
        if (inOrder) completeToRef.current = data.id;
        return;
      }
      const carried = data.message;
      if (carried && current) {
        setMessages((shown) => (shown.some((m) => m.id === carried.id) ? shown : [...shown, widgetMessageOf(carried)].sort((a, b) => a.id - b.id)));
        if (inOrder) {
          completeToRef.current = carried.id;
          lastIdRef.current = Math.max(lastIdRef.current, carried.id);
          return;
        }
      }
      void fetchNew().catch(() => undefined);
    },
    [fetchNew],
  );

  const startSession = useCallback(async () => {
    setPhase("loading");
    const open = async (presented: string | null) =>
      call<{ token: string; config: { welcomeMessage: string; intents?: WidgetIntent[] }; conversation: WidgetConversation | null }>(
        "/api/v1/widget/session",
        presented,
        {
          method: "POST",
          json: {},
        },
      );
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
      setIntents(data.config.intents ?? []);
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

  const status = conversation?.status ?? null;
  // the queue moves without events on our channel: refresh the position now and then (never faster than 30 s)
  useEffect(() => {
    if (status !== "QUEUED") return;
    const timer = window.setInterval(() => void refreshState().catch(() => undefined), STATE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [status, refreshState]);

  const leaveQueue = useCallback(async () => {
    if (!tokenRef.current) return;
    try {
      await call("/api/v1/widget/leave", tokenRef.current, { method: "POST", json: {} });
    } catch {
      // the state below tells what happened (e.g. an agent took it meanwhile)
    }
    await Promise.all([fetchNew(), refreshState()]).catch(() => undefined);
  }, [fetchNew, refreshState]);

  /** The pre-chat form was filled in or skipped: it is not offered again on this device. */
  const finishPrechat = useCallback(() => {
    writeStorage(PRECHAT_KEY, "1");
    setPrechatDone(true);
  }, []);

  return {
    phase,
    token,
    /** the token as of now, for callbacks that outlive a render */
    tokenRef,
    /** the conversation the fetched messages belong to (null before the first message) */
    conversationIdRef,
    welcome,
    intents,
    conversation,
    messages,
    prechatDone,
    finishPrechat,
    startSession,
    leaveQueue,
    refreshState,
    fetchNew,
    receiveLive,
  };
}

/** The widget's view of a message: an agent's name, and the customer's own client ids. */
function widgetMessageOf(message: LiveMessage): WidgetMessage {
  return {
    id: message.id,
    senderType: message.senderType,
    kind: message.kind,
    body: message.body,
    createdAt: message.createdAt,
    senderName: message.senderType === "AGENT" ? (message.sender?.name ?? null) : null,
    clientId: message.senderType === "CUSTOMER" ? message.clientId : null,
    attachment: message.attachment,
    ratable: message.senderType === "BOT" && message.kbArticleId !== null,
    rating: null,
  };
}

export type WidgetSession = ReturnType<typeof useWidgetSession>;
