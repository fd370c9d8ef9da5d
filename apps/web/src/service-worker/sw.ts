/**
 * The console's service worker (bundled by @serwist/turbopack through app/serwist/[path]/route.ts, served as
 * /serwist/sw.js with scope /).
 *
 * - Precache: the build's static assets (/_next/static, public/) and the offline page.
 * - Console pages: network first; the last HTML of each visited page is kept so an offline reload still opens it.
 *   Never-visited pages fall back to /offline. tRPC, /api/* (auth included) and the widget are never cached.
 * - The page cache holds one person's pages: it is emptied when someone signs out or lands on the sign-in page.
 * - Web push: monitoring alerts become notifications (text from the catalogue); a click opens /monitor.
 */
import { ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistGlobalConfig, type SerwistPlugin } from "serwist";
import { alertNotification } from "./alert-notification.ts";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const PAGES_CACHE = "kefu-pages";
const OFFLINE_URL = "/offline";
const SIGN_IN_PATH = "/sign-in";
/** Paths whose documents are never kept: APIs, auth, the customers' chat widget, and the worker's own files. */
const NEVER_CACHED = ["/api", SIGN_IN_PATH, "/chat", OFFLINE_URL, "/serwist", "/_next"];

function isConsolePage(url: URL): boolean {
  return url.origin === self.location.origin && !NEVER_CACHED.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
}

function forgetPages(): Promise<boolean> {
  return caches.delete(PAGES_CACHE);
}

/** Keeps only a complete page of the signed-in console; a redirect to the sign-in page empties the cache instead. */
const consolePagesOnly: SerwistPlugin = {
  cacheWillUpdate: ({ response }) =>
    Promise.resolve(response.status === 200 && !response.redirected && (response.headers.get("content-type") ?? "").includes("text/html") ? response : null),
  fetchDidSucceed: async ({ response }) => {
    if (response.redirected && new URL(response.url).pathname === SIGN_IN_PATH) await forgetPages();
    return response;
  },
};

const consolePages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // A network that hangs is as good as none for someone watching the queue.
  networkTimeoutSeconds: 8,
  plugins: [consolePagesOnly, new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 7 * 24 * 3600, maxAgeFrom: "last-used" })],
});

const serwist: Serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin && url.pathname === SIGN_IN_PATH,
      handler: async ({ request }): Promise<Response> => {
        try {
          const response = await fetch(request);
          await forgetPages();
          return response;
        } catch {
          return (await serwist.matchPrecache(OFFLINE_URL)) ?? Response.error();
        }
      },
    },
    { matcher: ({ request, url }) => request.mode === "navigate" && isConsolePage(url), handler: consolePages },
  ],
  fallbacks: { entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.mode === "navigate" }] },
});

interface ClientMessage {
  type?: unknown;
  url?: unknown;
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const message = (event.data ?? {}) as ClientMessage;
  if (message.type === "KEFU_SIGNED_OUT") {
    event.waitUntil(forgetPages());
  } else if (message.type === "KEFU_CACHE_PAGE" && typeof message.url === "string") {
    // Pages reached by client-side navigation never pass through the fetch handler as documents: fetch and keep them.
    const url = new URL(message.url, self.location.origin);
    if (isConsolePage(url)) {
      event.waitUntil(consolePages.handle({ event, request: new Request(url.href, { credentials: "same-origin" }) }).catch(() => undefined));
    }
  }
});

self.addEventListener("push", (event: PushEvent) => {
  let data: unknown = null;
  try {
    data = event.data?.json();
  } catch {
    data = null;
  }
  const notification = alertNotification(data, self.navigator.language);
  event.waitUntil(
    self.registration.showNotification(notification.title, {
      body: notification.body,
      tag: notification.tag,
      icon: "/icons/icon-192.png",
      badge: "/icons/maskable-192.png",
      lang: (data as { locale?: string } | null)?.locale === "en" ? "en" : "zh-CN",
      requireInteraction: true,
      data: { url: notification.url },
    }),
  );
});

async function openConsolePage(path: string) {
  const target = new URL(path, self.location.origin);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const showing = windows.find((client) => new URL(client.url).pathname === target.pathname);
  if (showing) return showing.focus();
  const other = windows.find((client) => new URL(client.url).origin === target.origin);
  if (other) {
    const navigated = await other.navigate(target.href).catch(() => null);
    if (navigated) return navigated.focus();
  }
  return self.clients.openWindow(target.href);
}

self.addEventListener("notificationclick", (event: NotificationEvent) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? "/monitor";
  event.waitUntil(openConsolePage(url));
});

/** The browser replaced the subscription (keys expired): keep the server's copy current for the same person. */
self.addEventListener("pushsubscriptionchange", (event: Event) => {
  const change = event as Event & {
    oldSubscription?: PushSubscription | null;
    newSubscription?: PushSubscription | null;
    waitUntil: (promise: Promise<unknown>) => void;
  };
  change.waitUntil(
    (async () => {
      const subscription =
        change.newSubscription ??
        (change.oldSubscription
          ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: change.oldSubscription.options.applicationServerKey })
          : null);
      if (!subscription) return;
      await fetch("/api/trpc/push.subscribe", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ json: subscription.toJSON() }),
      });
    })().catch(() => undefined),
  );
});

serwist.addEventListeners();
