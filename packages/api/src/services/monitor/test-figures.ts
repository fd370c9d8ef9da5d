/**
 * Test helper: every additive figure of the monitor and the metrics, checked to add up over its parts —
 * Σ per agent + the bot + what belongs to no agent = the total, Σ per team (and the row without a team) = the total.
 * The parts that belong to no agent are counted here with SQL of their own, independently of the metric queries.
 */
import type { Db } from "@kefu/db/client";
import { expect } from "vitest";
import { csatStats, queueExitStats, resolvedStats, todaySoFar, transferStats } from "../metrics/index.ts";
import { monitorAgents } from "./agents.ts";
import { monitorOverview } from "./overview.ts";
import { monitorTeams } from "./teams.ts";

async function countEvents(db: Db, where: string, from: Date, to: Date): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ConversationEvent e WHERE ${where} AND e.at >= ? AND e.at < ?`, from, to);
  return Number(row?.n ?? 0);
}

const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

/** Asserts every additive figure of "today so far" at `now`; returns the totals so a caller can check they are not all 0. */
export async function expectFiguresAddUp(db: Db, now: Date) {
  const window = todaySoFar(now);
  const [overview, { agents }, { teams }] = await Promise.all([monitorOverview(db, {}, now), monitorAgents(db, {}, now), monitorTeams(db, now)]);
  const kpis = overview.today.kpis;
  const perAgent = await Promise.all(
    agents.map(async (agent) => {
      const scope = { agentId: agent.id };
      const [resolved, exits, csat, transfers] = await Promise.all([
        resolvedStats(db, window, scope),
        queueExitStats(db, window, scope),
        csatStats(db, window, scope),
        transferStats(db, window, scope),
      ]);
      return { agent, resolved, exits, csat, transfers };
    }),
  );
  const { from, to } = window;
  // what no agent on the board holds: resolutions other than the bot's without a holder, CSAT answers, transfers
  const resolvedUnassigned = await countEvents(db, "e.type = 'RESOLVED' AND e.fromUserId IS NULL AND e.fromStatus <> 'BOT'", from, to);
  const csatUnassigned = await countEvents(db, "e.type = 'CSAT' AND e.fromUserId IS NULL", from, to);
  const transfersUnassigned = await countEvents(db, "e.type = 'TRANSFERRED' AND e.fromUserId IS NULL", from, to);
  const totalTransfers = (await transferStats(db, window)).transferred;

  // resolved today: the agent board's column, the agent-scoped metric and the team board all add up to the headline
  expect(sum(agents.map((a) => a.resolvedToday)) + kpis.resolvedByBot + resolvedUnassigned).toBe(kpis.resolved);
  expect(perAgent.map((p) => p.resolved.resolved)).toEqual(agents.map((a) => a.resolvedToday));
  expect(sum(teams.map((t) => t.resolvedToday))).toBe(kpis.resolved);
  // handled (assignments out of the queue): always to someone
  expect(sum(perAgent.map((p) => p.exits.assigned))).toBe(kpis.assigned);
  // abandoned: never an agent's, every one in a team row
  expect(sum(perAgent.map((p) => p.exits.abandoned))).toBe(0);
  expect(sum(teams.map((t) => t.abandonedToday))).toBe(kpis.abandoned);
  // CSAT answers (and the positive ones) per agent rated
  expect(sum(perAgent.map((p) => p.csat.responses)) + csatUnassigned).toBe(kpis.csatResponses);
  expect(sum(perAgent.map((p) => p.csat.positive))).toBeLessThanOrEqual(kpis.csatPositive);
  // transfers out of an agent's hands, plus queue-to-queue moves
  expect(sum(perAgent.map((p) => p.transfers.transferred)) + transfersUnassigned).toBe(totalTransfers);
  // open work now: per team and per agent
  for (const status of ["BOT", "QUEUED", "ACTIVE", "PAUSED"] as const) {
    const column = { BOT: "bot", QUEUED: "queued", ACTIVE: "active", PAUSED: "paused" } as const;
    expect(sum(teams.map((t) => t[column[status]]))).toBe(kpis.conversations[status]);
  }
  expect(sum(agents.map((a) => a.open))).toBe(kpis.conversations.ACTIVE + kpis.conversations.PAUSED);
  expect(sum(agents.map((a) => a.paused))).toBe(kpis.conversations.PAUSED);
  expect(sum(agents.map((a) => a.waitingConversationIds.length))).toBe(overview.repliesWaiting);
  // agents by presence: the board's role-AGENT rows are the headline's agents
  for (const presence of ["ONLINE", "BUSY", "AWAY", "OFFLINE"] as const)
    expect(agents.filter((a) => a.role === "AGENT" && a.presence === presence).length).toBe(kpis.agents[presence]);
  return { kpis, transfers: totalTransfers };
}
