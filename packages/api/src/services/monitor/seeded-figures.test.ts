/**
 * The demo data against the services: its ConversationEvent rows carry the same fields per kind as the rows the
 * conversation services write (so every metric reads history and live work alike), and every additive figure of
 * the monitor adds up over agents, the bot and what belongs to no one, on the seeded data and on the test stories.
 */
import { seedDemo } from "@kefu/db/seed";
import { createDb, type Db } from "@kefu/db/client";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import {
  abandonConversation,
  handleReplyTimeout,
  handoffToQueue,
  pauseConversation,
  receiveCustomerMessage,
  recordWidgetPresence,
  resolveByBot,
  resolveConversation,
  resumeConversation,
  sendAgentReply,
  submitCsat,
  sweepCustomerPresence,
  sweepIdleConversations,
  transferConversation,
} from "../conversation/index.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";
import { expectFiguresAddUp } from "./test-figures.ts";
import { at, writeStory } from "./test-stories.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

/** 14:30 in Beijing */
const NOW = new Date("2026-11-25T06:30:00.000Z");
const EVENT_FIELDS = ["actorId", "fromStatus", "toStatus", "fromUserId", "toUserId", "fromTeamId", "toTeamId"] as const;

type EventRow = { type: string; detail: unknown } & Record<(typeof EVENT_FIELDS)[number], unknown>;

/** The shape of an event: which columns are set and which keys its detail holds, e.g. `fromStatus toStatus detail.reason`. */
function shapeOf(row: EventRow): string {
  const detail = typeof row.detail === "string" ? (JSON.parse(row.detail) as Record<string, unknown>) : ((row.detail ?? {}) as Record<string, unknown>);
  return [...EVENT_FIELDS.filter((field) => row[field] !== null), ...Object.keys(detail).map((key) => `detail.${key}`)].sort().join(" ");
}

async function shapesByKind(db: Db, where = "1 = 1"): Promise<Map<string, Set<string>>> {
  const rows = await db.$queryRawUnsafe<EventRow[]>(`SELECT type, ${EVENT_FIELDS.join(", ")}, detail FROM ConversationEvent WHERE ${where}`);
  const shapes = new Map<string, Set<string>>();
  for (const row of rows) shapes.set(row.type, (shapes.get(row.type) ?? new Set()).add(shapeOf(row)));
  return shapes;
}

let seeded: TestDatabase;
let seededDb: Db;
let h: Harness;
let written: Map<string, Set<string>>;
let visitor = 0;
const customer = (overrides: { externalUserId?: string; teamId?: number } = {}) => ({
  channel: "WEB" as const,
  externalUserId: overrides.externalUserId ?? `parity-${++visitor}`,
  clientId: `parity-c-${++visitor}`,
  body: "我的订单还没发货",
  ...(overrides.teamId ? { teamId: overrides.teamId } : {}),
});

