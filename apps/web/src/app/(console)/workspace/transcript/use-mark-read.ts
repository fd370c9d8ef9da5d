"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "~/trpc/react";
import type { Detail } from "./types";

/** Marks the conversation read up to `lastId` while the transcript is on screen. */
export function useMarkRead({
  conversationId,
  conversation,
  loaded,
  lastId,
  onChanged,
}: {
  conversationId: number;
  conversation: Detail | undefined;
  loaded: boolean;
  lastId: number;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const markedRef = useRef(0);
  const markRead = useMutation(trpc.conversation.markRead.mutationOptions({ onSuccess: onChanged }));
  const markReadMutate = markRead.mutate;
  useEffect(() => {
    if (!loaded || lastId === 0) return;
    const mark = () => {
      if (document.visibilityState !== "visible" || markedRef.current >= lastId) return;
      if (conversation && conversation.lastReadMessageId >= lastId) return;
      markedRef.current = lastId;
      markReadMutate({ id: conversationId, messageId: lastId });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [loaded, lastId, conversation, conversationId, markReadMutate]);
}
