/**
 * The same metrics for one conversation at a time: what its rows add to each figure, at which instant and for which
 * agent. The reports' rollups are sums of these facts (services/report), so every rule here is the rule of the SQL
 * definition it names, and the reports' consistency test holds the two to the same figures.
 */
import type { Channel, ConversationEventType, ConversationStatus, SenderType } from "@kefu/db/client";
import { responseTimesOf } from "./responses.ts";

/** The additive counters behind the report figures (averages are a sum and a count). */
export const FACT_COUNTERS = [
  "created",
  "handedOff",
  "assigned",
  "resolved",
  "botResolved",
  "abandoned",
  "waitSecondsSum",
  "waitCount",
  "firstResponseSum",
  "firstResponseCount",
  "replySecondsSum",
  "replyCount",
  "handleSecondsSum",
  "handleCount",
  "csatResponses",
  "csatPositive",
] as const;

export type FactCounter = (typeof FACT_COUNTERS)[number];
export type FactCounters = Record<FactCounter, number>;

export function emptyCounters(): FactCounters {
  return Object.fromEntries(FACT_COUNTERS.map((name) => [name, 0])) as FactCounters;
}

/** One contribution: at `at`, for `agentId` (0: no agent), these counters go up. */
export interface Fact {
  at: Date;
  agentId: number;
  counters: Partial<FactCounters>;
}

export interface FactEvent {
  id: number;
  type: ConversationEventType;
  at: Date;
  fromStatus: ConversationStatus | null;
  fromUserId: number | null;
  toUserId: number | null;
}

export interface FactMessage {
  id: number;
  senderType: SenderType;
  senderId: number | null;
  kind: string;
  createdAt: Date;
}

export interface ConversationRows {
  conversation: { createdAt: Date; teamId: number | null; channel: Channel; csatScore: number | null };
  /** its ConversationEvent rows in id order */
  events: readonly FactEvent[];
  /** its messages in id order */
  messages: readonly FactMessage[];
}

/** whole seconds, as MySQL's TIMESTAMPDIFF(SECOND, …) counts them */
function seconds(from: Date, to: Date): number {
  return Math.trunc((to.getTime() - from.getTime()) / 1000);
}

/** handleTimeStats (conversations.ts) for one conversation: each agent resolution's handle time, seconds. */
export function handleTimesOf(events: readonly FactEvent[]): { eventId: number; seconds: number }[] {
  const result: { eventId: number; seconds: number }[] = [];
  events.forEach((resolution, index) => {
    if (resolution.type !== "RESOLVED" || resolution.fromUserId === null) return;
    const before = events.slice(0, index);
    const lastReopen = before.findLastIndex((e) => e.type === "REOPENED");
    const startIndex = before.findIndex((e, i) => i > lastReopen && e.type === "ASSIGNED");
    if (startIndex < 0) return;
    let paused = 0;
    for (let i = startIndex + 1; i < index; i++) {
      const pause = events[i]!;
      if (pause.type !== "PAUSED") continue;
      const resume = events.slice(i + 1, index).find((e) => e.type === "RESUMED");
      paused += seconds(pause.at, resume?.at ?? resolution.at);
    }
    result.push({ eventId: resolution.id, seconds: Math.max(0, seconds(events[startIndex]!.at, resolution.at) - paused) });
  });
  return result;
}

/**
 * Every fact of one conversation:
 * - volumeStats: CREATED → created, BOT_HANDOFF → handedOff (no agent);
 * - queueExitStats: ASSIGNED → assigned for toUserId, with its wait since the latest QUEUED / REQUEUED before it;
 *   ABANDONED → abandoned (no agent);
 * - resolvedStats: RESOLVED → resolved for fromUserId, botResolved when it came from BOT;
 * - handleTimeStats: the handle time at the RESOLVED event, for fromUserId;
 * - csatStats: CSAT → a response for fromUserId, positive when the conversation's score is 4 or 5;
 * - firstResponseStats / replyTimeStats (responses.ts): at the reply, for its sender.
 */
export function conversationFacts(rows: ConversationRows): Fact[] {
  const facts: Fact[] = [];
  const add = (at: Date, agentId: number | null, counters: Partial<FactCounters>) => facts.push({ at, agentId: agentId ?? 0, counters });
  const { events, messages, conversation } = rows;
  let lastQueuedAt: Date | null = null;
  for (const event of events) {
    switch (event.type) {
      case "CREATED":
        add(event.at, null, { created: 1 });
        break;
      case "BOT_HANDOFF":
        add(event.at, null, { handedOff: 1 });
        break;
      case "QUEUED":
      case "REQUEUED":
        if (!lastQueuedAt || event.at > lastQueuedAt) lastQueuedAt = event.at;
        break;
      case "ASSIGNED":
        add(event.at, event.toUserId, lastQueuedAt ? { assigned: 1, waitSecondsSum: seconds(lastQueuedAt, event.at), waitCount: 1 } : { assigned: 1 });
        break;
      case "ABANDONED":
        add(event.at, null, { abandoned: 1 });
        break;
      case "RESOLVED":
        add(event.at, event.fromUserId, event.fromStatus === "BOT" ? { resolved: 1, botResolved: 1 } : { resolved: 1 });
        break;
      case "CSAT":
        add(event.at, event.fromUserId, { csatResponses: 1, csatPositive: (conversation.csatScore ?? 0) >= 4 ? 1 : 0 });
        break;
      default:
        break;
    }
  }
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const handle of handleTimesOf(events)) {
    const resolution = byId.get(handle.eventId)!;
    add(resolution.at, resolution.fromUserId, { handleSecondsSum: handle.seconds, handleCount: 1 });
  }
  const handoffs = events.filter((e) => e.type === "BOT_HANDOFF").map((e) => e.at.getTime());
  const startedAt = handoffs.length > 0 ? new Date(Math.min(...handoffs)) : conversation.createdAt;
  const message = new Map(messages.map((m) => [m.id, m]));
  const times = responseTimesOf(messages, startedAt);
  if (times.firstResponse) {
    const reply = message.get(times.firstResponse.messageId)!;
    add(reply.createdAt, reply.senderId, { firstResponseSum: times.firstResponse.seconds, firstResponseCount: 1 });
  }
  for (const exchange of times.replies) {
    const reply = message.get(exchange.messageId)!;
    add(reply.createdAt, reply.senderId, { replySecondsSum: exchange.seconds, replyCount: 1 });
  }
  return facts;
}