/** Every path through the state machine, written by the services themselves. */
async function writeThroughServices(db: Db) {
  const team = await makeTeam(db);
  const other = await makeTeam(db);
  const empty = await makeTeam(db);
  const agent = await makeAgent(db, { teamIds: [team.id], maxConcurrent: 5 });
  const colleague = await makeAgent(db, { teamIds: [team.id, other.id], maxConcurrent: 5 });

  // bot → queue → agent, pause and resume, transfer to a colleague, resolve, survey; then the customer writes again
  const first = await receiveCustomerMessage(db, customer({ externalUserId: "parity-returning" }));
  await handoffToQueue(db, first.conversationId, { reason: "customer_request", teamId: team.id });
  const holder = (await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).assigneeId === agent.id ? agent : colleague;
  const taker = holder === agent ? colleague : agent;
  await pauseConversation(db, holder, { conversationId: first.conversationId });
  await resumeConversation(db, holder, { conversationId: first.conversationId });
  await transferConversation(db, holder, { conversationId: first.conversationId, toUserId: taker.id, note: "请跟进退款" });
  await resolveConversation(db, taker, { conversationId: first.conversationId, resolutionCategory: "问题已解决" });
  await submitCsat(db, { conversationId: first.conversationId, score: 5, comment: "很及时" });
  await receiveCustomerMessage(db, customer({ externalUserId: "parity-returning" }));

  // an entry team, a transfer without a note, a survey without a comment
  const second = await receiveCustomerMessage(db, customer({ teamId: team.id }));
  await handoffToQueue(db, second.conversationId, { reason: "low_confidence", teamId: team.id });
  const secondHolder = (await db.conversation.findUniqueOrThrow({ where: { id: second.conversationId } })).assigneeId === agent.id ? agent : colleague;
  await transferConversation(db, secondHolder, { conversationId: second.conversationId, toUserId: secondHolder === agent ? colleague.id : agent.id });
  const secondTaker = secondHolder === agent ? colleague : agent;
  await resolveConversation(db, secondTaker, { conversationId: second.conversationId, resolutionCategory: "问题已解决" });
  await submitCsat(db, { conversationId: second.conversationId, score: 2 });

  // the bot resolves one
  const bot = await receiveCustomerMessage(db, customer());
  await resolveByBot(db, bot.conversationId);

  // nobody serves the empty team: the customer gives up
  const waiting = await receiveCustomerMessage(db, customer());
  await handoffToQueue(db, waiting.conversationId, { reason: "customer_request", teamId: empty.id });
  await abandonConversation(db, waiting.conversationId);

  // moved to another team's queue by an agent, and the reply timeout
  const moved = await receiveCustomerMessage(db, customer());
  await handoffToQueue(db, moved.conversationId, { reason: "customer_request", teamId: team.id });
  await db.user.updateMany({ where: { id: { in: [agent.id, colleague.id] } }, data: { presence: "OFFLINE" } });
  const timeout = await db.job.findFirstOrThrow({
    where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${moved.conversationId}:` } },
    orderBy: { id: "desc" },
  });
  expect(await handleReplyTimeout(db, timeout.payload)).toBe("requeued");
  await transferConversation(db, h.users.SUPERVISOR, { conversationId: moved.conversationId, toTeamId: other.id });

  // a queued widget customer closes the page: abandoned once the goodbye's grace is over
  const leaver = await receiveCustomerMessage(db, customer());
  await handoffToQueue(db, leaver.conversationId, { reason: "customer_request", teamId: empty.id });
  const leftAt = new Date();
  const { customerId } = await db.conversation.findUniqueOrThrow({ where: { id: leaver.conversationId }, select: { customerId: true } });
  await recordWidgetPresence(db, { conversationId: leaver.conversationId, customerId, state: "gone" }, leftAt);
  expect((await sweepCustomerPresence(db, new Date(leftAt.getTime() + 60_000))).abandoned).toContain(leaver.conversationId);

  // the customer falls silent after the agent's answer: reminded, then ended
  await db.user.updateMany({ where: { id: agent.id }, data: { presence: "ONLINE" } });
  const silent = await receiveCustomerMessage(db, customer());
  await handoffToQueue(db, silent.conversationId, { reason: "customer_request", teamId: team.id });
  const silentHolder = await db.conversation.findUniqueOrThrow({ where: { id: silent.conversationId }, select: { assigneeId: true } });
  expect(silentHolder.assigneeId).toBe(agent.id);
  await sendAgentReply(db, agent, { conversationId: silent.conversationId, body: "您好，请问还有其他问题吗？", clientId: crypto.randomUUID() });
  const answeredAt = Date.now();
  await sweepIdleConversations(db, new Date(answeredAt + 5 * 60_000 + 1_000));
  expect((await sweepIdleConversations(db, new Date(answeredAt + 10 * 60_000 + 2_000))).ended).toContain(silent.conversationId);
}

beforeAll(async () => {
  seeded = await createTestDatabase("kefu_figures");
  await seedDemo(seeded.url, { conversations: 1_200, customers: 250, now: NOW });
  seededDb = createDb(seeded.url, 4);
  h = await createHarness();
  await writeThroughServices(h.db);
  written = await shapesByKind(h.db);
}, 180_000);

afterAll(async () => {
  await seededDb?.$disconnect();
  await seeded?.drop();
  await h?.database.drop();
});

describe("seeded events", () => {
  it("carry, kind by kind, the fields the services write", async () => {
    const shapes = await shapesByKind(seededDb);
    expect([...shapes.keys()].sort()).toEqual(
      expect.arrayContaining(["ABANDONED", "ASSIGNED", "CREATED", "CSAT", "PAUSED", "QUEUED", "RESOLVED", "RESUMED", "TRANSFERRED"]),
    );
    for (const [kind, kindShapes] of shapes) {
      for (const shape of kindShapes) expect({ kind, shape, known: written.get(kind)?.has(shape) ?? false }).toEqual({ kind, shape, known: true });
    }
  });

  it("the monitor's test stories write them the same way", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const base = new Date(Date.now() - 3_600_000);
    const story = await writeStory(h.db, {
      createdAt: base,
      teamId: team.id,
      steps: [
        { at: at(base, 0, 1), kind: "handoff" },
        { at: at(base, 0, 2), kind: "assign", agentId: agent.id },
        { at: at(base, 0, 3), kind: "pause" },
        { at: at(base, 0, 4), kind: "resume" },
        { at: at(base, 0, 5), kind: "requeue" },
        { at: at(base, 0, 6), kind: "assign", agentId: agent.id },
        { at: at(base, 0, 7), kind: "resolve" },
        { at: at(base, 0, 8), kind: "csat", score: 4 },
      ],
    });
    const abandoned = await writeStory(h.db, {
      createdAt: base,
      teamId: team.id,
      steps: [
        { at: at(base, 0, 1), kind: "queue" },
        { at: at(base, 0, 9), kind: "abandon" },
      ],
    });
    const shapes = await shapesByKind(h.db, `conversationId IN (${story}, ${abandoned})`);
    for (const [kind, kindShapes] of shapes) {
      for (const shape of kindShapes) expect({ kind, shape, known: written.get(kind)?.has(shape) ?? false }).toEqual({ kind, shape, known: true });
    }
  });
});

describe("figures on the seeded data", () => {
  it("count each article's bot answers as the bot messages quoting it, and nothing the conversations do not show", async () => {
    const rows = await seededDb.$queryRawUnsafe<{ id: number; botAnswerCount: number; quoted: unknown; viewCount: number; agentInsertCount: number }[]>(
      `SELECT a.id, a.botAnswerCount, a.viewCount, a.agentInsertCount,
         (SELECT COUNT(*) FROM Message m WHERE m.kbArticleId = a.id AND m.senderType = 'BOT') AS quoted
       FROM KbArticle a`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.botAnswerCount !== Number(r.quoted))).toEqual([]);
    expect(rows.reduce((total, r) => total + r.botAnswerCount, 0)).toBeGreaterThan(0);
    expect(rows.filter((r) => r.viewCount !== 0 || r.agentInsertCount !== 0)).toEqual([]);
  });

  it("add up: Σ agents + bot + unassigned = total, Σ teams = total", async () => {
    const { kpis } = await expectFiguresAddUp(seededDb, NOW);
    // the demo's "today" has real work in every figure
    expect(kpis.resolved).toBeGreaterThan(kpis.resolvedByBot);
    expect(kpis.resolvedByBot).toBeGreaterThan(0);
    expect(kpis.assigned).toBeGreaterThan(0);
    expect(kpis.conversations.ACTIVE).toBeGreaterThan(0);
  });

  it("add up on the live services' own data too", async () => {
    await expectFiguresAddUp(h.db, new Date());
  });
});
