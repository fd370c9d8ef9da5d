/**
 * The monitor's figures against direct SQL written here, independently of the metric queries, over a known set
 * of conversations, events, messages and presence intervals at fixed times (Beijing "today" is 2026-03-10).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@kefu/db/client";
import { publish } from "../../realtime/pusher.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";
import { operationKpis, statusSnapshotAt, statusSnapshotNow } from "../metrics/index.ts";
import { monitorAgents } from "./agents.ts";
import { monitorHeatmap } from "./heatmap.ts";
import { monitorOverview } from "./overview.ts";
import { maskCustomerName, monitorQueue } from "./queue.ts";
import { monitorTeams } from "./teams.ts";
import { expectFiguresAddUp } from "./test-figures.ts";
import { at, writeStory } from "./test-stories.ts";
import { presenceTimeline } from "./timeline.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

/** Beijing midnight starting 2026-03-10 */
const D0 = new Date("2026-03-09T16:00:00.000Z");
const DAY = 24 * 3_600_000;
const D1 = new Date(D0.getTime() - DAY);
/** 14:30 Beijing */
const NOW = at(D0, 14, 30);
const T_YESTERDAY = new Date(NOW.getTime() - DAY);
/** the real Beijing date, for calls through the API (which run at the real time) */
const REAL_TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

let h: Harness;
let teamA: { id: number; name: string };
let teamB: { id: number; name: string };
const agents: Record<"a1" | "a2" | "a3" | "a4" | "a5", number> = { a1: 0, a2: 0, a3: 0, a4: 0, a5: 0 };
let escalatedTo: number;
const ids: Record<string, number> = {};

