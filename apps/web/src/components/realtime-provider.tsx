"use client";

import type { RealtimeClientConfig } from "@kefu/api/client";
import type { RealtimeEventName, RealtimePayload } from "@kefu/api/contracts/realtime";
import type Pusher from "pusher-js";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

const RealtimeContext = createContext<Pusher | null>(null);

/** How private channels are authorised: an endpoint and the headers sent to it. */
export interface RealtimeAuthorization {
  endpoint: string;
  headers?: Record<string, string>;
}

/**
 * One pusher-js connection per tab, configured by the server at runtime (soketi or Pusher Channels).
 * Private channels are authorised at `config.authEndpoint` with the session cookie, unless `authorization` names
 * another endpoint (the chat widget's, with its visitor token); a change of it opens a new connection.
 */
export function RealtimeProvider({
  config,
  authorization,
  children,
}: {
  config: RealtimeClientConfig;
  authorization?: RealtimeAuthorization;
  children: ReactNode;
}) {
  const [client, setClient] = useState<Pusher | null>(null);
  const endpoint = authorization?.endpoint ?? config.authEndpoint;
  // by value, so a new object with the same headers keeps the connection
  const headers = JSON.stringify(authorization?.headers ?? {});
  useEffect(() => {
    let cancelled = false;
    let instance: Pusher | undefined;
    void import("pusher-js").then(({ default: PusherClient }) => {
      if (cancelled) return;
      instance = new PusherClient(config.key, {
        cluster: config.cluster,
        ...("wsHost" in config ? { wsHost: browserReachableHost(config.wsHost), wsPort: config.wsPort, wssPort: config.wsPort } : {}),
        forceTLS: config.forceTLS,
        enabledTransports: ["ws", "wss"],
        channelAuthorization: { endpoint, transport: "ajax", headers: JSON.parse(headers) as Record<string, string> },
      });
      setClient(instance);
    });
    return () => {
      cancelled = true;
      instance?.disconnect();
    };
  }, [config, endpoint, headers]);
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * A realtime host on the server's loopback (the local soketi) means "this machine": a page opened from another
 * device (the machine's LAN address) reaches it at the host it opened the page at. A page opened at localhost or
 * 127.0.0.1 keeps the configured address.
 */
function browserReachableHost(host: string | undefined): string | undefined {
  if (!host || !LOOPBACK.has(host) || typeof window === "undefined" || LOOPBACK.has(window.location.hostname)) return host;
  return window.location.hostname;
}

/** pusher-js's own events on a channel (subscription succeeded or failed …) */
type PusherEventName = `pusher:${string}`;
type EventData<E extends string> = E extends RealtimeEventName ? RealtimePayload<E> : unknown;

/** Calls `onEvent` for each `event` on `channel` while the component is mounted; the payload is typed by the realtime contract. */
export function useRealtimeEvent<E extends RealtimeEventName | PusherEventName>(channel: string | null, event: E, onEvent: (data: EventData<E>) => void) {
  const client = useContext(RealtimeContext);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!client || !channel) return;
    const subscription = client.subscribe(channel);
    const listener = (data: EventData<E>) => handler.current(data);
    subscription.bind(event, listener);
    return () => {
      subscription.unbind(event, listener);
      client.unsubscribe(channel);
    };
  }, [client, channel, event]);
}

/**
 * Calls `onReconnect` when the realtime connection comes back after a drop and when the browser goes back
 * online, so a live view can fill the gap (e.g. messages after its last seen id).
 */
export function useRealtimeReconnect(onReconnect: () => void) {
  const client = useContext(RealtimeContext);
  const handler = useRef(onReconnect);
  useEffect(() => {
    handler.current = onReconnect;
  });
  useEffect(() => {
    const onOnline = () => handler.current();
    window.addEventListener("online", onOnline);
    // only a connection that comes back counts, not the first one
    let connectedBefore = client?.connection.state === "connected";
    const onStateChange = (states: { previous: string; current: string }) => {
      if (states.current !== "connected") return;
      if (connectedBefore) handler.current();
      connectedBefore = true;
    };
    client?.connection.bind("state_change", onStateChange);
    return () => {
      window.removeEventListener("online", onOnline);
      client?.connection.unbind("state_change", onStateChange);
    };
  }, [client]);
}
