/**
 * Knowledge usage counters: the bot's answers (from `message.created`), agents' inserts and views (the router),
 * added up in the process and written in one statement per flush; a flush that fails loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { appendMessage } from "../conversation/index.ts";
import { makeConversation } from "../conversation/test-fixtures.ts";
import { flushArticleUsage, pendingArticleUsage, setUsageFlushInterval } from "./usage.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // no flush by the timer unless a test asks for it
  setUsageFlushInterval(600_000);
});
afterAll(async () => {
  await h.database.drop();
});

let n = 0;
async function article(status: "PUBLISHED" | "DRAFT" = "PUBLISHED") {
  return h.db.kbArticle.create({ data: { title: `退货说明${++n}`, body: "七天无理由退货", status }, select: { id: true } });
}

function counters(id: number) {
  return h.db.kbArticle.findUniqueOrThrow({ where: { id }, select: { viewCount: true, botAnswerCount: true, agentInsertCount: true } });
}

async function botAnswers(articleId: number, times: number) {
  const conversation = await makeConversation(h.db, { status: "BOT" });
  for (let i = 0; i < times; i++)
    await runUnitOfWork(h.db, (uow) =>
      appendMessage(
        uow,
        { id: conversation.id, assigneeId: null },
        { senderType: "BOT", kind: "TEXT", body: "为您找到以下说明", kbArticleId: articleId },
        new Date(),
      ),
    );
}

describe("knowledge usage counters", () => {
  it("count the bot's answers, agents' inserts and views in the process and write them with the next flush", async () => {
    const { id } = await article();
    await botAnswers(id, 3);
    const agent = h.callerFor(h.users.AGENT);
    await agent.knowledge.recordUse({ articleId: id, use: "insert" });
    await agent.knowledge.recordUse({ articleId: id, use: "insert" });
    await agent.knowledge.recordUse({ articleId: id, use: "view" });
    // nothing written on the way: the message path and the click pay no statement for the counters
    expect(await counters(id)).toEqual({ viewCount: 0, botAnswerCount: 0, agentInsertCount: 0 });
    expect(pendingArticleUsage(h.db)).toBeGreaterThan(0);
    await flushArticleUsage(h.db);
    expect(await counters(id)).toEqual({ viewCount: 1, botAnswerCount: 3, agentInsertCount: 2 });
    expect(pendingArticleUsage(h.db)).toBe(0);
  });

  it("flush by themselves within the flush interval", async () => {
    setUsageFlushInterval(300);
    try {
      const { id } = await article();
      await botAnswers(id, 1);
      expect((await counters(id)).botAnswerCount).toBe(0);
      await vi.waitFor(async () => expect((await counters(id)).botAnswerCount).toBe(1), { timeout: 10_000, interval: 100 });
    } finally {
      setUsageFlushInterval(600_000);
    }
  }, 30_000);

  it("keep the counts of a failed flush and write them with the next one", async () => {
    const { id } = await article();
    await botAnswers(id, 2);
    await h.db.$executeRawUnsafe("RENAME TABLE `KbArticle` TO `KbArticleAway`");
    try {
      await expect(flushArticleUsage(h.db)).rejects.toThrow();
      expect(pendingArticleUsage(h.db)).toBe(1);
    } finally {
      await h.db.$executeRawUnsafe("RENAME TABLE `KbArticleAway` TO `KbArticle`");
    }
    await botAnswers(id, 1);
    await flushArticleUsage(h.db);
    expect((await counters(id)).botAnswerCount).toBe(3);
  });

  it("refuse an unknown or unpublished article and a use that does not exist, naming the field", async () => {
    const agent = h.callerFor(h.users.AGENT);
    const draft = await article("DRAFT");
    expect(await outcome(() => agent.knowledge.recordUse({ articleId: 999_999, use: "insert" }))).toMatchObject({ code: "NOT_FOUND", field: "articleId" });
    expect(await outcome(() => agent.knowledge.recordUse({ articleId: draft.id, use: "view" }))).toMatchObject({ code: "NOT_FOUND", field: "articleId" });
    expect(await outcome(() => agent.knowledge.recordUse({ articleId: draft.id, use: "share" as "view" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "use",
    });
    expect(await outcome(() => agent.knowledge.recordUse({ articleId: 0, use: "view" }))).toMatchObject({ code: "BAD_REQUEST", field: "articleId" });
    expect(pendingArticleUsage(h.db)).toBe(0);
  });
});