async function sql<T = Record<string, unknown>>(db: Db, query: string, ...values: unknown[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(query, ...values);
}
async function scalar(db: Db, query: string, ...values: unknown[]): Promise<number | null> {
  const [row] = await sql(db, query, ...values);
  const value = row ? Object.values(row)[0] : null;
  return value === null || value === undefined ? null : Number(value);
}

beforeAll(async () => {
  h = await createHarness();
  const db = h.db;
  teamA = await makeTeam(db);
  teamB = await makeTeam(db);
  agents.a1 = (await makeAgent(db, { teamIds: [teamA.id], presence: "ONLINE", maxConcurrent: 3 })).id;
  agents.a2 = (await makeAgent(db, { teamIds: [teamA.id], presence: "BUSY" })).id;
  agents.a3 = (await makeAgent(db, { teamIds: [teamB.id], presence: "AWAY" })).id;
  agents.a4 = (await makeAgent(db, { teamIds: [teamB.id], presence: "OFFLINE" })).id;
  agents.a5 = (await makeAgent(db, { teamIds: [teamA.id, teamB.id], presence: "ONLINE", maxConcurrent: 4 })).id;
  escalatedTo = (await makeAgent(db, { role: "SUPERVISOR", teamIds: [teamA.id], presence: "ONLINE" })).id;
  // the harness's own agent is OFFLINE with no interval
  await db.presenceInterval.createMany({
    data: [
      { userId: agents.a1, presence: "ONLINE", startedAt: at(D0, 8) },
      { userId: agents.a2, presence: "ONLINE", startedAt: at(D0, 8), endedAt: at(D0, 12) },
      { userId: agents.a2, presence: "BUSY", startedAt: at(D0, 12) },
      { userId: agents.a3, presence: "ONLINE", startedAt: at(D0, 7), endedAt: at(D0, 9) },
      { userId: agents.a3, presence: "AWAY", startedAt: at(D0, 9) },
      { userId: agents.a4, presence: "ONLINE", startedAt: at(D1, 8), endedAt: at(D1, 18) },
      { userId: agents.a4, presence: "OFFLINE", startedAt: at(D1, 18) },
      { userId: agents.a5, presence: "ONLINE", startedAt: at(D1, 20) },
      { userId: escalatedTo, presence: "ONLINE", startedAt: at(D0, 9) },
    ],
  });

  // today
  ids.c1 = await writeStory(db, {
    createdAt: at(D0, 9),
    teamId: teamA.id,
    customerName: "张伟",
    steps: [
      { at: at(D0, 9), kind: "customer" },
      { at: at(D0, 9, 0, 5), kind: "bot" },
      { at: at(D0, 9, 1), kind: "customer" },
      { at: at(D0, 9, 2), kind: "handoff" },
      { at: at(D0, 9, 5), kind: "assign", agentId: agents.a1 },
      { at: at(D0, 9, 6), kind: "agent" },
      { at: at(D0, 9, 7), kind: "customer" },
      { at: at(D0, 9, 7, 30), kind: "customer" },
      { at: at(D0, 9, 8), kind: "agent" },
      { at: at(D0, 9, 8, 10), kind: "agent" },
      { at: at(D0, 9, 9), kind: "note" },
      { at: at(D0, 9, 30), kind: "resolve" },
      { at: at(D0, 9, 31), kind: "csat", score: 5 },
    ],
  });
  ids.c2 = await writeStory(db, {
    createdAt: at(D0, 10),
    teamId: teamA.id,
    priority: 1,
    customerName: "欧阳娜娜",
    steps: [
      { at: at(D0, 10), kind: "customer" },
      { at: at(D0, 10), kind: "queue" },
      { at: at(D0, 10, 10), kind: "assign", agentId: agents.a5 },
      { at: at(D0, 10, 12), kind: "agent" },
      { at: at(D0, 10, 20), kind: "customer" },
    ],
  });
  ids.c3 = await writeStory(db, {
    createdAt: at(D0, 11),
    teamId: teamB.id,
    steps: [
      { at: at(D0, 11), kind: "customer" },
      { at: at(D0, 11, 1), kind: "handoff" },
      { at: at(D0, 11, 11), kind: "abandon" },
    ],
  });
  ids.c4 = await writeStory(db, {
    createdAt: at(D0, 13),
    teamId: teamB.id,
    customerName: "13800138000",
    steps: [
      { at: at(D0, 13), kind: "customer" },
      { at: at(D0, 13, 5), kind: "handoff" },
    ],
  });
  ids.c5 = await writeStory(db, {
    createdAt: at(D0, 14),
    teamId: null,
    priority: 1,
    customerName: "web-1a2b3c4d",
    steps: [
      { at: at(D0, 14), kind: "customer" },
      { at: at(D0, 14, 20), kind: "handoff" },
    ],
  });
  ids.c6 = await writeStory(db, {
    createdAt: at(D0, 12),
    teamId: teamA.id,
    steps: [
      { at: at(D0, 12), kind: "customer" },
      { at: at(D0, 12, 1), kind: "handoff" },
      { at: at(D0, 12, 3), kind: "assign", agentId: agents.a1 },
      { at: at(D0, 12, 4), kind: "agent" },
      { at: at(D0, 12, 10), kind: "pause" },
    ],
  });
  ids.c7 = await writeStory(db, {
    createdAt: at(D0, 14, 25),
    teamId: null,
    steps: [
      { at: at(D0, 14, 25), kind: "customer" },
      { at: at(D0, 14, 25, 2), kind: "bot" },
    ],
  });
  ids.c8 = await writeStory(db, {
    createdAt: at(D0, 8),
    steps: [
      { at: at(D0, 8), kind: "customer" },
      { at: at(D0, 8, 0, 3), kind: "bot" },
      { at: at(D0, 8, 5), kind: "resolve" },
    ],
  });
  ids.c13 = await writeStory(db, {
    createdAt: at(D0, 6),
    teamId: teamB.id,
    steps: [
      { at: at(D0, 6), kind: "customer" },
      { at: at(D0, 6, 1), kind: "handoff" },
      { at: at(D0, 6, 2), kind: "assign", agentId: agents.a3 },
      { at: at(D0, 6, 5), kind: "requeue" },
      { at: at(D0, 6, 15), kind: "assign", agentId: agents.a5 },
      { at: at(D0, 6, 16), kind: "agent" },
      { at: at(D0, 6, 20), kind: "customer" },
      { at: at(D0, 6, 21), kind: "agent" },
      { at: at(D0, 6, 30), kind: "resolve" },
      { at: at(D0, 6, 32), kind: "csat", score: 3 },
    ],
  });
  ids.c14 = await writeStory(db, {
    createdAt: at(D0, 13, 30),
    teamId: teamA.id,
    steps: [
      { at: at(D0, 13, 30), kind: "customer" },
      { at: at(D0, 13, 31), kind: "handoff" },
      { at: at(D0, 13, 33), kind: "assign", agentId: escalatedTo },
    ],
  });

  // yesterday
  ids.c9 = await writeStory(db, {
    createdAt: at(D1, 9),
    teamId: teamA.id,
    steps: [
      { at: at(D1, 9), kind: "customer" },
      { at: at(D1, 9, 1), kind: "handoff" },
      { at: at(D1, 9, 4), kind: "assign", agentId: agents.a2 },
      { at: at(D1, 9, 5), kind: "agent" },
      { at: at(D1, 9, 6), kind: "customer" },
      { at: at(D1, 9, 9), kind: "agent" },
      { at: at(D1, 9, 40), kind: "resolve" },
      { at: at(D1, 9, 41), kind: "csat", score: 2 },
    ],
  });
  ids.c10 = await writeStory(db, {
    createdAt: at(D1, 10),
    teamId: teamB.id,
    steps: [
      { at: at(D1, 10), kind: "customer" },
      { at: at(D1, 10, 0, 30), kind: "handoff" },
      { at: at(D1, 10, 5), kind: "abandon" },
    ],
  });
  ids.c11 = await writeStory(db, {
    createdAt: at(D1, 13),
    teamId: teamA.id,
    steps: [
      { at: at(D1, 13), kind: "customer" },
      { at: at(D1, 13, 2), kind: "handoff" },
      { at: at(D1, 14, 40), kind: "assign", agentId: agents.a2 },
      { at: at(D1, 14, 41), kind: "agent" },
      { at: at(D0, 11, 0), kind: "customer" },
    ],
  });
  ids.c12 = await writeStory(db, {
    createdAt: at(D1, 14),
    teamId: teamA.id,
    steps: [
      { at: at(D1, 14), kind: "customer" },
      { at: at(D1, 14, 1), kind: "handoff" },
      { at: at(D1, 14, 2), kind: "assign", agentId: agents.a1 },
      { at: at(D1, 14, 3), kind: "agent" },
      { at: at(D1, 15), kind: "resolve" },
    ],
  });
  // the day before yesterday: outside every window but the heatmap's
  ids.c15 = await writeStory(db, {
    createdAt: at(D1, -20),
    teamId: teamB.id,
    steps: [
      { at: at(D1, -20), kind: "customer" },
      { at: at(D1, -19), kind: "resolve" },
    ],
  });
});

afterAll(async () => {
  await h.database.drop();
});

/** Direct SQL for the KPIs of a window, written without the metric queries. */
async function expectedKpis(db: Db, from: Date, to: Date) {
  const resolved = await scalar(db, "SELECT COUNT(*) FROM ConversationEvent WHERE toStatus = 'RESOLVED' AND at >= ? AND at < ?", from, to);
  const resolvedByBot = await scalar(
    db,
    "SELECT COUNT(*) FROM ConversationEvent WHERE toStatus = 'RESOLVED' AND fromStatus = 'BOT' AND at >= ? AND at < ?",
    from,
    to,
  );
  // each assignment against the queue entry just before it, with LAG over the queue events of the conversation
  const waits = await sql<{ wait: unknown }>(
    db,
    `SELECT TIMESTAMPDIFF(SECOND, previousAt, at) AS wait FROM (
       SELECT type, at, LAG(at) OVER (PARTITION BY conversationId ORDER BY id) AS previousAt
       FROM ConversationEvent WHERE type IN ('QUEUED', 'REQUEUED', 'ASSIGNED')) q
     WHERE type = 'ASSIGNED' AND at >= ? AND at < ?`,
    from,
    to,
  );
  const waitValues = waits.map((w) => Number(w.wait));
  const abandoned = (await scalar(
    db,
    "SELECT COUNT(DISTINCT conversationId) FROM ConversationEvent WHERE toStatus = 'ABANDONED' AND at >= ? AND at < ?",
    from,
    to,
  ))!;
  const firstResponse = await scalar(
    db,
    `SELECT AVG(TIMESTAMPDIFF(SECOND, COALESCE(h.handoffAt, c.createdAt), c.firstResponseAt)) FROM Conversation c
     LEFT JOIN (SELECT conversationId, MIN(at) AS handoffAt FROM ConversationEvent WHERE type = 'BOT_HANDOFF' GROUP BY conversationId) h ON h.conversationId = c.id
     WHERE c.firstResponseAt >= ? AND c.firstResponseAt < ?`,
    from,
    to,
  );
  const firstResponses = await scalar(db, "SELECT COUNT(*) FROM Conversation WHERE firstResponseAt >= ? AND firstResponseAt < ?", from, to);
  // reply time with window functions: customer messages are grouped by how many answers came before them
  const [reply] = await sql<{ n: unknown; avgSeconds: unknown }>(
    db,
    `WITH t AS (
       SELECT conversationId, senderType, createdAt,
         SUM(senderType <> 'CUSTOMER') OVER (PARTITION BY conversationId ORDER BY id ROWS UNBOUNDED PRECEDING) AS answered
       FROM Message WHERE kind = 'TEXT' AND senderType IN ('CUSTOMER', 'AGENT', 'BOT')),
     asked AS (SELECT conversationId, answered, MIN(createdAt) AS askedAt FROM t WHERE senderType = 'CUSTOMER' GROUP BY conversationId, answered)
     SELECT COUNT(*) AS n, AVG(TIMESTAMPDIFF(SECOND, a.askedAt, r.createdAt)) AS avgSeconds
     FROM t r JOIN asked a ON a.conversationId = r.conversationId AND a.answered = r.answered - 1
     WHERE r.senderType = 'AGENT' AND r.createdAt >= ? AND r.createdAt < ?`,
    from,
    to,
  );
  const csatResponses = (await scalar(db, "SELECT COUNT(*) FROM Conversation WHERE csatAt >= ? AND csatAt < ?", from, to))!;
  const csatPositive = (await scalar(db, "SELECT COUNT(*) FROM Conversation WHERE csatAt >= ? AND csatAt < ? AND csatScore IN (4, 5)", from, to))!;
  return {
    resolved,
    resolvedByBot,
    assigned: waitValues.length,
    averageWaitSeconds: waitValues.length ? Math.round(waitValues.reduce((a, b) => a + b, 0) / waitValues.length) : null,
    longestAssignedWait: waitValues.length ? Math.max(...waitValues) : 0,
    averageFirstResponseSeconds: firstResponse === null ? null : Math.round(firstResponse),
    firstResponses,
    averageReplySeconds: reply?.avgSeconds === null || reply?.avgSeconds === undefined ? null : Math.round(Number(reply.avgSeconds)),
    replyExchanges: Number(reply?.n ?? 0),
    abandoned,
    abandonedPercent: abandoned + waitValues.length ? Math.round((abandoned / (abandoned + waitValues.length)) * 1000) / 10 : null,
    csat: csatResponses ? Math.round((csatPositive / csatResponses) * 1000) / 10 : null,
    csatResponses,
    csatPositive,
  };
}

describe("overview", () => {
  it("today's KPIs equal direct SQL over the same rows", async () => {
    const overview = await monitorOverview(h.db, {}, NOW);
    expect(overview.today.from).toEqual(D0);
    expect(overview.today.to).toEqual(NOW);
    const k = overview.today.kpis;
    const expected = await expectedKpis(h.db, D0, NOW);

    const statuses = await sql<{ status: string; n: unknown }>(
      h.db,
      "SELECT status, COUNT(*) AS n FROM Conversation WHERE status IN ('BOT','QUEUED','ACTIVE','PAUSED') GROUP BY status",
    );
    const byStatus = Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)]));
    expect(k.conversations).toEqual({ BOT: byStatus.BOT ?? 0, QUEUED: byStatus.QUEUED ?? 0, ACTIVE: byStatus.ACTIVE ?? 0, PAUSED: byStatus.PAUSED ?? 0 });
    const oldestQueued = await scalar(h.db, "SELECT TIMESTAMPDIFF(SECOND, MIN(queuedAt), ?) FROM Conversation WHERE status = 'QUEUED'", NOW);
    expect(k.longestWaitSeconds).toBe(Math.max(oldestQueued ?? 0, expected.longestAssignedWait));

    expect(k).toMatchObject({
      resolved: expected.resolved,
      resolvedByBot: expected.resolvedByBot,
      assigned: expected.assigned,
      averageWaitSeconds: expected.averageWaitSeconds,
      averageFirstResponseSeconds: expected.averageFirstResponseSeconds,
      firstResponses: expected.firstResponses,
      averageReplySeconds: expected.averageReplySeconds,
      replyExchanges: expected.replyExchanges,
      abandoned: expected.abandoned,
      abandonedPercent: expected.abandonedPercent,
      csat: expected.csat,
      csatResponses: expected.csatResponses,
      csatPositive: expected.csatPositive,
    });
    const presence = await sql<{ presence: string; n: unknown }>(
      h.db,
      "SELECT presence, COUNT(*) AS n FROM User WHERE role = 'AGENT' AND disabledAt IS NULL GROUP BY presence",
    );
    expect(k.agents).toEqual({ ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0, ...Object.fromEntries(presence.map((r) => [r.presence, Number(r.n)])) });

    const waiting = await scalar(
      h.db,
      `SELECT COUNT(*) FROM Conversation c WHERE c.status IN ('ACTIVE', 'PAUSED') AND EXISTS (
         SELECT 1 FROM Message q WHERE q.conversationId = c.id AND q.senderType = 'CUSTOMER' AND NOT EXISTS (
           SELECT 1 FROM Message r WHERE r.conversationId = c.id AND r.senderType = 'AGENT' AND r.kind = 'TEXT' AND r.id > q.id))`,
    );
    expect(overview.repliesWaiting).toBe(waiting);

    // the story's own numbers, so a wrong fixture cannot make both sides agree on nonsense
    expect(k.conversations).toEqual({ BOT: 1, QUEUED: 2, ACTIVE: 3, PAUSED: 1 });
    expect(k).toMatchObject({
      resolved: 3,
      resolvedByBot: 1,
      assigned: 6,
      abandoned: 1,
      csatResponses: 2,
      csatPositive: 1,
      csat: 50,
      longestWaitSeconds: 5100,
    });
    expect(k.averageWaitSeconds).toBe(Math.round((180 + 600 + 120 + 60 + 600 + 120) / 6));
    expect(overview.repliesWaiting).toBe(3);
  });

  it("compares with the same hours yesterday: yesterday 00:00 → now − 24 h, open work and presence as they stood then", async () => {
    const overview = await monitorOverview(h.db, {}, NOW);
    expect(overview.yesterday.from).toEqual(D1);
    expect(overview.yesterday.to).toEqual(T_YESTERDAY);
    const k = overview.yesterday.kpis;
    const expected = await expectedKpis(h.db, D1, T_YESTERDAY);
    expect(k).toMatchObject({
      resolved: expected.resolved,
      assigned: expected.assigned,
      averageWaitSeconds: expected.averageWaitSeconds,
      averageFirstResponseSeconds: expected.averageFirstResponseSeconds,
      averageReplySeconds: expected.averageReplySeconds,
      abandoned: expected.abandoned,
      abandonedPercent: expected.abandonedPercent,
      csat: expected.csat,
      csatResponses: expected.csatResponses,
    });

    // each conversation's last status event at or before the instant
    const statuses = await sql<{ status: string; n: unknown }>(
      h.db,
      `SELECT e.toStatus AS status, COUNT(*) AS n FROM ConversationEvent e
       WHERE e.id IN (SELECT MAX(x.id) FROM ConversationEvent x WHERE x.at <= ? AND x.toStatus IS NOT NULL GROUP BY x.conversationId)
         AND e.toStatus IN ('BOT', 'QUEUED', 'ACTIVE', 'PAUSED')
       GROUP BY e.toStatus`,
      T_YESTERDAY,
    );
    const byStatus = Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)]));
    expect(k.conversations).toEqual({ BOT: byStatus.BOT ?? 0, QUEUED: byStatus.QUEUED ?? 0, ACTIVE: byStatus.ACTIVE ?? 0, PAUSED: byStatus.PAUSED ?? 0 });
    // c11 had waited since 13:02 and c12 was being served
    expect(k.conversations).toMatchObject({ QUEUED: 1, ACTIVE: 1 });
    expect(k.longestWaitSeconds).toBe(Math.max(88 * 60, expected.longestAssignedWait));

    const presence = await sql<{ presence: string | null }>(
      h.db,
      `SELECT (SELECT p.presence FROM PresenceInterval p WHERE p.userId = u.id AND p.startedAt <= ? AND (p.endedAt IS NULL OR p.endedAt > ?) LIMIT 1) AS presence
       FROM User u WHERE u.role = 'AGENT' AND u.disabledAt IS NULL`,
      T_YESTERDAY,
      T_YESTERDAY,
    );
    const online = presence.filter((p) => p.presence === "ONLINE").length;
    expect(k.agents.ONLINE).toBe(online);
    expect(k.agents.ONLINE).toBe(1);
    expect(k.agents.ONLINE + k.agents.BUSY + k.agents.AWAY + k.agents.OFFLINE).toBe(presence.length);
  });

  it("rebuilds the current state from the events exactly as the live rows show it", async () => {
    expect(await statusSnapshotAt(h.db, NOW)).toEqual(await statusSnapshotNow(h.db, {}, NOW));
  });

  it("every additive figure adds up over agents, the bot, the unassigned and the teams", async () => {
    const { kpis } = await expectFiguresAddUp(h.db, NOW);
    expect(kpis.resolved).toBeGreaterThan(0);
  });

  it("narrows to a team, and the team figures add up with the others", async () => {
    const window = { from: D0, to: NOW };
    const [all, a, b, none] = await Promise.all([
      operationKpis(h.db, window, { live: true }),
      operationKpis(h.db, window, { live: true, scope: { teamId: teamA.id } }),
      operationKpis(h.db, window, { live: true, scope: { teamId: teamB.id } }),
      sql<{ n: unknown }>(
        h.db,
        "SELECT COUNT(*) AS n FROM ConversationEvent e JOIN Conversation c ON c.id = e.conversationId WHERE e.type = 'RESOLVED' AND c.teamId IS NULL AND e.at >= ? AND e.at < ?",
        D0,
        NOW,
      ),
    ]);
    expect(a.resolved + b.resolved + Number(none[0]!.n)).toBe(all.resolved);
    expect(a.conversations.QUEUED).toBe(await scalar(h.db, "SELECT COUNT(*) FROM Conversation WHERE status = 'QUEUED' AND teamId = ?", teamA.id));
    expect(b.abandoned).toBe(1);
  });
});

