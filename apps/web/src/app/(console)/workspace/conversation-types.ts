import type { RouterOutputs } from "@kefu/api/client";

export type ConversationRow = RouterOutputs["conversation"]["list"]["items"][number];
export type ConversationStatus = ConversationRow["status"];
export type Channel = ConversationRow["channel"];

/** The workspace's tabs. */
export type View = "mine" | "queue" | "team" | "all";

export interface ListFilters {
  search: string;
  status: ConversationStatus | "";
  channel: Channel | "";
  teamId: number | "";
  /** yyyy-mm-dd from the date inputs */
  from: string;
  to: string;
}

export const STATUSES: ConversationStatus[] = ["BOT", "QUEUED", "ACTIVE", "PAUSED", "RESOLVED", "ABANDONED"];
export const CHANNELS: Channel[] = ["WEB", "WECHAT", "APP", "API"];
export const STATUS_BADGE = { BOT: "neutral", QUEUED: "warning", ACTIVE: "success", PAUSED: "info", RESOLVED: "neutral", ABANDONED: "danger" } as const;
export const LEVEL_BADGE = { NORMAL: "neutral", VIP: "warning", SVIP: "danger" } as const;

/** Longest reply and internal note an agent can send. */
