"use client";

import { toast } from "@kefu/ui/toast";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useState } from "react";
import { OrderedOutbox } from "~/lib/ordered-outbox";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import type { Message, PendingMessage } from "./types";

/** a send that has not been answered in this time is given up and tried again */
const SEND_TIMEOUT_MS = 10_000;

/** No network, the server restarting or too many requests: worth sending again. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const status = (error.data as { httpStatus?: number } | null | undefined)?.httpStatus;
  return status === undefined || status >= 500 || status === 429;
}

/**
 * Replies and notes on their way: shown at once, sent one after the other in the order written with a client id (so a
 * retry is not stored twice; lib/ordered-outbox: on a flaky connection they wait and go by themselves when it is
 * back), dropped once the transcript has them; a refused one stays with a retry and the error as a toast.
 */
export function useOutbox({
  conversationId,
  messages,
  fillGap,
  onChanged,
}: {
  conversationId: number;
  messages: Message[];
  fillGap: () => Promise<void>;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const { message: errorMessage } = useApiErrors();
  const [pending, setPending] = useState<PendingMessage[]>([]);
  // "always": offline, the call fails at once and the outbox shows it waiting, rather than React Query pausing it
  const reply = useMutation({ ...trpc.conversation.reply.mutationOptions(), networkMode: "always" });
  const note = useMutation({ ...trpc.conversation.note.mutationOptions(), networkMode: "always" });
  const replyAsync = reply.mutateAsync;
  const noteAsync = note.mutateAsync;

  const deliver = useCallback(
    async (message: PendingMessage) => {
      const sent = (message.note ? noteAsync : replyAsync)({ id: message.conversationId, body: message.body, clientId: message.clientId });
      // a request stuck on a dead connection is given up and sent again (the client id keeps it stored once)
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DOMException("no answer", "TimeoutError")), SEND_TIMEOUT_MS);
      });
      await Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
      // stored: the next message may go. The bubble stays until the transcript has caught up (not awaited: offline,
      // React Query holds the fetch until the browser is back, and the next message must not wait for it)
      void fillGap()
        .catch(() => undefined)
        .finally(() => setPending((current) => current.filter((p) => p.clientId !== message.clientId)));
    },
    [fillGap, noteAsync, replyAsync],
  );

  const [outbox] = useState(
    () =>
      new OrderedOutbox<PendingMessage>({
        deliver: () => Promise.resolve(),
        isTransient,
        onState: () => undefined,
      }),
  );
  useEffect(
    () =>
      outbox.update({
        deliver,
        onState: (clientId, state, error) => {
          if (state === "sent") {
            onChanged();
            return;
          }
          if (state === "failed") toast({ title: errorMessage(error), variant: "error" });
          setPending((current) => current.map((p) => (p.clientId === clientId ? { ...p, state } : p)));
        },
      }),
    [outbox, deliver, onChanged, errorMessage],
  );
  useEffect(() => {
    const resume = () => outbox.resume();
    window.addEventListener("online", resume);
    return () => {
      window.removeEventListener("online", resume);
      outbox.dispose();
    };
  }, [outbox]);

  const send = (body: string, isNote: boolean) => {
    const message: PendingMessage = { clientId: crypto.randomUUID(), conversationId, body, note: isNote, state: "sending" };
    setPending((current) => [...current, message]);
    outbox.enqueue(message);
  };

  const retry = (message: PendingMessage) => {
    setPending((current) => current.map((p) => (p.clientId === message.clientId ? { ...p, state: "sending" } : p)));
    outbox.enqueue(message);
  };

  const seenClientIds = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const visible = pending.filter((p) => p.conversationId === conversationId && !seenClientIds.has(p.clientId));

  return { pending, visible, send, retry };
}
