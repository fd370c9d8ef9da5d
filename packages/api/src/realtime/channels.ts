/**
 * Channel names (DESIGN §6) and who may subscribe to them. `/api/realtime/auth` asks
 * `canSubscribe` for every private and presence subscription.
 */
import type { Role } from "@kefu/db";
import { can } from "../permissions.ts";

export const channels = {
  monitor: "private-monitor",
  /** security alerts for admins */
  security: "private-security",
  agent: (userId: number) => `private-agent-${userId}`,
  conversation: (conversationId: number) => `private-conversation-${conversationId}`,
  team: (teamId: number) => `private-team-${teamId}`,
  presenceAgents: "presence-agents",
} as const;

export interface ChannelSubscriber {
  userId: number;
  role: Role;
  teamIds: number[];
}

export function canSubscribe(subscriber: ChannelSubscriber, channel: string): boolean {
  if (channel === channels.monitor) return can(subscriber.role, "monitor.view");
  if (channel === channels.security) return can(subscriber.role, "security.alerts");
  if (channel === channels.presenceAgents) return can(subscriber.role, "conversation.work") || can(subscriber.role, "monitor.view");
  const agent = /^private-agent-(\d+)$/.exec(channel);
  if (agent) return Number(agent[1]) === subscriber.userId;
  const team = /^private-team-(\d+)$/.exec(channel);
  if (team) return can(subscriber.role, "monitor.view") || subscriber.teamIds.includes(Number(team[1]));
  // Conversation channels are decided by the conversation service (assignee or supervisor).
  return false;
}
