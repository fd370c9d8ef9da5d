import "server-only";

/** What the browser needs to connect to realtime, read from the server's env on every request. */
export { realtimeClientConfig } from "@kefu/api";
