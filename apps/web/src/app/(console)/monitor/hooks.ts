"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";

/**
 * "3 分 12 秒": a duration in seconds as people read it; null for no value. `coarse` drops the seconds past a
 * minute (time online over a day).
 */
export function useDuration(options: { coarse?: boolean } = {}) {
  const t = useTranslations("monitor.duration");
  const coarse = options.coarse ?? false;
  return useCallback(
    (seconds: number | null | undefined): string | null => {
      if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return t("seconds", { s });
      if (s < 3600) return coarse ? t("minutesOnly", { m: Math.floor(s / 60) }) : t("minutes", { m: Math.floor(s / 60), s: s % 60 });
      return t("hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    },
    [t, coarse],
  );
}

/** The first `limit` items, or all of them once asked: long lists stay short on a phone. */
export function useShowAll<T>(items: T[], limit: number) {
  const [all, setAll] = useState(false);
  return { visible: all ? items : items.slice(0, limit), hidden: all ? 0 : Math.max(0, items.length - limit), all, setAll };
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

/** A hidden tab gets no animation frames: the batch is applied after this long at the latest. */
const BATCH_FALLBACK_MS = 250;

/**
 * Collects items and hands them to `apply` together on the next animation frame (or after BATCH_FALLBACK_MS when
 * the tab is hidden), so a burst of realtime events costs one render instead of one each.
 */
export function useFrameBatch<T>(apply: (items: T[]) => void): (item: T) => void {
  const latestApply = useRef(apply);
  useEffect(() => {
    latestApply.current = apply;
  });
  const pending = useRef<T[]>([]);
  const scheduled = useRef<{ frame: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const flush = useCallback(() => {
    if (scheduled.current) {
      cancelAnimationFrame(scheduled.current.frame);
      clearTimeout(scheduled.current.timer);
      scheduled.current = null;
    }
    const items = pending.current;
    pending.current = [];
    if (items.length > 0) latestApply.current(items);
  }, []);
  useEffect(() => flush, [flush]);
  return useCallback(
    (item: T) => {
      pending.current.push(item);
      scheduled.current ??= { frame: requestAnimationFrame(flush), timer: setTimeout(flush, BATCH_FALLBACK_MS) };
    },
    [flush],
  );
}
