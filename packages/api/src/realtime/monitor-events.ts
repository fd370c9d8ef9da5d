/**
 * Realtime events of the live monitor, all on `private-monitor`. The monitor page applies them as
 * deltas to its last snapshot and refetches the authoritative snapshot every 30 s and on reconnect, so a lost
 * event costs at most 30 s of drift. Payloads carry ids and a few fields, far below the 10 KB limit.
 */
import type { AlertMetric, Presence, SenderType } from "@kefu/db";
import type { MonitorChange } from "../contracts/realtime.ts";
import { channels } from "./channels.ts";
import type { Publication } from "./publish.ts";

export type { MonitorChange } from "../contracts/realtime.ts";

/** More changes than this in one transaction are sent as a request to refetch instead. */
export const MAX_CHANGES_PER_DELTA = 50;

export interface AlertEventSummary {
  eventId: number;
  ruleId: number;
  metric: AlertMetric;
  threshold: number;
  teamId: number | null;
  value: number;
  triggeredAt: Date;
}

export const monitorEvents = {
  /** the status changes one transaction committed, in order */
  delta(changes: readonly MonitorChange[]): Publication {
    return changes.length > MAX_CHANGES_PER_DELTA
      ? { channel: channels.monitor, event: "monitor.delta", data: { changes: [], resync: true } }
      : { channel: channels.monitor, event: "monitor.delta", data: { changes } };
  },
  /** a customer message or an agent reply in a conversation someone holds: the "replies waiting" figures move */
  message(message: { conversationId: number; assigneeId: number; senderType: Extract<SenderType, "CUSTOMER" | "AGENT"> }): Publication {
    return { channel: channels.monitor, event: "monitor.message", data: { ...message } };
  },
  /** to the monitor, and to the person's own channel (their presence switch follows a supervisor's change) */
  presenceChanged(change: { userId: number; presence: Presence; at: Date }): Publication {
    return {
      channel: [channels.monitor, channels.agent(change.userId)],
      event: "presence.changed",
      data: { userId: change.userId, presence: change.presence, at: change.at.toISOString() },
    };
  },
  alertTriggered(alert: AlertEventSummary): Publication {
    return { channel: channels.monitor, event: "alert.triggered", data: { ...alert, triggeredAt: alert.triggeredAt.toISOString() } };
  },
  alertCleared(alert: { eventId: number; ruleId: number; value: number; clearedAt: Date }): Publication {
    return { channel: channels.monitor, event: "alert.cleared", data: { ...alert, clearedAt: alert.clearedAt.toISOString() } };
  },
  alertAcknowledged(alert: { eventId: number; acknowledgedById: number; acknowledgedAt: Date }): Publication {
    return { channel: channels.monitor, event: "alert.acknowledged", data: { ...alert, acknowledgedAt: alert.acknowledgedAt.toISOString() } };
  },
};
