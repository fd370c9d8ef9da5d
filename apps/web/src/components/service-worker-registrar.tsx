"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

export const SERVICE_WORKER_URL = "/serwist/sw.js";

/** Asks the service worker to keep the HTML of `url` for offline use (pages reached by client-side navigation). */
function keepPageOffline(url: string) {
  navigator.serviceWorker.controller?.postMessage({ type: "KEFU_CACHE_PAGE", url });
}

/**
 * Registers the service worker (production builds only) and keeps each console page the person opens available
 * offline: a page loaded while the worker was already in control is kept by the worker itself; the first page and
 * every client-side navigation are handed to it here.
 */
export function ServiceWorkerRegistrar({ enabled }: { enabled: boolean }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const loadedUncontrolled = useRef<boolean | null>(null);
  const firstUrl = useRef<string | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (!enabled) {
      // A worker left by a production run on the same origin would serve stale bundles to the development server.
      void navigator.serviceWorker.getRegistrations().then((registrations) => Promise.all(registrations.map((registration) => registration.unregister())));
      return;
    }
    loadedUncontrolled.current = !navigator.serviceWorker.controller;
    firstUrl.current = `${window.location.pathname}${window.location.search}`;
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/", updateViaCache: "none" }).catch(() => undefined);
    const onControllerChange = () => {
      // The first visit: the worker took control after this page loaded, so the page is not kept yet.
      if (loadedUncontrolled.current) keepPageOffline(`${window.location.pathname}${window.location.search}`);
      loadedUncontrolled.current = false;
    };
    navigator.serviceWorker.addEventListener("controllerchange", onControllerChange);
    return () => navigator.serviceWorker.removeEventListener("controllerchange", onControllerChange);
  }, [enabled]);

  useEffect(() => {
    if (!enabled || !("serviceWorker" in navigator)) return;
    const query = searchParams.toString();
    const url = `${pathname}${query ? `?${query}` : ""}`;
    // The document of the first page went through the worker when it was in control already.
    if (url === firstUrl.current && !loadedUncontrolled.current) return;
    firstUrl.current = null;
    keepPageOffline(url);
  }, [enabled, pathname, searchParams]);

  return null;
}
