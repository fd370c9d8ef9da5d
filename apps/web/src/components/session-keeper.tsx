"use client";

import { useEffect } from "react";

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
const REPORT_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 60_000;

async function readSession(method: "GET" | "POST"): Promise<{ user?: unknown; ended?: string }> {
  const init: RequestInit = { method, headers: { "Content-Type": "application/json" }, cache: "no-store" };
  if (method === "POST") {
    // next-auth's client is loaded when first needed (a minute after the page), not with every console page
    const { getCsrfToken } = await import("next-auth/react");
    init.body = JSON.stringify({ csrfToken: await getCsrfToken(), data: {} });
  }
  const response = await fetch("/api/auth/session", init);
  return response.ok ? ((await response.json()) as { user?: unknown; ended?: string }) : {};
}

/**
 * Tells the server the person is active (at most once a minute) so the idle limit counts from
 * real activity, and notices within a minute when the session was ended elsewhere (force
 * logout, disable, role change) to send the person to the sign-in page.
 */
export function SessionKeeper() {
  useEffect(() => {
    let lastReport = Date.now();
    let active = false;
    const leave = (ended?: string) =>
      window.location.assign(`/sign-in?ended=${encodeURIComponent(ended ?? "revoked")}&next=${encodeURIComponent(window.location.pathname)}`);
    const onActivity = () => {
      active = true;
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      const report = active && Date.now() - lastReport >= REPORT_EVERY_MS;
      if (report) {
        lastReport = Date.now();
        active = false;
      }
      readSession(report ? "POST" : "GET")
        .then((session) => {
          if (!session.user) leave(session.ended);
        })
        .catch(() => undefined);
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
    };
  }, []);
  return null;
}
