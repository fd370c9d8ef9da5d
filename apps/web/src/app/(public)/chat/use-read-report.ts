"use client";

import { useEffect, useRef } from "react";
import { call, type WidgetMessage } from "./widget-api";

/**
 * Tells the agent the visitor has seen their replies (the "read" receipt in the console): whenever the widget is on
 * screen and holds a message from the other side it has not reported yet, it reports the last message it shows.
 */
export function useReadReport(token: string | null, conversationId: number | null, messages: WidgetMessage[]) {
  const reported = useRef(0);
  const lastId = messages.at(-1)?.id ?? 0;
  const lastFromOthers = messages.findLast((m) => m.senderType !== "CUSTOMER" && m.kind !== "NOTE")?.id ?? 0;
  useEffect(() => {
    if (!token || conversationId === null || lastFromOthers === 0) return;
    const report = () => {
      if (document.visibilityState !== "visible" || reported.current >= lastFromOthers) return;
      reported.current = lastId;
      void call("/api/v1/widget/read", token, { method: "POST", json: { messageId: lastId } }).catch(() => {
        reported.current = 0;
      });
    };
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [token, conversationId, lastId, lastFromOthers]);
}
