"use client";

import { useEffect, useState } from "react";

/** Whether the browser says it is online, followed while `enabled` (the last value is kept otherwise). */
export function useOnline(enabled: boolean): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    if (!enabled) return;
    const onOnline = () => setOnline(true);
    const onOffline = () => setOnline(false);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [enabled]);
  return online;
}
