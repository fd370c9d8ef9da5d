import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { logUnansweredQuestion } from "./unanswered.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const supervisor = () => h.callerFor(h.users.SUPERVISOR);

async function ask(question: string, times: number) {
  let row: { id: number; count: number } | null = null;
  for (let i = 0; i < times; i++) row = await logUnansweredQuestion(h.db, { question });
  return row!.id;
}

describe("unanswered questions, most asked first", () => {
  it("orders by how often a question was asked and pages through ties without repeats", async () => {
    const rare = await ask("可以用外币付款吗", 1);
    const common = await ask("发票抬头开错了怎么办", 4);
    const middle = await ask("能送货上楼吗", 2);
    const tie = await ask("周末发货吗", 2);
    const latest = await ask("支持货到付款吗", 1);

    const first = await supervisor().knowledge.listUnanswered({ sort: "count", limit: 2 });
    expect(first.items.map((q) => q.id)).toEqual([common, tie]);
    const second = await supervisor().knowledge.listUnanswered({ sort: "count", limit: 2, cursor: first.nextCursor });
    expect(second.items.map((q) => q.id)).toEqual([middle, latest]);
    const third = await supervisor().knowledge.listUnanswered({ sort: "count", limit: 2, cursor: second.nextCursor });
    expect(third.items.map((q) => q.id)).toEqual([rare]);
    expect(third.nextCursor).toBeUndefined();

    // the default stays "last asked first"
    expect((await supervisor().knowledge.listUnanswered({ limit: 1 })).items[0]?.id).toBe(latest);
    expect(await outcome(() => supervisor().knowledge.listUnanswered({ sort: "often" as never }))).toMatchObject({ code: "BAD_REQUEST", field: "sort" });
  });
});

describe("handling an unanswered question", () => {
  it("an article written for a question resolves it and links the two in one step", async () => {
    const question = await ask("能开电子发票吗", 3);
    const article = await supervisor().knowledge.create({ title: "能开电子发票吗", body: "可以，下单后在订单详情申请电子发票。", fromQuestionId: question });
    expect(await h.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question } })).toMatchObject({ status: "RESOLVED", articleId: article.id });
    const resolved = await supervisor().knowledge.listUnanswered({ status: "RESOLVED" });
    expect(resolved.items.find((q) => q.id === question)?.article).toEqual({ id: article.id, title: "能开电子发票吗" });
  });

  it("refuses an unknown question and writes no article", async () => {
    const before = await h.db.kbArticle.count();
    expect(await outcome(() => supervisor().knowledge.create({ title: "标题", body: "正文", fromQuestionId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "fromQuestionId",
    });
    expect(await h.db.kbArticle.count()).toBe(before);
  });

  it("marks a question ignored, resolved with an article, or open again", async () => {
    const question = await ask("你们老板是谁", 1);
    const ignored = await supervisor().knowledge.updateUnanswered({ id: question, status: "IGNORED" });
    expect(ignored).toMatchObject({ status: "IGNORED", article: null });
    expect((await supervisor().knowledge.listUnanswered({ status: "OPEN" })).items.map((q) => q.id)).not.toContain(question);

    const article = await supervisor().knowledge.create({ title: "关于我们", body: "公司介绍。" });
    expect(await supervisor().knowledge.updateUnanswered({ id: question, status: "RESOLVED", articleId: article.id })).toMatchObject({
      status: "RESOLVED",
      article: { id: article.id },
    });
    // omitting articleId keeps the link; null clears it
    expect(await supervisor().knowledge.updateUnanswered({ id: question, status: "OPEN" })).toMatchObject({ status: "OPEN", article: { id: article.id } });
    expect(await supervisor().knowledge.updateUnanswered({ id: question, status: "OPEN", articleId: null })).toMatchObject({ article: null });

    const audit = await h.db.auditLog.findFirst({ where: { action: "knowledge.updateUnanswered" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: h.users.SUPERVISOR.id, targetType: "UnansweredQuestion", targetId: String(question), result: "SUCCESS" });
  });

  it("refuses unknown ids and bad statuses, changing nothing", async () => {
    const question = await ask("可以寄到香港吗", 1);
    expect(await outcome(() => supervisor().knowledge.updateUnanswered({ id: 987_654, status: "IGNORED" }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await outcome(() => supervisor().knowledge.updateUnanswered({ id: question, status: "RESOLVED", articleId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "articleId",
    });
    expect(await outcome(() => supervisor().knowledge.updateUnanswered({ id: question, status: "DONE" as never }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "status",
    });
    expect(await outcome(() => supervisor().knowledge.updateUnanswered({ id: question } as never))).toMatchObject({ code: "BAD_REQUEST", field: "status" });
    expect(await h.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question } })).toMatchObject({ status: "OPEN", articleId: null });
  });

  it("is for managers only", async () => {
    const question = await ask("客服几点下班", 1);
    for (const role of ["AGENT", "QA"] as const) {
      expect(await outcome(() => h.callerFor(h.users[role]).knowledge.updateUnanswered({ id: question, status: "IGNORED" })), role).toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await h.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question } })).toMatchObject({ status: "OPEN" });
  });
});