describe("boards", () => {
  it("agents: presence, load, oldest open conversation, replies waiting, teams and resolved today", async () => {
    const { agents: rows } = await monitorAgents(h.db, {}, NOW);
    const load = await sql<{ assigneeId: unknown; n: unknown; paused: unknown; oldest: Date }>(
      h.db,
      "SELECT assigneeId, COUNT(*) AS n, SUM(status = 'PAUSED') AS paused, MIN(createdAt) AS oldest FROM Conversation WHERE status IN ('ACTIVE', 'PAUSED') GROUP BY assigneeId",
    );
    const resolved = await sql<{ assigneeId: unknown; n: unknown }>(
      h.db,
      "SELECT assigneeId, COUNT(*) AS n FROM Conversation WHERE resolvedAt >= ? AND resolvedAt < ? AND assigneeId IS NOT NULL GROUP BY assigneeId",
      D0,
      NOW,
    );
    const waiting = await sql<{ id: unknown; assigneeId: unknown }>(
      h.db,
      `SELECT c.id, c.assigneeId FROM Conversation c WHERE c.status IN ('ACTIVE', 'PAUSED') AND EXISTS (
         SELECT 1 FROM Message q WHERE q.conversationId = c.id AND q.senderType = 'CUSTOMER' AND NOT EXISTS (
           SELECT 1 FROM Message r WHERE r.conversationId = c.id AND r.senderType = 'AGENT' AND r.kind = 'TEXT' AND r.id > q.id))`,
    );
    const expectedIds = new Set([...Object.values(agents), escalatedTo, h.users.AGENT.id]);
    expect(new Set(rows.map((r) => r.id))).toEqual(expectedIds);
    for (const row of rows) {
      const mine = load.find((l) => Number(l.assigneeId) === row.id);
      expect(row.open, `open of ${row.id}`).toBe(Number(mine?.n ?? 0));
      expect(row.paused).toBe(Number(mine?.paused ?? 0));
      expect(row.oldestOpen?.createdAt ?? null).toEqual(mine?.oldest ?? null);
      expect(row.resolvedToday).toBe(Number(resolved.find((r) => Number(r.assigneeId) === row.id)?.n ?? 0));
      expect(row.waitingConversationIds).toEqual(
        waiting
          .filter((w) => Number(w.assigneeId) === row.id)
          .map((w) => Number(w.id))
          .sort((x, y) => x - y),
      );
    }
    const a5 = rows.find((r) => r.id === agents.a5)!;
    expect(a5).toMatchObject({ presence: "ONLINE", open: 1, maxConcurrent: 4, waitingConversationIds: [ids.c2], resolvedToday: 1 });
    expect(a5.teams.map((t) => t.id)).toEqual([teamA.id, teamB.id]);
    expect(rows.find((r) => r.id === agents.a2)).toMatchObject({
      presence: "BUSY",
      open: 1,
      oldestOpen: { conversationId: ids.c11 },
      waitingConversationIds: [ids.c11],
    });
    // a supervisor holding an escalated conversation is on the board too
    expect(rows.find((r) => r.id === escalatedTo)).toMatchObject({ role: "SUPERVISOR", open: 1, waitingConversationIds: [ids.c14] });

    const { agents: teamBOnly } = await monitorAgents(h.db, { teamId: teamB.id }, NOW);
    expect(teamBOnly.map((r) => r.id).sort((x, y) => x - y)).toEqual([agents.a3, agents.a4, agents.a5].sort((x, y) => x - y));
  });

  it("teams: queue, longest wait, work, staffing and today's outcomes per team", async () => {
    const { teams } = await monitorTeams(h.db, NOW);
    expect(teams.map((t) => t.teamId)).toEqual([teamA.id, teamB.id, null]);
    for (const team of teams) {
      const teamSql = team.teamId === null ? "teamId IS NULL" : `teamId = ${team.teamId}`;
      const counts = await sql<{ status: string; n: unknown }>(h.db, `SELECT status, COUNT(*) AS n FROM Conversation WHERE ${teamSql} GROUP BY status`);
      const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
      expect(team).toMatchObject({ queued: count("QUEUED"), active: count("ACTIVE"), paused: count("PAUSED"), bot: count("BOT") });
      const longest = await scalar(h.db, `SELECT TIMESTAMPDIFF(SECOND, MIN(queuedAt), ?) FROM Conversation WHERE status = 'QUEUED' AND ${teamSql}`, NOW);
      expect(team.longestWaitSeconds).toBe(longest ?? 0);
      expect(team.resolvedToday).toBe(await scalar(h.db, `SELECT COUNT(*) FROM Conversation WHERE resolvedAt >= ? AND resolvedAt < ? AND ${teamSql}`, D0, NOW));
      expect(team.abandonedToday).toBe(
        await scalar(
          h.db,
          `SELECT COUNT(*) FROM Conversation c JOIN ConversationEvent e ON e.conversationId = c.id AND e.toStatus = 'ABANDONED' WHERE e.at >= ? AND e.at < ? AND c.${teamSql}`,
          D0,
          NOW,
        ),
      );
      if (team.teamId === null) {
        expect(team.agents).toEqual({ ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0 });
        continue;
      }
      const online = await scalar(
        h.db,
        "SELECT COUNT(*) FROM TeamMember m JOIN User u ON u.id = m.userId WHERE m.teamId = ? AND u.role = 'AGENT' AND u.presence = 'ONLINE'",
        team.teamId,
      );
      expect(team.agents.ONLINE).toBe(online);
      const free = await scalar(
        h.db,
        `SELECT COALESCE(SUM(GREATEST(u.maxConcurrent - (SELECT COUNT(*) FROM Conversation c WHERE c.assigneeId = u.id AND c.status IN ('ACTIVE','PAUSED')), 0)), 0)
         FROM TeamMember m JOIN User u ON u.id = m.userId WHERE m.teamId = ? AND u.role = 'AGENT' AND u.presence = 'ONLINE'`,
        team.teamId,
      );
      expect(team.freeSlots).toBe(free);
    }
    expect(teams[1]).toMatchObject({ queued: 1, longestWaitSeconds: 85 * 60, agents: { ONLINE: 1, AWAY: 1, OFFLINE: 1 }, abandonedToday: 1 });
  });

  it("queue: routing order, waits and masked customer names", async () => {
    const queue = await monitorQueue(h.db, {}, NOW);
    const order = await sql<{ id: unknown; wait: unknown }>(
      h.db,
      "SELECT id, TIMESTAMPDIFF(SECOND, queuedAt, ?) AS wait FROM Conversation WHERE status = 'QUEUED' ORDER BY priority DESC, queuedAt, id",
      NOW,
    );
    expect(queue.total).toBe(order.length);
    expect(queue.items.map((i) => i.id)).toEqual(order.map((o) => Number(o.id)));
    expect(queue.items.map((i) => i.waitSeconds)).toEqual(order.map((o) => Number(o.wait)));
    expect(queue.items.map((i) => i.customer.name)).toEqual(["web-1a2b3c4d", "138****8000"]);
    expect(queue.items[1]).toMatchObject({ position: 2, team: { id: teamB.id }, priority: 0 });
    expect((await monitorQueue(h.db, { teamId: teamB.id, limit: 1 }, NOW)).items.map((i) => i.id)).toEqual([ids.c4]);
  });

  it("masks names as they are shown in public", () => {
    expect(maskCustomerName("张伟")).toBe("张*");
    expect(maskCustomerName("欧阳娜娜")).toBe("欧***");
    expect(maskCustomerName("John Smith")).toBe("J***");
    expect(maskCustomerName("+86 138 0013 8000")).toBe("861****8000");
    expect(maskCustomerName("wechat-oX1y2z3w")).toBe("wechat-oX1y2z3w");
    expect(maskCustomerName("李")).toBe("李*");
  });

  it("heatmap: conversations created per Beijing day and hour over the last 7 days", async () => {
    const { days } = await monitorHeatmap(h.db, {}, NOW);
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.date).toBe("2026-03-10");
    expect(days[0]!.date).toBe("2026-03-04");
    const rows = await sql<{ bucket: string; n: unknown }>(
      h.db,
      "SELECT DATE_FORMAT(CONVERT_TZ(createdAt, '+00:00', '+08:00'), '%Y-%m-%d %H') AS bucket, COUNT(*) AS n FROM Conversation WHERE createdAt >= ? AND createdAt < ? GROUP BY bucket",
      new Date(D0.getTime() - 6 * DAY),
      NOW,
    );
    const expected = new Map(rows.map((r) => [r.bucket, Number(r.n)]));
    for (const day of days)
      for (let hour = 0; hour < 24; hour++)
        expect(day.hours[hour], `${day.date} ${hour}`).toBe(expected.get(`${day.date} ${String(hour).padStart(2, "0")}`) ?? 0);
    expect(days.at(-1)!.hours[9]).toBe(1);
    expect(days.at(-1)!.total).toBe(10);
    // c15 was created at 2026-03-07 20:00 UTC, which is 04:00 on 03-08 in Beijing
    expect(days.find((d) => d.date === "2026-03-08")!.hours[4]).toBe(1);
    expect(days.find((d) => d.date === "2026-03-07")!.total).toBe(0);
  });
});

