/**
 * Answer feedback for the knowledge admin: the ratings list and the articles customers found unhelpful most often,
 * through the router (knowledge.manage only).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { appendMessage } from "../conversation/index.ts";
import { makeConversation } from "../conversation/test-fixtures.ts";
import { rateBotAnswer } from "./feedback.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

let n = 0;
async function article(title: string) {
  return h.db.kbArticle.create({ data: { title: `${title}${++n}`, body: "说明", status: "PUBLISHED" }, select: { id: true } });
}

/** One customer's conversation with a bot answer quoting the article, rated as given. */
async function rated(articleId: number, helpful: boolean, reason?: "not_solved" | "wrong") {
  const conversation = await makeConversation(h.db, { status: "BOT" });
  const answer = await runUnitOfWork(h.db, (uow) =>
    appendMessage(
      uow,
      { id: conversation.id, assigneeId: null },
      { senderType: "BOT", kind: "TEXT", body: "为您找到以下说明", kbArticleId: articleId },
      new Date(),
    ),
  );
  await rateBotAnswer(h.db, { customerId: conversation.customerId, conversationId: conversation.id }, { messageId: answer.id, helpful, reason });
  return conversation.id;
}

describe("answer feedback for the knowledge admin", () => {
  it("lists the ratings newest first, by article and by outcome, with the conversation each came from", async () => {
    const { id } = await article("退货运费");
    await rated(id, true);
    const conversationId = await rated(id, false, "wrong");
    const admin = h.callerFor(h.users.ADMIN);
    const unhelpful = await admin.knowledge.listFeedback({ articleId: id, helpful: false });
    expect(unhelpful.items).toEqual([
      expect.objectContaining({ helpful: false, reason: "wrong", conversationId, article: expect.objectContaining({ id }) as unknown }),
    ]);
    expect((await admin.knowledge.listFeedback({ articleId: id })).items.map((item) => item.helpful)).toEqual([false, true]);
    const firstPage = await admin.knowledge.listFeedback({ articleId: id, limit: 1 });
    expect(firstPage.nextCursor).not.toBeNull();
    expect((await admin.knowledge.listFeedback({ articleId: id, limit: 1, cursor: firstPage.nextCursor! })).items[0]?.helpful).toBe(true);
  });

  it("names the published articles that helped fewer than 60 % of at least three raters, worst first", async () => {
    const poor = await article("发票抬头");
    const worse = await article("保价规则");
    const good = await article("物流查询");
    const few = await article("会员积分");
    for (const helpful of [true, false, false]) await rated(poor.id, helpful);
    for (const helpful of [false, false, false, false]) await rated(worse.id, helpful);
    for (const helpful of [true, true, false]) await rated(good.id, helpful);
    for (const helpful of [false, false]) await rated(few.id, helpful);
    const low = await h.callerFor(h.users.SUPERVISOR).knowledge.listLowPerformers();
    const ids = low.map((row) => row.id);
    expect(ids.indexOf(worse.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(worse.id)).toBeLessThan(ids.indexOf(poor.id));
    expect(ids).not.toContain(good.id);
    expect(ids).not.toContain(few.id);
    expect(low.find((row) => row.id === poor.id)).toMatchObject({ helpful: 1, unhelpful: 2, helpfulRate: 1 / 3 });
  });

  it("is for those who manage the knowledge base", async () => {
    expect(await outcome(() => h.callerFor(h.users.AGENT).knowledge.listFeedback({}))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).knowledge.listLowPerformers())).toMatchObject({ code: "FORBIDDEN" });
  });
});
