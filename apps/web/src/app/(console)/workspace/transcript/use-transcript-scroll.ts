"use client";

import { useLayoutEffect, useRef, type UIEvent } from "react";

/**
 * Keeps the newest message in view unless the reader scrolled up, and keeps the reading position when older
 * messages are added above. Runs after every change of `messages` or `pending`.
 */
export function useTranscriptScroll(messages: unknown, pending: unknown) {
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffset = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepOffset.current !== null) {
      el.scrollTop = el.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending]);

  return {
    scroller,
    onScroll: (event: UIEvent<HTMLDivElement>) => {
      const el = event.currentTarget;
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    },
    /** Follow the newest message again (after sending one). */
    stickToBottom: () => {
      stickToBottom.current = true;
    },
    /** Remember the distance from the bottom before messages are added above. */
    keepPosition: () => {
      if (scroller.current) keepOffset.current = scroller.current.scrollHeight - scroller.current.scrollTop;
    },
  };
}
