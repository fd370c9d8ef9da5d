"use client";

import { toast } from "@kefu/ui/toast";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import type { Message } from "./types";
import { channels, type RealtimePayloads } from "@kefu/api/contracts/realtime";

function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * A conversation's messages: the latest page first, older pages on request, each new message from its realtime
 * event, and everything after the last one whenever an event shows a gap or the connection comes back (one
 * gap-fill at a time).
 */
export function useConversationMessages(conversationId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message: errorMessage } = useApiErrors();
  const [messages, setMessages] = useState<Message[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const lastIdRef = useRef(0);
  const loadedRef = useRef(false);
  const filling = useRef(false);
  const fillAgain = useRef(false);

  const fetchPage = useCallback(
    (input: { afterId?: number; beforeId?: number; limit: number }) =>
      queryClient.fetchQuery({ ...trpc.conversation.messages.queryOptions({ id: conversationId, ...input }), staleTime: 0 }),
    [queryClient, trpc, conversationId],
  );

  const fillGap = useCallback(async () => {
    if (!loadedRef.current) {
      fillAgain.current = true;
      return;
    }
    if (filling.current) {
      fillAgain.current = true;
      return;
    }
    filling.current = true;
    try {
      do {
        fillAgain.current = false;
        for (;;) {
          const page = await fetchPage({ afterId: lastIdRef.current, limit: 200 });
          if (page.items.length) {
            lastIdRef.current = Math.max(lastIdRef.current, page.items.at(-1)!.id);
            setMessages((current) => mergeMessages(current, page.items));
          }
          if (!page.hasMore) break;
        }
      } while (fillAgain.current);
    } catch {
      // the next event or reconnect tries again
    } finally {
      filling.current = false;
    }
  }, [fetchPage]);

  useEffect(() => {
    let cancelled = false;
    void fetchPage({ limit: 50 })
      .then((page) => {
        if (cancelled) return;
        setMessages(page.items);
        setHasOlder(page.hasMore);
        lastIdRef.current = page.items.at(-1)?.id ?? 0;
        loadedRef.current = true;
        setLoaded(true);
        if (fillAgain.current) void fillGap();
      })
      .catch((error: unknown) => {
        if (!cancelled) toast({ title: errorMessage(error), variant: "error" });
      });
    return () => {
      cancelled = true;
    };
  }, [fetchPage, fillGap, errorMessage]);

  const channel = channels.conversation(conversationId);
  useRealtimeEvent(channel, "message.created", (data: RealtimePayloads["message.created"]) => {
    const carried = data.message;
    if (!carried || !loadedRef.current) return void fillGap();
    // drawn at once; the gap behind it is filled from the API only when this page missed the message before it
    setMessages((current) => mergeMessages(current, [{ ...carried, createdAt: new Date(carried.createdAt) }]));
    if (!filling.current && data.previousId === lastIdRef.current) lastIdRef.current = carried.id;
    else void fillGap();
  });
  useRealtimeReconnect(() => void fillGap());

  /** The page before the first message; `beforePrepend` runs just before it is added (e.g. to keep the scroll position). */
  async function loadOlder(beforePrepend?: () => void) {
    const first = messages[0]?.id;
    if (!first) return;
    setLoadingOlder(true);
    try {
      const page = await fetchPage({ beforeId: first, limit: 50 });
      beforePrepend?.();
      setMessages((current) => mergeMessages(current, page.items));
      setHasOlder(page.hasMore);
    } catch (error) {
      toast({ title: errorMessage(error), variant: "error" });
    } finally {
      setLoadingOlder(false);
    }
  }

  return { messages, loaded, hasOlder, loadingOlder, loadOlder, fillGap };
}
