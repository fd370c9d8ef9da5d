import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import type { BotSettingsInput } from "../../contracts/settings.ts";
import { previewBotAnswer } from "./preview.ts";

let h: Harness;
let defaults: BotSettingsInput;
let articleId: number;

beforeAll(async () => {
  h = await createHarness();
  defaults = (await h.callerFor(h.users.ADMIN).settings.bot()).defaults;
  const supervisor = h.callerFor(h.users.SUPERVISOR);
  const article = await supervisor.knowledge.create({
    title: "如何申请延长保修",
    body: "在订单详情页点击“延保服务”，选择延保年限并付款即可。",
    keywords: "延保,保修期",
  });
  await supervisor.knowledge.publish({ id: article.id });
  articleId = article.id;
  // a draft the bot must never quote
  await supervisor.knowledge.create({ title: "延长保修的内部说明", body: "草稿：延长保修由第三方承保。" });
});
afterAll(async () => {
  await h.database.drop();
});

const tryBot = (question: string) => h.callerFor(h.users.SUPERVISOR).knowledge.tryBot({ question });

describe("knowledge.tryBot", () => {
  it("shows the article the bot would answer with, its confidence and the threshold it cleared", async () => {
    const preview = await tryBot("怎么申请延长保修？");
    expect(preview).toMatchObject({ decision: "answer", answerArticleId: articleId, threshold: defaults.threshold, withinHours: true, handoffKeyword: null });
    expect(preview.results).toHaveLength(1);
    expect(preview.results[0]).toMatchObject({ articleId, title: "如何申请延长保修", clearsThreshold: true });
    expect(preview.results[0]!.confidence).toBeGreaterThanOrEqual(defaults.threshold);
    expect(preview.terms.length).toBeGreaterThan(0);
  });

  it("follows the saved threshold: above the best confidence the bot would ask to rephrase", async () => {
    const best = (await tryBot("延长保修要付钱吗")).results[0]!;
    expect(best.confidence).toBeLessThan(1);
    await h.callerFor(h.users.ADMIN).settings.updateBot({ ...defaults, threshold: (best.confidence + 1) / 2 });
    const preview = await tryBot("延长保修要付钱吗");
    expect(preview).toMatchObject({ decision: "clarify", answerArticleId: null });
    expect(preview.results[0]).toMatchObject({ articleId, clearsThreshold: false });
    await h.callerFor(h.users.ADMIN).settings.updateBot(defaults);
  });

  it("says when nothing matches, when the customer asks for a person, outside bot hours and with the bot off", async () => {
    expect(await tryBot("火星上有没有信号")).toMatchObject({ decision: "clarify", results: [] });
    expect(await tryBot("延长保修我要转人工")).toMatchObject({ decision: "handoff_keyword", handoffKeyword: "人工" });

    const replies = { ...defaults, hours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" } };
    await h.callerFor(h.users.ADMIN).settings.updateBot(replies);
    expect(await previewBotAnswer(h.db, "怎么申请延长保修", new Date("2026-11-22T03:00:00Z"))).toMatchObject({ decision: "off_hours", withinHours: false }); // Sunday
    expect(await previewBotAnswer(h.db, "怎么申请延长保修", new Date("2026-11-23T03:00:00Z"))).toMatchObject({ decision: "answer", withinHours: true }); // Monday 11:00

    await h.callerFor(h.users.ADMIN).settings.updateBot({ ...defaults, enabled: false });
    expect(await tryBot("怎么申请延长保修")).toMatchObject({ decision: "disabled", answerArticleId: null });
    await h.callerFor(h.users.ADMIN).settings.updateBot(defaults);
  });

  it("refuses an empty or overlong question and agents", async () => {
    expect(await outcome(() => tryBot("   "))).toMatchObject({ code: "BAD_REQUEST", field: "question" });
    expect(await outcome(() => tryBot("问".repeat(501)))).toMatchObject({ code: "BAD_REQUEST", field: "question" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).knowledge.tryBot({ question: "延保" }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
