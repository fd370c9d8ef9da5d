"use client";

import { WIDGET_HEARTBEAT_SECONDS } from "@kefu/api/contracts/customer-presence";
import { useEffect } from "react";
import { visitorHeaders } from "./widget-api";

export const PRESENCE_ENDPOINT = "/api/v1/widget/presence";
const OPEN_STATUSES = new Set(["BOT", "QUEUED", "ACTIVE", "PAUSED"]);

function heartbeat(token: string) {
  void fetch(PRESENCE_ENDPOINT, {
    method: "POST",
    headers: { ...visitorHeaders(token), "Content-Type": "application/json" },
    body: JSON.stringify({ state: "here" }),
    cache: "no-store",
  }).catch(() => {
    // offline: the next beat (or the page coming back) tells the server
  });
}

/**
 * Tells the server the customer is still here while their conversation is open (a heartbeat, at once when the page
 * shows again) and that they left when the page goes away (`pagehide`, a beacon: it cannot carry headers, so the
 * token goes in the body). A reload's goodbye is voided by the next page's first beat.
 */
export function useCustomerPresence(token: string | null, conversationId: number | null, status: string | null) {
  const open = status !== null && OPEN_STATUSES.has(status);
  useEffect(() => {
    if (!token || conversationId === null || !open) return;
    const beat = () => heartbeat(token);
    const onVisibility = () => {
      if (document.visibilityState === "visible") beat();
    };
    const onHide = () => {
      navigator.sendBeacon?.(PRESENCE_ENDPOINT, JSON.stringify({ state: "gone", token }));
    };
    beat();
    const timer = window.setInterval(beat, WIDGET_HEARTBEAT_SECONDS * 1000);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pageshow", beat);
    window.addEventListener("pagehide", onHide);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pageshow", beat);
      window.removeEventListener("pagehide", onHide);
    };
  }, [token, conversationId, open]);
}