describe("presence timeline", () => {
  it("clips intervals to the day, ends an open one now, and totals online time", async () => {
    const today = await presenceTimeline(h.db, { date: "2026-03-10" }, NOW);
    const a2 = today.agents.find((a) => a.userId === agents.a2)!;
    expect(a2.spans.map((s) => [s.presence, s.startedAt, s.endedAt])).toEqual([
      ["ONLINE", at(D0, 8), at(D0, 12)],
      ["BUSY", at(D0, 12), NOW],
    ]);
    expect(a2).toMatchObject({ onlineSeconds: 4 * 3600, busySeconds: 2.5 * 3600, awaySeconds: 0 });
    // a5 came online at 20:00 the day before: today's span starts at midnight
    const a5 = today.agents.find((a) => a.userId === agents.a5)!;
    expect(a5.spans).toEqual([{ presence: "ONLINE", startedAt: D0, endedAt: NOW }]);
    expect(a5.onlineSeconds).toBe(14.5 * 3600);

    const yesterday = await presenceTimeline(h.db, { date: "2026-03-09" }, NOW);
    expect(yesterday.agents.find((a) => a.userId === agents.a5)!.spans).toEqual([{ presence: "ONLINE", startedAt: at(D1, 20), endedAt: D0 }]);
    expect(yesterday.agents.find((a) => a.userId === agents.a4)).toMatchObject({ onlineSeconds: 10 * 3600, spans: [{ presence: "ONLINE" }] });
    expect(yesterday.agents.find((a) => a.userId === agents.a1)!.spans).toEqual([]);

    // the same totals from the intervals, clipped in SQL
    const [row] = await sql<{ seconds: unknown }>(
      h.db,
      "SELECT SUM(TIMESTAMPDIFF(SECOND, GREATEST(startedAt, ?), LEAST(COALESCE(endedAt, ?), ?))) AS seconds FROM PresenceInterval WHERE presence = 'ONLINE' AND startedAt < ? AND COALESCE(endedAt, ?) > ?",
      D0,
      NOW,
      NOW,
      NOW,
      NOW,
      D0,
    );
    expect(today.agents.reduce((sum, a) => sum + a.onlineSeconds, 0)).toBe(Number(row!.seconds));
  });
});

