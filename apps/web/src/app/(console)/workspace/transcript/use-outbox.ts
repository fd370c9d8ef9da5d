"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { Message, PendingMessage } from "./types";

/**
 * Replies and notes on their way: shown at once, sent with a client id (so a retry is not stored twice), dropped
 * once the transcript has them; a failed one stays with a retry and the error as a toast.
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
  const { run } = useMutationFeedback();
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const reply = useMutation(trpc.conversation.reply.mutationOptions());
  const note = useMutation(trpc.conversation.note.mutationOptions());
  const replyAsync = reply.mutateAsync;
  const noteAsync = note.mutateAsync;

  const deliver = useCallback(
    async (message: PendingMessage) => {
      setPending((current) => current.map((p) => (p.clientId === message.clientId ? { ...p, failed: false } : p)));
      await run(
        async () => {
          await (message.note ? noteAsync : replyAsync)({ id: conversationId, body: message.body, clientId: message.clientId });
          await fillGap();
        },
        {
          onSuccess: () => {
            setPending((current) => current.filter((p) => p.clientId !== message.clientId));
            onChanged();
          },
          onError: () => setPending((current) => current.map((p) => (p.clientId === message.clientId ? { ...p, failed: true } : p))),
        },
      );
    },
    [conversationId, fillGap, noteAsync, replyAsync, onChanged, run],
  );

  const send = (body: string, isNote: boolean) => {
    const message: PendingMessage = { clientId: crypto.randomUUID(), body, note: isNote, failed: false };
    setPending((current) => [...current, message]);
    void deliver(message);
  };

  const seenClientIds = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const visible = pending.filter((p) => !seenClientIds.has(p.clientId));

  return { pending, visible, send, retry: deliver };
}
