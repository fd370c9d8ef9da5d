/**
 * The report rollups against the metrics computed from the raw rows (services/metrics, the one definition of each
 * figure): fixed stories (resolved, abandoned, bot-only, a transfer between teams, a pause, a reopen, a conversation
 * across Beijing midnight, CSAT, two channels) and random ranges; an event handled twice counts once; a rebuild
 * equals incremental maintenance; the report procedures, their limits and who may call them.
 */
import { Prisma } from "@kefu/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { sendAgentReply } from "../conversation/reply.ts";
import { resolveConversation } from "../conversation/resolve.ts";
import { makeAgent, makeConversation } from "../conversation/test-fixtures.ts";
import {
  csatStats,
  FACT_COUNTERS,
  firstResponseStats,
  handleTimeStats,
  queueExitStats,
  replyTimeStats,
  resolvedStats,
  shanghaiDate,
  shanghaiDayStartOf,
  volumeStats,
  type MetricScope,
  type TimeWindow,
} from "../metrics/index.ts";
import { at, writeStory, type Story } from "../monitor/test-stories.ts";
import { rebuildRollups } from "./rebuild.ts";
import { refreshConversationRollup } from "./rollup.ts";

let h: Harness;
let agentA: number;
let agentB: number;
let teamX: number;
let teamY: number;
const conversations: number[] = [];

/** Beijing midnight starting 2026-10-12 (a Monday), and the days of the stories */
const DAY1 = shanghaiDayStartOf("2026-10-12")!;
const FIRST_DAY = "2026-10-12";
const LAST_DAY = "2026-10-14";

beforeAll(async () => {
  h = await createHarness();
  agentA = (await h.createUser("AGENT")).id;
  agentB = (await h.createUser("AGENT")).id;
  teamX = (await h.db.team.create({ data: { name: "售前" } })).id;
  teamY = (await h.db.team.create({ data: { name: "售后" } })).id;
  const stories: Story[] = [
    // resolved by an agent, with CSAT 5, on WeChat
    {
      createdAt: at(DAY1, 9),
      teamId: teamX,
      channel: "WECHAT",
      steps: [
        { at: at(DAY1, 9, 0, 5), kind: "customer" },
        { at: at(DAY1, 9, 1), kind: "handoff" },
        { at: at(DAY1, 9, 3), kind: "assign", agentId: agentA },
        { at: at(DAY1, 9, 4, 10), kind: "agent" },
        { at: at(DAY1, 9, 6), kind: "customer" },
        { at: at(DAY1, 9, 7, 30), kind: "agent" },
        { at: at(DAY1, 9, 20), kind: "resolve" },
        { at: at(DAY1, 9, 21), kind: "csat", score: 5 },
      ],
    },
    // abandoned in the queue
    {
      createdAt: at(DAY1, 10),
      teamId: teamX,
      steps: [
        { at: at(DAY1, 10, 0, 3), kind: "customer" },
        { at: at(DAY1, 10, 1), kind: "handoff" },
        { at: at(DAY1, 10, 9), kind: "abandon" },
      ],
    },
    // bot only
    {
      createdAt: at(DAY1, 11),
      steps: [
        { at: at(DAY1, 11, 0, 2), kind: "customer" },
        { at: at(DAY1, 11, 0, 3), kind: "bot" },
        { at: at(DAY1, 11, 5), kind: "resolve" },
      ],
    },
    // a transfer to another agent and team, a pause, CSAT 2
    {
      createdAt: at(DAY1, 14),
      teamId: teamX,
      steps: [
        { at: at(DAY1, 14, 0, 1), kind: "customer" },
        { at: at(DAY1, 14, 0, 30), kind: "queue" },
        { at: at(DAY1, 14, 2), kind: "assign", agentId: agentA },
        { at: at(DAY1, 14, 3), kind: "agent" },
        { at: at(DAY1, 14, 4), kind: "customer" },
        { at: at(DAY1, 14, 10), kind: "transfer", agentId: agentB, teamId: teamY },
        { at: at(DAY1, 14, 12), kind: "agent" },
        { at: at(DAY1, 14, 13), kind: "pause" },
        { at: at(DAY1, 15, 13), kind: "resume" },
        { at: at(DAY1, 15, 14), kind: "customer" },
        { at: at(DAY1, 15, 20), kind: "agent" },
        { at: at(DAY1, 15, 30), kind: "resolve" },
        { at: at(DAY1, 15, 31), kind: "csat", score: 2 },
      ],
    },
    // across Beijing midnight: in on day 1, answered and resolved on day 2, on the app
    {
      createdAt: at(DAY1, 23, 50),
      teamId: teamY,
      channel: "APP",
      steps: [
        { at: at(DAY1, 23, 50, 4), kind: "customer" },
        { at: at(DAY1, 23, 55), kind: "handoff" },
        { at: at(DAY1, 23, 58), kind: "assign", agentId: agentB },
        { at: at(DAY1, 24, 2), kind: "agent" },
        { at: at(DAY1, 24, 30), kind: "resolve" },
      ],
    },
    // resolved, reopened, handled again by another agent, and resolved on day 3 while paused
    {
      createdAt: at(DAY1, 30),
      teamId: teamY,
      steps: [
        { at: at(DAY1, 30, 0, 10), kind: "customer" },
        { at: at(DAY1, 30, 1), kind: "handoff" },
        { at: at(DAY1, 30, 2), kind: "assign", agentId: agentA },
        { at: at(DAY1, 30, 6), kind: "agent" },
        { at: at(DAY1, 30, 15), kind: "resolve" },
        { at: at(DAY1, 50, 0), kind: "reopen" },
        { at: at(DAY1, 50, 0, 1), kind: "customer" },
        { at: at(DAY1, 50, 1), kind: "handoff" },
        { at: at(DAY1, 50, 20), kind: "assign", agentId: agentB },
        { at: at(DAY1, 50, 22), kind: "agent" },
        { at: at(DAY1, 50, 30), kind: "pause" },
        { at: at(DAY1, 51, 0), kind: "resolve" },
      ],
    },
  ];
  for (const story of stories) conversations.push(await writeStory(h.db, story));
  // incremental maintenance, as the worker does it after each change (twice: the second changes nothing)
  for (const id of conversations) await refreshConversationRollup(h.db, id);
  for (const id of conversations) expect(await refreshConversationRollup(h.db, id)).toBe(false);
}, 120_000);

