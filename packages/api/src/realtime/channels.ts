/**
 * Who may subscribe to which channel; the names themselves are in contracts/realtime.ts.
 * `/api/realtime/auth` asks `canSubscribe` for every private and presence subscription.
 */
import type { Role } from "@kefu/db";
import { channelId, channels } from "../contracts/realtime.ts";
import { can } from "../permissions.ts";

export { channels };

export interface ChannelSubscriber {
  userId: number;
  role: Role;
  teamIds: number[];
}

export function canSubscribe(subscriber: ChannelSubscriber, channel: string): boolean {
  if (channel === channels.monitor) return can(subscriber.role, "monitor.view");
  if (channel === channels.security) return can(subscriber.role, "security.alerts");
  if (channel === channels.presenceAgents) return can(subscriber.role, "conversation.work") || can(subscriber.role, "monitor.view");
  const agentId = channelId("agent", channel);
  if (agentId !== null) return agentId === subscriber.userId;
  const teamId = channelId("team", channel);
  if (teamId !== null) return can(subscriber.role, "monitor.view") || subscriber.teamIds.includes(teamId);
  // Conversation channels are decided by the conversation service (assignee or supervisor).
  return false;
}
