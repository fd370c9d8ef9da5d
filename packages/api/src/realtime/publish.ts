/**
 * Publishing after commit (kept apart from the client in pusher.ts, which tests replace with a recorder).
 */
import { publish } from "./pusher.ts";

export interface Publication {
  channel: string | string[];
  event: string;
  data: Record<string, unknown>;
}

/** Sends publications in order; `publish` logs and swallows failures (the change already committed). */
export async function publishAll(publications: readonly Publication[]): Promise<void> {
  for (const p of publications) await publish(p.channel, p.event, p.data);
}