afterAll(async () => {
  await h.database.drop();
});

/** The counters summed from StatsHourly over an hour-aligned window, with the scope's filters. */
async function rollupHours(window: TimeWindow, scope: MetricScope): Promise<Record<string, number>> {
  const filters: Prisma.Sql[] = [];
  if (scope.teamId !== undefined) filters.push(Prisma.sql`AND teamId = ${scope.teamId}`);
  if (scope.agentId !== undefined) filters.push(Prisma.sql`AND agentId = ${scope.agentId}`);
  if (scope.channel !== undefined) filters.push(Prisma.sql`AND channel = ${scope.channel}`);
  const sums = Prisma.raw(FACT_COUNTERS.map((n) => `COALESCE(SUM(\`${n}\`), 0) AS \`${n}\``).join(", "));
  const [row] = await h.db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${sums} FROM \`StatsHourly\` WHERE bucket >= ${window.from} AND bucket < ${window.to} ${filters.length ? Prisma.join(filters, " ") : Prisma.empty}`;
  return Object.fromEntries(FACT_COUNTERS.map((n) => [n, Number(row?.[n] ?? 0)]));
}

/** The same counters from the raw rows, through the metric definitions. */
async function rawCounters(window: TimeWindow, scope: MetricScope): Promise<Record<string, number>> {
  const [volume, resolved, exits, csat, first, replies, handle] = await Promise.all([
    volumeStats(h.db, window, scope),
    resolvedStats(h.db, window, scope),
    queueExitStats(h.db, window, scope),
    csatStats(h.db, window, scope),
    firstResponseStats(h.db, window, scope),
    replyTimeStats(h.db, window, scope),
    handleTimeStats(h.db, window, scope),
  ]);
  return {
    ...volume,
    resolved: resolved.resolved,
    botResolved: resolved.resolvedByBot,
    assigned: exits.assigned,
    abandoned: exits.abandoned,
    averageWait: exits.averageWaitSeconds ?? -1,
    csatResponses: csat.responses,
    csatPositive: csat.positive,
    firstResponseCount: first.count,
    averageFirst: first.averageSeconds ?? -1,
    replyCount: replies.exchanges,
    averageReply: replies.averageSeconds ?? -1,
    handleCount: handle.count,
    averageHandle: handle.averageSeconds ?? -1,
  };
}

