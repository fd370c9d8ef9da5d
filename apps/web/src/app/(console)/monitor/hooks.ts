"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";

/** "3 分 12 秒": a duration in seconds as people read it; null for no value. */
export function useDuration() {
  const t = useTranslations("monitor.duration");
  return useCallback(
    (seconds: number | null | undefined): string | null => {
      if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return t("seconds", { s });
      if (s < 3600) return t("minutes", { m: Math.floor(s / 60), s: s % 60 });
      return t("hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    },
    [t],
  );
}

/** The current time, ticking every `intervalMs` (live waits and ages). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** Whether the browser believes it is online (true while rendering on the server). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** "14:05" in Beijing time. */
export function clockTime(date: Date | string | number): string {
  return new Intl.DateTimeFormat("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" }).format(new Date(date));
}
