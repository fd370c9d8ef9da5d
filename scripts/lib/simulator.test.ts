/**
 * The simulator against the real widget handlers and a real database (no web server: its fetch calls the
 * route handlers in-process), with one agent who answers and ends every conversation routed to them.
 */
import type { Db } from "@kefu/db/client";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  handleWidgetCsat,
  handleWidgetLeave,
  handleWidgetListMessages,
  handleWidgetPostMessage,
  handleWidgetSession,
  handleWidgetState,
} from "../../packages/api/src/rest/widget-api.ts";
import { resolveConversation, sendAgentReply } from "../../packages/api/src/services/conversation/index.ts";
import { makeAgent, makeTeam } from "../../packages/api/src/services/conversation/test-fixtures.ts";
import { reindexAll } from "../../packages/api/src/services/knowledge/indexer.ts";
import { invalidateVocabulary } from "../../packages/api/src/services/knowledge/tokenizer.ts";
import { runSimulation, type Fetch, type SimulationOptions } from "./simulator.ts";

const BASE = "http://kefu.test";
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.url, { conversations: 10, customers: 10 });
  db = database.db;
  invalidateVocabulary();
  await reindexAll(db);
});
afterAll(async () => {
  await database.drop();
});

const inProcess: Fetch = async (url, init) => {
  const request = new Request(url, init);
  const path = new URL(url).pathname;
  const post = request.method === "POST";
  if (path === "/api/v1/widget/session") return handleWidgetSession(db, request);
  if (path === "/api/v1/widget/messages") return post ? handleWidgetPostMessage(db, request) : handleWidgetListMessages(db, request);
  if (path === "/api/v1/widget/state") return handleWidgetState(db, request);
  if (path === "/api/v1/widget/leave") return handleWidgetLeave(db, request);
  if (path === "/api/v1/widget/csat") return handleWidgetCsat(db, request);
  return new Response("{}", { status: 404 });
};

const base: Omit<SimulationOptions, "customers" | "teamId"> = {
  baseUrl: BASE,
  durationSeconds: 0,
  handoffRate: 1,
  patienceSeconds: 8,
  thinkMs: 0,
  pollMs: 100,
  rampSeconds: 0,
  seed: 42,
  fetch: inProcess,
};

describe("pnpm simulate", () => {
  it("customers ask the bot, reach the team's agent, get answers, and rate; every acknowledged message is stored once", async () => {
    const team = await makeTeam(db);
    const agent = await makeAgent(db, { teamIds: [team.id], maxConcurrent: 10 });
    let working = true;
    // the agent answers each customer's latest message and ends the conversation after the thanks
    const answering = (async () => {
      const answered = new Map<number, number>();
      while (working) {
        const open = await db.conversation.findMany({ where: { assigneeId: agent.id, status: "ACTIVE" }, select: { id: true, lastCustomerMessageAt: true } });
        for (const c of open) {
          const customerMessages = await db.message.count({ where: { conversationId: c.id, senderType: "CUSTOMER" } });
          if (answered.get(c.id) === customerMessages) continue;
          if ((answered.get(c.id) ?? 0) > 0) await resolveConversation(db, agent, { conversationId: c.id, resolutionCategory: "问题已解决" });
          else await sendAgentReply(db, agent, { conversationId: c.id, body: "您好，已为您处理" });
          answered.set(c.id, customerMessages);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const report = await runSimulation({ ...base, customers: 4, teamId: team.id });
    working = false;
    await answering;

    expect(report.errors).toEqual({});
    expect(report.customers).toEqual({ started: 4, finished: 4 });
    expect(report.conversations).toMatchObject({ started: 4, handoffs: 4, assigned: 4, abandoned: 0, resolved: 4, csatSubmitted: 4 });
    expect(report.conversations.botAnswers).toBeGreaterThanOrEqual(4);
    expect(report.messages.failed).toBe(0);
    const conversations = await db.conversation.findMany({ where: { teamId: team.id }, select: { id: true, status: true, assigneeId: true, csatScore: true } });
    expect(conversations).toHaveLength(4);
    for (const c of conversations) expect(c).toMatchObject({ status: "RESOLVED", assigneeId: agent.id, csatScore: expect.any(Number) as number });
    const stored = await db.message.count({ where: { conversationId: { in: conversations.map((c) => c.id) }, senderType: "CUSTOMER" } });
    expect(stored).toBe(report.messages.acknowledged);
    expect(report.latencyMs.messagePost.p95).toBeGreaterThan(0);
  });

  it("with nobody to take them, customers leave the queue when their patience runs out", async () => {
    const team = await makeTeam(db);
    const report = await runSimulation({ ...base, customers: 3, teamId: team.id, patienceSeconds: 1, seed: 7 });
    expect(report.conversations).toMatchObject({ started: 3, handoffs: 3, assigned: 0, abandoned: 3 });
    const statuses = await db.conversation.findMany({ where: { teamId: team.id }, select: { status: true } });
    expect(statuses.map((c) => c.status)).toEqual(["ABANDONED", "ABANDONED", "ABANDONED"]);
  });
});