function comparable(c: Record<string, number>): Record<string, number> {
  const avg = (sum: number, count: number) => (count > 0 ? Math.round(sum / count) : -1);
  return {
    created: c.created!,
    handedOff: c.handedOff!,
    resolved: c.resolved!,
    botResolved: c.botResolved!,
    assigned: c.assigned!,
    abandoned: c.abandoned!,
    averageWait: avg(c.waitSecondsSum!, c.waitCount!),
    csatResponses: c.csatResponses!,
    csatPositive: c.csatPositive!,
    firstResponseCount: c.firstResponseCount!,
    averageFirst: avg(c.firstResponseSum!, c.firstResponseCount!),
    replyCount: c.replyCount!,
    averageReply: avg(c.replySecondsSum!, c.replyCount!),
    handleCount: c.handleCount!,
    averageHandle: avg(c.handleSecondsSum!, c.handleCount!),
  };
}

function rawComparable(r: Record<string, number>): Record<string, number> {
  const { averageWait, averageFirst, averageReply, averageHandle, ...counts } = r;
  return {
    created: counts.created!,
    handedOff: counts.handedOff!,
    resolved: counts.resolved!,
    botResolved: counts.botResolved!,
    assigned: counts.assigned!,
    abandoned: counts.abandoned!,
    averageWait: averageWait!,
    csatResponses: counts.csatResponses!,
    csatPositive: counts.csatPositive!,
    firstResponseCount: counts.firstResponseCount!,
    averageFirst: averageFirst!,
    replyCount: counts.replyCount!,
    averageReply: averageReply!,
    handleCount: counts.handleCount!,
    averageHandle: averageHandle!,
  };
}

const scopes = (): MetricScope[] => [
  {},
  { teamId: teamX },
  { teamId: teamY },
  { agentId: agentA },
  { agentId: agentB },
  { channel: "WECHAT" },
  { channel: "APP", teamId: teamY },
];

async function snapshot() {
  const nonZero = FACT_COUNTERS.map((n) => `\`${n}\` <> 0`).join(" OR ");
  const columns = ["teamId", "agentId", "channel", ...FACT_COUNTERS].map((n) => `\`${n}\``).join(", ");
  const hourly = await h.db.$queryRawUnsafe<unknown[]>(`SELECT bucket, ${columns} FROM StatsHourly WHERE ${nonZero} ORDER BY bucket, teamId, agentId, channel`);
  const daily = await h.db.$queryRawUnsafe<unknown[]>(`SELECT day, ${columns} FROM StatsDaily WHERE ${nonZero} ORDER BY day, teamId, agentId, channel`);
  return JSON.parse(JSON.stringify({ hourly, daily }, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value))) as unknown;
}

