import { seedDemo } from "@kefu/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@kefu/db/client";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { receiveCustomerMessage } from "../conversation/index.ts";
import { reindexAll } from "../knowledge/indexer.ts";
import { invalidateVocabulary } from "../knowledge/tokenizer.ts";
import { updateSetting, getSetting } from "../settings/index.ts";
import { withinHours } from "./hours.ts";
import { asksForHuman, botRespond } from "./respond.ts";

let database: TestDatabase;
let h: { db: Db; adminId: number };
let visitor = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.url, { conversations: 40, customers: 20 });
  h = { db: database.db, adminId: (await database.db.user.findUniqueOrThrow({ where: { employeeNo: "1000" } })).id };
  invalidateVocabulary();
  await reindexAll(h.db);
});
afterAll(async () => {
  await database.drop();
});

async function customerSays(body: string, externalUserId = `visitor-${++visitor}`) {
  const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId, clientId: `c-${visitor}-${body.length}-${Date.now()}`, body });
  const outcome = await botRespond(h.db, { conversationId: received.conversationId, body });
  return { ...received, outcome, externalUserId };
}

describe("bot", () => {
  it("answers a question the knowledge base covers with the article", async () => {
    const { conversationId, outcome } = await customerSays("请问怎么修改收货地址？");
    expect(outcome).toMatchObject({ action: "answered" });
    const reply = await h.db.message.findFirstOrThrow({ where: { conversationId, senderType: "BOT" }, orderBy: { id: "desc" }, include: { kbArticle: true } });
    expect(reply.kbArticle?.title).toBe("如何修改收货地址");
    expect(reply.body).toContain("修改收货地址");
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("BOT");
  });

  it("hands off at once when the customer asks for a person", async () => {
    const { conversationId, outcome } = await customerSays("转人工");
    expect(outcome).toEqual({ action: "handed_off", reason: "customer_request" });
    const conversation = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(["QUEUED", "ACTIVE"]).toContain(conversation.status);
    expect(await h.db.conversationEvent.count({ where: { conversationId, type: "BOT_HANDOFF" } })).toBe(1);
  });

  it("asks to rephrase once, then hands off after the second low-confidence turn, logging both misses", async () => {
    const first = await customerSays("火星上的天气怎么样");
    expect(first.outcome).toMatchObject({ action: "clarified" });
    const second = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: first.externalUserId, clientId: "again-1", body: "量子纠缠怎么解释" });
    expect(second.conversationId).toBe(first.conversationId);
    expect(await botRespond(h.db, { conversationId: second.conversationId, body: "量子纠缠怎么解释" })).toEqual({
      action: "handed_off",
      reason: "low_confidence",
    });
    const questions = await h.db.unansweredQuestion.findMany({ where: { conversationId: first.conversationId } });
    expect(questions.map((q) => q.question).sort()).toEqual(["火星上的天气怎么样", "量子纠缠怎么解释"].sort());
  });

  it("a good answer resets the low-confidence count", async () => {
    const first = await customerSays("火星上的天气怎么样呀");
    expect(first.outcome).toMatchObject({ action: "clarified" });
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: first.externalUserId, clientId: "ok-1", body: "请问如何取消订单？" });
    expect(await botRespond(h.db, { conversationId: first.conversationId, body: "请问如何取消订单？" })).toMatchObject({ action: "answered" });
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: first.externalUserId, clientId: "miss-2", body: "黑洞会蒸发吗" });
    expect(await botRespond(h.db, { conversationId: first.conversationId, body: "黑洞会蒸发吗" })).toMatchObject({ action: "clarified" });
  });

  it("sends customers straight to the queue outside bot hours", async () => {
    const replies = await getSetting(h.db, "bot.replies");
    await updateSetting(h.db, "bot.replies", { ...replies, hours: { days: [], start: "00:00", end: "24:00" } }, h.adminId);
    const { conversationId, outcome } = await customerSays("地址填错了还能改吗");
    expect(outcome).toEqual({ action: "handed_off", reason: "off_hours" });
    const notice = await h.db.message.findFirstOrThrow({ where: { conversationId, senderType: "BOT" } });
    expect(notice.body).toBe(replies.offHoursMessage);
    await updateSetting(h.db, "bot.replies", replies, h.adminId);
  });

  it("does nothing once a person has the conversation", async () => {
    const { conversationId } = await customerSays("转人工");
    expect(await botRespond(h.db, { conversationId, body: "地址填错了还能改吗" })).toEqual({ action: "none" });
  });
});

describe("bot helpers", () => {
  it("recognises requests for a person in Chinese and English", () => {
    const keywords = ["人工", "转人工", "agent", "human"];
    expect(asksForHuman("我要转人工！", keywords)).toBe(true);
    expect(asksForHuman("Can I talk to an AGENT?", keywords)).toBe(true);
    expect(asksForHuman("怎么退货", keywords)).toBe(false);
  });

  it("reads bot hours in Beijing time", () => {
    const hours = { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };
    expect(withinHours(hours, new Date("2026-11-23T01:30:00Z"))).toBe(true); // Monday 09:30 CST
    expect(withinHours(hours, new Date("2026-11-23T00:30:00Z"))).toBe(false); // Monday 08:30 CST
    expect(withinHours(hours, new Date("2026-11-22T03:00:00Z"))).toBe(false); // Sunday
    expect(withinHours({ days: [7], start: "00:00", end: "24:00" }, new Date("2026-11-22T15:59:00Z"))).toBe(true); // Sunday 23:59 CST
  });
});
