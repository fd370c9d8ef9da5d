import type { BadgeVariant } from "@kefu/ui/badge";

/** Badge colour of each agent presence, shared by the staff directory and the monitor. */
export const PRESENCE_BADGE = { ONLINE: "success", BUSY: "warning", AWAY: "info", OFFLINE: "neutral" } as const satisfies Record<string, BadgeVariant>;
