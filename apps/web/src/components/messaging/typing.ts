"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimeEvent } from "~/components/realtime-provider";
import type { RealtimePayloads } from "@kefu/api/contracts/realtime";

/** how often a typing person's client says so (the server drops anything faster than every 2 s) */
export const TYPING_SEND_INTERVAL_MS = 3_000;
/** how long "typing…" stays up after the last signal */
export const TYPING_SHOW_MS = 6_000;

/** Returns `typed()`, to call on every keystroke: it runs `signal` at most every few seconds. */
export function useTypingSignal(signal: () => void): () => void {
  const last = useRef(0);
  const signalRef = useRef(signal);
  useEffect(() => {
    signalRef.current = signal;
  }, [signal]);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < TYPING_SEND_INTERVAL_MS) return;
    last.current = now;
    signalRef.current();
  }, []);
}

/** Whether the other side is typing on `channel` (`from`: whose signals count), cleared when their message arrives. */
export function useOtherSideTyping(channel: string, from: "CUSTOMER" | "AGENT"): boolean {
  const [typing, setTyping] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const stop = useCallback(() => {
    window.clearTimeout(timer.current);
    setTyping(false);
  }, []);
  useRealtimeEvent(channel, "typing", (data: RealtimePayloads["typing"]) => {
    if (data.senderType !== from) return;
    setTyping(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setTyping(false), TYPING_SHOW_MS);
  });
  useRealtimeEvent(channel, "message.created", (data: RealtimePayloads["message.created"]) => {
    if (data.senderType === from) stop();
  });
  useEffect(() => stop, [channel, stop]);
  return typing;
}