describe("report rollups", () => {
  it("equal the metrics computed from the raw rows, for each day and the whole range, in every scope", async () => {
    const windows: TimeWindow[] = [0, 1, 2].map((d) => ({
      from: new Date(DAY1.getTime() + d * 86_400_000),
      to: new Date(DAY1.getTime() + (d + 1) * 86_400_000),
    }));
    windows.push({ from: DAY1, to: new Date(DAY1.getTime() + 3 * 86_400_000) });
    for (const window of windows)
      for (const scope of scopes())
        expect(comparable(await rollupHours(window, scope)), JSON.stringify({ window, scope })).toEqual(rawComparable(await rawCounters(window, scope)));
  });

  it("put each fact in its Beijing day: the conversation across midnight comes in on day 1 and is answered and resolved on day 2", async () => {
    const day1 = await rollupHours({ from: DAY1, to: shanghaiDayStartOf("2026-10-13")! }, { channel: "APP" });
    const day2 = await rollupHours({ from: shanghaiDayStartOf("2026-10-13")!, to: shanghaiDayStartOf("2026-10-14")! }, { channel: "APP" });
    expect(day1).toMatchObject({ created: 1, handedOff: 1, assigned: 1, resolved: 0, firstResponseCount: 0 });
    expect(day2).toMatchObject({ created: 0, resolved: 1, firstResponseCount: 1, firstResponseSum: 7 * 60, handleCount: 1, handleSecondsSum: 32 * 60 });
    const whole = await rollupHours({ from: DAY1, to: shanghaiDayStartOf("2026-10-15")! }, {});
    // six conversations in; the bot resolved one; one abandoned; the paused hour is not handle time
    expect(whole).toMatchObject({ created: 6, botResolved: 1, abandoned: 1, resolved: 6, csatResponses: 2, csatPositive: 1 });
  });

  it("equal the raw metrics over random hour ranges", async () => {
    let seed = 12_345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 25; i++) {
      const a = Math.floor(random() * 72);
      const b = a + 1 + Math.floor(random() * (72 - a));
      const window = { from: new Date(DAY1.getTime() + a * 3_600_000), to: new Date(DAY1.getTime() + b * 3_600_000) };
      const scope = scopes()[Math.floor(random() * scopes().length)]!;
      expect(comparable(await rollupHours(window, scope)), JSON.stringify({ window, scope })).toEqual(rawComparable(await rawCounters(window, scope)));
    }
  });

  it("StatsDaily holds the same sums per Beijing day as StatsHourly", async () => {
    const daily = await h.db.statsDaily.groupBy({ by: ["day"], _sum: { created: true, resolved: true, firstResponseSum: true } });
    for (const day of daily) {
      const date = day.day.toISOString().slice(0, 10);
      const from = shanghaiDayStartOf(date)!;
      const hours = await rollupHours({ from, to: new Date(from.getTime() + 86_400_000) }, {});
      expect({ created: hours.created, resolved: hours.resolved, firstResponseSum: hours.firstResponseSum }).toEqual({
        created: day._sum.created,
        resolved: day._sum.resolved,
        firstResponseSum: day._sum.firstResponseSum,
      });
    }
  });

  it("a rebuild equals incremental maintenance, whatever the rollups held", async () => {
    const incremental = await snapshot();
    await h.db.$executeRaw`UPDATE \`StatsHourly\` SET created = created + 7`;
    await h.db.$executeRaw`DELETE FROM \`StatsDaily\``;
    await h.db.$executeRaw`DELETE FROM \`StatsConversationFact\` WHERE conversationId = ${conversations[0]!}`;
    const progress: [number, number][] = [];
    const result = await rebuildRollups(h.db, { from: FIRST_DAY, to: LAST_DAY, batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.conversations).toBe(conversations.length);
    expect(progress[0]).toEqual([0, conversations.length]);
    expect(progress.at(-1)).toEqual([conversations.length, conversations.length]);
    expect(await snapshot()).toEqual(incremental);
  });

  it("follows live changes through the outbox, one job per unit of work, and a job run twice counts once", async () => {
    const agent = await makeAgent(h.db, { presence: "ONLINE" });
    const conversation = await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id });
    await h.db.conversationEvent.create({ data: { conversationId: conversation.id, type: "CREATED", toStatus: "BOT", at: new Date() } });
    const before = await h.db.job.count({ where: { type: "event.reports.rollup" } });
    await sendAgentReply(h.db, agent, { conversationId: conversation.id, body: "您好，请问有什么可以帮您？" });
    await resolveConversation(h.db, agent, { conversationId: conversation.id, resolutionCategory: "问题已解决" });
    const jobs = await h.db.job.findMany({ where: { type: "event.reports.rollup", id: { gt: 0 } }, orderBy: { id: "asc" } });
    expect(jobs.length - before).toBe(2);
    await runDueJobs(h.db, "test-worker");
    const today = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 3_600_000) };
    const after = await rollupHours(today, { agentId: agent.id });
    expect(after).toMatchObject({ resolved: 1, firstResponseCount: 1 });
    // the same event delivered again
    await refreshConversationRollup(h.db, conversation.id);
    expect(await rollupHours(today, { agentId: agent.id })).toEqual(after);
    expect(comparable(after)).toEqual(rawComparable(await rawCounters(today, { agentId: agent.id })));
  });
});

