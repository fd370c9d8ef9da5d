/**
 * The metrics, defined once for the monitor, the reports and QA. Each is a function over a time
 * window (and optionally a team or an agent); see the files next to this one for the definitions.
 */
import type { Db } from "@kefu/db/client";
import { csatStats, queueExitStats, resolvedStats, statusSnapshotAt, statusSnapshotNow, type LiveStatus } from "./conversations.ts";
import { agentsByPresenceAt, agentsByPresenceNow, type PresenceCounts } from "./presence.ts";
import { firstResponseStats, replyTimeStats, type FirstResponseStats, type ReplyTimeStats } from "./responses.ts";
import type { MetricScope } from "./sql.ts";
import type { TimeWindow } from "./time.ts";

export * from "./breakdowns.ts";
export * from "./conversations.ts";
export * from "./facts.ts";
export * from "./heatmap.ts";
export * from "./presence.ts";
export * from "./quality.ts";
export * from "./responses.ts";
export * from "./sql.ts";
export * from "./time.ts";

export interface OperationKpis {
  /** open conversations by status at the end of the window */
  conversations: Record<LiveStatus, number>;
  resolved: number;
  resolvedByBot: number;
  assigned: number;
  /** the longest wait: of the assignments in the window and of those still queued at its end */
  longestWaitSeconds: number;
  averageWaitSeconds: number | null;
  averageFirstResponseSeconds: number | null;
  firstResponses: number;
  averageReplySeconds: number | null;
  replyExchanges: number;
  abandoned: number;
  abandonedPercent: number | null;
  csat: number | null;
  csatResponses: number;
  csatPositive: number;
  /** agents by presence at the end of the window */
  agents: PresenceCounts;
}

export interface ResponseTimes {
  firstResponse: FirstResponseStats;
  replies: ReplyTimeStats;
}

/** First response and reply times over the window (the costliest figures: each reply is read against its context). */
export async function responseTimes(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<ResponseTimes> {
  const [firstResponse, replies] = await Promise.all([firstResponseStats(db, window, scope), replyTimeStats(db, window, scope)]);
  return { firstResponse, replies };
}

/**
 * Every KPI of the operation over `window`. With `live` the window ends now and the point-in-time figures (open
 * conversations, queue, presence) are read from the current rows; otherwise they are rebuilt for `window.to`.
 * A caller may pass response times it already holds for (nearly) the same window.
 */
export async function operationKpis(
  db: Db,
  window: TimeWindow,
  options: { live: boolean; scope?: Pick<MetricScope, "teamId">; responseTimes?: Promise<ResponseTimes> },
): Promise<OperationKpis> {
  const scope = options.scope ?? {};
  const [snapshot, agents, resolved, exits, { firstResponse, replies }, csat] = await Promise.all([
    options.live ? statusSnapshotNow(db, scope, window.to) : statusSnapshotAt(db, window.to, scope),
    options.live ? agentsByPresenceNow(db, scope) : agentsByPresenceAt(db, window.to, scope),
    resolvedStats(db, window, scope),
    queueExitStats(db, window, scope),
    options.responseTimes ?? responseTimes(db, window, scope),
    csatStats(db, window, scope),
  ]);
  return {
    conversations: snapshot.counts,
    resolved: resolved.resolved,
    resolvedByBot: resolved.resolvedByBot,
    assigned: exits.assigned,
    longestWaitSeconds: Math.max(snapshot.longestQueuedSeconds, exits.longestAssignedWaitSeconds ?? 0),
    averageWaitSeconds: exits.averageWaitSeconds,
    averageFirstResponseSeconds: firstResponse.averageSeconds,
    firstResponses: firstResponse.count,
    averageReplySeconds: replies.averageSeconds,
    replyExchanges: replies.exchanges,
    abandoned: exits.abandoned,
    abandonedPercent: exits.abandonedPercent,
    csat: csat.csat,
    csatResponses: csat.responses,
    csatPositive: csat.positive,
    agents,
  };
}
