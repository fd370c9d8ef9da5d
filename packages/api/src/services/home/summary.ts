/**
 * What each role sees first on its home page: an agent their own work, the queue of their teams and their day so far;
 * a supervisor the operation's headline figures and the open alerts; an admin the system's health, the job outbox and
 * the security alerts; QA the day's satisfaction. Every figure comes from the metrics module (docs/decisions.md,
 * "Role home pages").
 */
import type { Db, JobStatus, Role } from "@kefu/db/client";
import { jobCounts } from "../../job-queue/queue.ts";
import { activeAlertEvents } from "../alert/index.ts";
import { checkHealth } from "../health/index.ts";
import { csatStats, operationKpis, queueExitStats, repliesWaiting, resolvedStats, statusSnapshotNow, todaySoFar, transferStats } from "../metrics/index.ts";
import { countOpenSecurityAlerts } from "../security/index.ts";

export interface AgentHome {
  /** conversations the agent holds, paused ones included */
  open: number;
  paused: number;
  /** held conversations whose customer waits for the agent's reply */
  waitingReply: number;
  /** waiting in the queues of the agent's teams, and the longest wait there */
  queued: number;
  longestQueuedSeconds: number;
  today: { resolved: number; assigned: number; transferred: number; csat: number | null; csatResponses: number };
}

export interface OperationHome {
  queued: number;
  longestWaitSeconds: number;
  bot: number;
  active: number;
  paused: number;
  resolved: number;
  resolvedByBot: number;
  abandonedPercent: number | null;
  csat: number | null;
  agentsOnline: number;
  repliesWaiting: number;
  openAlerts: number;
}

export interface SystemHome {
  health: "ok" | "degraded" | "down";
  databaseLatencyMs: number;
  realtimeOk: boolean;
  jobs: Record<JobStatus, number>;
  securityAlerts: number;
}

export interface QualityHome {
  csat: number | null;
  csatResponses: number;
  csatPositive: number;
  resolved: number;
  resolvedByBot: number;
}

export interface HomeSummary {
  generatedAt: Date;
  agent: AgentHome | null;
  operation: OperationHome | null;
  system: SystemHome | null;
  quality: QualityHome | null;
}

const SECTIONS: Record<Role, readonly (keyof Omit<HomeSummary, "generatedAt">)[]> = {
  AGENT: ["agent"],
  SUPERVISOR: ["operation"],
  ADMIN: ["system", "operation"],
  QA: ["quality"],
};

async function agentHome(db: Db, userId: number, now: Date): Promise<AgentHome> {
  const window = todaySoFar(now);
  const scope = { agentId: userId };
  const teams = await db.teamMember.findMany({ where: { userId }, select: { teamId: true } });
  const [mine, waiting, queues, resolved, exits, transfers, csat] = await Promise.all([
    statusSnapshotNow(db, scope, now),
    repliesWaiting(db, scope),
    Promise.all(teams.map(({ teamId }) => statusSnapshotNow(db, { teamId }, now))),
    resolvedStats(db, window, scope),
    queueExitStats(db, window, scope),
    transferStats(db, window, scope),
    csatStats(db, window, scope),
  ]);
  return {
    open: mine.counts.ACTIVE + mine.counts.PAUSED,
    paused: mine.counts.PAUSED,
    waitingReply: waiting.length,
    queued: queues.reduce((sum, q) => sum + q.counts.QUEUED, 0),
    longestQueuedSeconds: Math.max(0, ...queues.map((q) => q.longestQueuedSeconds)),
    today: { resolved: resolved.resolved, assigned: exits.assigned, transferred: transfers.transferred, csat: csat.csat, csatResponses: csat.responses },
  };
}

async function operationHome(db: Db, now: Date): Promise<OperationHome> {
  const [kpis, waiting, alerts] = await Promise.all([operationKpis(db, todaySoFar(now), { live: true }), repliesWaiting(db), activeAlertEvents(db)]);
  return {
    queued: kpis.conversations.QUEUED,
    longestWaitSeconds: kpis.longestWaitSeconds,
    bot: kpis.conversations.BOT,
    active: kpis.conversations.ACTIVE,
    paused: kpis.conversations.PAUSED,
    resolved: kpis.resolved,
    resolvedByBot: kpis.resolvedByBot,
    abandonedPercent: kpis.abandonedPercent,
    csat: kpis.csat,
    agentsOnline: kpis.agents.ONLINE,
    repliesWaiting: waiting.length,
    openAlerts: alerts.length,
  };
}

async function systemHome(db: Db): Promise<SystemHome> {
  const [health, jobs, securityAlerts] = await Promise.all([checkHealth(db), jobCounts(db), countOpenSecurityAlerts(db)]);
  return {
    health: health.status,
    databaseLatencyMs: health.database.latencyMs,
    realtimeOk: health.realtime.ok,
    jobs: { PENDING: jobs.PENDING ?? 0, RUNNING: jobs.RUNNING ?? 0, SUCCEEDED: jobs.SUCCEEDED ?? 0, DEAD: jobs.DEAD ?? 0 },
    securityAlerts,
  };
}

async function qualityHome(db: Db, now: Date): Promise<QualityHome> {
  const window = todaySoFar(now);
  const [csat, resolved] = await Promise.all([csatStats(db, window), resolvedStats(db, window)]);
  return { csat: csat.csat, csatResponses: csat.responses, csatPositive: csat.positive, resolved: resolved.resolved, resolvedByBot: resolved.resolvedByBot };
}

export async function homeSummary(db: Db, actor: { id: number; role: Role }, now = new Date()): Promise<HomeSummary> {
  const sections = SECTIONS[actor.role];
  const [agent, operation, system, quality] = await Promise.all([
    sections.includes("agent") ? agentHome(db, actor.id, now) : null,
    sections.includes("operation") ? operationHome(db, now) : null,
    sections.includes("system") ? systemHome(db) : null,
    sections.includes("quality") ? qualityHome(db, now) : null,
  ]);
  return { generatedAt: now, agent, operation, system, quality };
}
