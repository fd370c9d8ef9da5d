import Pusher from "pusher";
import { apiEnv } from "../env.ts";
import { logger } from "../logger.ts";
import { metrics } from "../observability/metrics.ts";

const globalForPusher = globalThis as unknown as { kefuPusher?: Pusher };

/** Server-side client: soketi locally, Pusher Channels in production, chosen by env alone. */
export function getPusher(): Pusher {
  if (!globalForPusher.kefuPusher) {
    const env = apiEnv();
    globalForPusher.kefuPusher = new Pusher({
      appId: env.PUSHER_APP_ID,
      key: env.PUSHER_KEY,
      secret: env.PUSHER_SECRET,
      useTLS: env.PUSHER_USE_TLS,
      ...(env.PUSHER_HOST ? { host: env.PUSHER_HOST, port: String(env.PUSHER_PORT ?? (env.PUSHER_USE_TLS ? 443 : 80)) } : { cluster: env.PUSHER_CLUSTER }),
      timeout: 5_000,
    });
  }
  return globalForPusher.kefuPusher;
}

/** What the browser needs to connect (passed from the server at runtime, so one build fits every deployment). */
export function realtimeClientConfig() {
  const env = apiEnv();
  const host = env.PUSHER_CLIENT_HOST ?? env.PUSHER_HOST;
  const useTLS = env.PUSHER_CLIENT_USE_TLS ?? env.PUSHER_USE_TLS;
  return {
    key: env.PUSHER_KEY,
    cluster: env.PUSHER_CLUSTER,
    ...(host ? { wsHost: host, wsPort: env.PUSHER_CLIENT_PORT ?? env.PUSHER_PORT ?? (useTLS ? 443 : 80) } : {}),
    forceTLS: useTLS,
    authEndpoint: "/api/realtime/auth",
  };
}

export type RealtimeClientConfig = ReturnType<typeof realtimeClientConfig>;

/**
 * Publishes after commit. A failed publish is logged, never thrown: the state change already
 * committed and clients fill gaps from the API when they reconnect.
 */
export async function publish(channel: string | string[], event: string, data: Record<string, unknown>): Promise<void> {
  try {
    await getPusher().trigger(channel, event, data);
  } catch (error) {
    metrics().realtimePublishFailures.inc();
    logger.warn({ err: error, channel, event }, "realtime publish failed");
  }
}