describe("the API", () => {
  it("answers managers and refuses agents and QA", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const overview = await supervisor.monitor.overview();
    expect(overview.today.kpis.conversations.QUEUED).toBe(2);
    expect((await supervisor.monitor.queue()).total).toBe(2);
    expect((await supervisor.monitor.heatmap()).days).toHaveLength(7);
    expect((await supervisor.monitor.teams()).teams.length).toBe(3);
    expect((await supervisor.monitor.agents({ teamId: teamA.id })).agents.length).toBeGreaterThan(0);
    for (const user of [h.users.AGENT, h.users.QA]) {
      const caller = h.callerFor(user);
      expect(await outcome(() => caller.monitor.overview())).toMatchObject({ code: "FORBIDDEN" });
      expect(await outcome(() => caller.monitor.presenceTimeline({ date: REAL_TODAY }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await outcome(() => caller.monitor.setAgentPresence({ userId: agents.a1, presence: "AWAY" }))).toMatchObject({ code: "FORBIDDEN" });
    }
    const denied = await h.db.auditLog.findFirst({ where: { actorId: h.users.AGENT.id, action: "monitor.overview" }, orderBy: { id: "desc" } });
    expect(denied?.result).toBe("DENIED");
  });

  it.each([
    ["not a date", { date: "yesterday" }, "date"],
    ["an impossible date", { date: "2026-02-30" }, "date"],
    ["a date in the future", { date: "2999-01-01" }, "date"],
    ["a date over a year back", { date: "2000-01-01" }, "date"],
    ["a wrong type", { date: 20260310 }, "date"],
    ["a bad team id", { date: REAL_TODAY, teamId: -1 }, "teamId"],
  ])("rejects %s with BAD_REQUEST naming the field", async (_label, input, field) => {
    const result = await outcome(() => h.callerFor(h.users.SUPERVISOR).monitor.presenceTimeline(input as never));
    expect(result).toMatchObject({ code: "BAD_REQUEST", field });
  });

  it("answers NOT_FOUND naming the field for unknown ids", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    expect(await outcome(() => supervisor.monitor.overview({ teamId: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "teamId" });
    expect(await outcome(() => supervisor.monitor.queue({ teamId: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "teamId" });
    expect(await outcome(() => supervisor.monitor.presenceTimeline({ date: REAL_TODAY, teamId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "teamId",
    });
    expect(await outcome(() => supervisor.monitor.setAgentPresence({ userId: 987_654, presence: "ONLINE" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "userId",
    });
    expect(await outcome(() => supervisor.monitor.queue({ limit: 500 }))).toMatchObject({ code: "BAD_REQUEST", field: "limit" });
  });
});

describe("supervisor actions", () => {
  it("sets an agent's presence: audited, written to the timeline, announced, and routing runs when ONLINE", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id], presence: "AWAY" });
    const waiting = await writeStory(h.db, {
      createdAt: new Date(Date.now() - 60_000),
      teamId: team.id,
      steps: [{ at: new Date(Date.now() - 50_000), kind: "handoff" }],
    });
    vi.mocked(publish).mockClear();

    await supervisor.monitor.setAgentPresence({ userId: agent.id, presence: "ONLINE" });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
    const interval = await h.db.presenceInterval.findFirstOrThrow({ where: { userId: agent.id, endedAt: null } });
    expect(interval.presence).toBe("ONLINE");
    expect(vi.mocked(publish)).toHaveBeenCalledWith(
      ["private-monitor", `private-agent-${agent.id}`],
      "presence.changed",
      expect.objectContaining({ userId: agent.id, presence: "ONLINE" }),
    );
    // the assignment reached the monitor as a delta
    expect(vi.mocked(publish)).toHaveBeenCalledWith("private-monitor", "monitor.delta", {
      changes: [{ id: waiting, type: "ASSIGNED", from: "QUEUED", to: "ACTIVE", toUserId: agent.id }],
    });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "monitor.setAgentPresence" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: h.users.SUPERVISOR.id, result: "SUCCESS", targetType: "User", targetId: String(agent.id) });

    await supervisor.monitor.setAgentPresence({ userId: agent.id, presence: "AWAY" });
    const intervals = await h.db.presenceInterval.findMany({ where: { userId: agent.id }, orderBy: { id: "asc" } });
    expect(intervals.map((i) => [i.presence, i.endedAt === null])).toEqual([
      ["ONLINE", false],
      ["AWAY", true],
    ]);
    // QA staff take no conversations: their presence is not the monitor's to set
    expect(await outcome(() => supervisor.monitor.setAgentPresence({ userId: h.users.QA.id, presence: "ONLINE" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "userId",
    });
  });

  it("reads the transcript of a conversation the supervisor does not hold and leaves an internal note on it", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const detail = await supervisor.conversation.get({ id: ids.c2! });
    expect(detail.assignee?.id).toBe(agents.a5);
    const messages = await supervisor.conversation.messages({ id: ids.c2! });
    expect(messages.items.length).toBeGreaterThan(0);
    const note = await supervisor.conversation.note({ id: ids.c2!, body: "请优先处理这位 VIP 客户" });
    expect(await h.db.message.findUniqueOrThrow({ where: { id: note.messageId } })).toMatchObject({ kind: "NOTE", senderId: h.users.SUPERVISOR.id });
    // an agent who does not hold it may not
    expect(await outcome(() => h.callerFor(h.users.AGENT).conversation.note({ id: ids.c2!, body: "x" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("customer messages and agent replies reach the monitor with small payloads", async () => {
    const agent = await makeAgent(h.db, { presence: "ONLINE" });
    const conversation = await writeStory(h.db, {
      createdAt: new Date(Date.now() - 120_000),
      steps: [
        { at: new Date(Date.now() - 110_000), kind: "queue" },
        { at: new Date(Date.now() - 100_000), kind: "assign", agentId: agent.id },
      ],
    });
    vi.mocked(publish).mockClear();
    await h.callerFor(agent).conversation.reply({ id: conversation, body: "您好" });
    expect(vi.mocked(publish)).toHaveBeenCalledWith("private-monitor", "monitor.message", {
      conversationId: conversation,
      assigneeId: agent.id,
      senderType: "AGENT",
    });
    for (const [, , data] of vi.mocked(publish).mock.calls) expect(JSON.stringify(data).length).toBeLessThan(10_240);
  });
});