describe("report procedures", () => {
  it("serve the overview, the trend and the leaderboard from the rollups", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const overview = await supervisor.report.overview({ from: "2026-10-13", to: "2026-10-13" });
    expect(overview.previousPeriod).toEqual({ from: "2026-10-12", to: "2026-10-12" });
    expect(overview.current).toMatchObject({ created: 1, resolved: 2, abandoned: 0 });
    expect(overview.previous).toMatchObject({ created: 5, botResolved: 1, abandoned: 1, resolved: 3, csat: 50 });
    expect(overview.change.created).toEqual({ delta: -4, percent: -80 });
    const compared = await supervisor.report.overview({ from: "2026-10-14", to: "2026-10-14", compareFrom: "2026-10-12", compareTo: "2026-10-13" });
    expect(compared.previousPeriod).toEqual({ from: "2026-10-12", to: "2026-10-13" });
    expect(compared.previous).toMatchObject({ created: 6 });

    const trend = await supervisor.report.trend({ from: "2026-10-12", to: "2026-10-14", metric: "created", granularity: "day" });
    expect(trend.points.map((p) => [p.bucket, p.value])).toEqual([
      ["2026-10-12", 5],
      ["2026-10-13", 1],
      ["2026-10-14", 0],
    ]);
    const hourly = await supervisor.report.trend({ from: "2026-10-12", to: "2026-10-12", metric: "created", granularity: "hour", teamId: teamX });
    expect(hourly.points).toHaveLength(24);
    expect(hourly.points.filter((p) => p.value).map((p) => p.bucket)).toEqual(["2026-10-12 09:00", "2026-10-12 10:00"]);
    const weekly = await supervisor.report.trend({ from: "2026-10-01", to: "2026-10-31", metric: "resolved", granularity: "week" });
    expect(weekly.points.map((p) => p.bucket)).toEqual(["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]);
    expect(weekly.points.find((p) => p.bucket === "2026-10-12")?.value).toBe(6);

    const board = await supervisor.report.agents({ from: "2026-10-12", to: "2026-10-14" });
    const a = board.agents.find((row) => row.id === agentA)!;
    const b = board.agents.find((row) => row.id === agentB)!;
    expect(a.figures).toMatchObject({ assigned: 3, resolved: 2 });
    expect(b.figures).toMatchObject({ resolved: 3, csat: 0 });
    expect(board.teams.find((row) => row.id === teamY)?.figures.created).toBe(3);
  });

  it("refuse ranges beyond the limits, naming the field, and callers who are not managers", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    expect(await outcome(() => supervisor.report.overview({ from: "2025-01-01", to: "2026-10-12" }))).toMatchObject({ code: "BAD_REQUEST", field: "to" });
    expect(await outcome(() => supervisor.report.overview({ from: "2026-10-12", to: "2026-10-11" }))).toMatchObject({ code: "BAD_REQUEST", field: "to" });
    expect(await outcome(() => supervisor.report.overview({ from: "2026-02-30", to: "2026-03-01" }))).toMatchObject({ code: "BAD_REQUEST", field: "from" });
    expect(await outcome(() => supervisor.report.overview({ from: "2026-10-12", to: "2026-10-12", compareFrom: "2026-10-11" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "compareTo",
    });
    expect(await outcome(() => supervisor.report.trend({ from: "2026-08-01", to: "2026-10-12", metric: "created", granularity: "hour" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "granularity",
    });
    expect(await outcome(() => supervisor.report.trend({ from: "2026-10-01", to: "2026-10-12", metric: "nope" as never, granularity: "day" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "metric",
    });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).report.agents({ from: "2026-10-12", to: "2026-10-12" }))).toMatchObject({ code: "OK" });
    for (const role of ["AGENT", "QA"] as const)
      expect(await outcome(() => h.callerFor(h.users[role]).report.overview({ from: "2026-10-12", to: "2026-10-12" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(shanghaiDate(DAY1)).toBe(FIRST_DAY);
  });
});
