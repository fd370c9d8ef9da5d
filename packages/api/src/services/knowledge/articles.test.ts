import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { logUnansweredQuestion, normalizeQuestion } from "./unanswered.ts";

let h: Harness;
let categoryId: number;
beforeAll(async () => {
  h = await createHarness();
  categoryId = (await h.db.kbCategory.create({ data: { name: "物流配送" } })).id;
});
afterAll(async () => {
  await h.database.drop();
});

const searchIds = async (query: string) => (await h.callerFor(h.users.AGENT).knowledge.search({ query })).results.map((r) => r.articleId);

describe("article lifecycle", () => {
  it("creates a draft, publishes it, edits it into new versions and archives it, keeping search in step", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const created = await supervisor.knowledge.create({
      title: "冷链包裹配送说明",
      body: "生鲜商品使用冷链配送，签收时请当面检查冰袋。",
      categoryId,
      keywords: "生鲜,冷链",
    });
    expect(created).toMatchObject({ status: "DRAFT", version: 1, categoryId, author: { id: h.users.SUPERVISOR.id } });
    expect(await searchIds("冷链包裹")).toEqual([]);

    const published = await supervisor.knowledge.publish({ id: created.id });
    expect(published.status).toBe("PUBLISHED");
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await searchIds("冷链包裹")).toEqual([created.id]);

    const updated = await supervisor.knowledge.update({ id: created.id, body: "生鲜商品使用冷藏车配送，签收时请检查温度标签。", expectedVersion: 1 });
    expect(updated.version).toBe(2);
    expect(await searchIds("冷藏车")).toEqual([created.id]);
    expect(await searchIds("冰袋")).toEqual([]);

    const detail = await h.callerFor(h.users.AGENT).knowledge.get({ id: created.id });
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.versions[1]).toMatchObject({ body: "生鲜商品使用冷链配送，签收时请当面检查冰袋。", editor: { id: h.users.SUPERVISOR.id } });
    expect(detail).toMatchObject({ versionCount: 2, keywords: "生鲜,冷链" });

    // an edit based on version 1 after version 2 was saved is refused, and nothing changes
    expect(await outcome(() => supervisor.knowledge.update({ id: created.id, title: "过期的编辑", expectedVersion: 1 }))).toMatchObject({
      code: "CONFLICT",
      appCode: "CONFLICT",
      field: "expectedVersion",
    });
    expect(await h.db.kbArticleVersion.count({ where: { articleId: created.id } })).toBe(2);
    // saving without changes writes no version
    expect((await supervisor.knowledge.update({ id: created.id, title: "冷链包裹配送说明" })).version).toBe(2);

    await supervisor.knowledge.archive({ id: created.id });
    expect(await searchIds("冷藏车")).toEqual([]);
    expect(await outcome(() => supervisor.knowledge.archive({ id: created.id }))).toMatchObject({ code: "CONFLICT", appCode: "ALREADY_DONE" });
    await supervisor.knowledge.publish({ id: created.id });
    expect(await searchIds("冷藏车")).toEqual([created.id]);
  });

  it("writes an audit row for each change", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const created = await admin.knowledge.create({ title: "审计测试文章", body: "正文" });
    const row = await h.db.auditLog.findFirst({ where: { action: "knowledge.create", actorId: h.users.ADMIN.id }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ targetType: "KbArticle", targetId: String(created.id), result: "SUCCESS" });
  });

  it("lists with filters and keyset pagination, and lists categories with counts", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    for (let i = 0; i < 4; i++) await admin.knowledge.create({ title: `分页文章${i}`, body: "正文", categoryId });
    const first = await admin.knowledge.list({ limit: 2, search: "分页文章" });
    expect(first.items.map((a) => a.title)).toEqual(["分页文章3", "分页文章2"]);
    const second = await admin.knowledge.list({ limit: 2, search: "分页文章", cursor: first.nextCursor });
    expect(second.items.map((a) => a.title)).toEqual(["分页文章1", "分页文章0"]);
    expect((await admin.knowledge.list({ status: "PUBLISHED", categoryId })).items.every((a) => a.status === "PUBLISHED" && a.categoryId === categoryId)).toBe(
      true,
    );
    const categories = await h.callerFor(h.users.QA).knowledge.listCategories();
    expect(categories.find((c) => c.id === categoryId)).toMatchObject({ name: "物流配送", articleCount: 5, publishedCount: 1 });
  });

  it("answers NOT_FOUND for unknown articles and categories, writing nothing", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const before = await h.db.kbArticle.count();
    expect(await outcome(() => admin.knowledge.get({ id: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await outcome(() => admin.knowledge.update({ id: 987_654, title: "x" }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await outcome(() => admin.knowledge.publish({ id: 987_654 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => admin.knowledge.reindex({ id: 987_654 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => admin.knowledge.create({ title: "无分类", body: "正文", categoryId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "categoryId",
    });
    expect(await outcome(() => admin.knowledge.list({ categoryId: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "categoryId" });
    expect(await h.db.kbArticle.count()).toBe(before);
  });

  it("re-indexes everything on request", async () => {
    await h.db.kbTerm.deleteMany({});
    const summary = await h.callerFor(h.users.ADMIN).knowledge.reindex();
    expect(summary).toMatchObject({ articles: await h.db.kbArticle.count(), published: 1 });
    expect(summary.terms).toBeGreaterThan(0);
    expect(await searchIds("冷藏车")).toHaveLength(1);
  });
});

describe("bad input", () => {
  it.each([
    ["an empty query", { query: "" }, "query"],
    ["a blank query", { query: "   " }, "query"],
    ["a 201-character query", { query: "退".repeat(201) }, "query"],
    ["a query of the wrong type", { query: 42 }, "query"],
    ["a limit above 50", { query: "退款", limit: 51 }, "limit"],
    ["a limit of 0", { query: "退款", limit: 0 }, "limit"],
  ])("search refuses %s with BAD_REQUEST naming the field", async (_label, input, field) => {
    expect(await outcome(() => h.callerFor(h.users.AGENT).knowledge.search(input as never))).toMatchObject({ code: "BAD_REQUEST", field });
  });

  it("accepts a 200-character query", async () => {
    expect(await outcome(() => h.callerFor(h.users.AGENT).knowledge.search({ query: "退".repeat(200) }))).toMatchObject({ code: "OK" });
  });

  it.each([
    ["an empty title", { title: "" }, "title"],
    ["a 201-character title", { title: "题".repeat(201) }, "title"],
    ["an empty body", { body: " " }, "body"],
    ["a body over 20,000 characters", { body: "文".repeat(20_001) }, "body"],
    ["too long keywords", { keywords: "词".repeat(501) }, "keywords"],
    ["a category of the wrong type", { categoryId: "物流" }, "categoryId"],
  ])("create refuses %s with BAD_REQUEST naming the field and writes nothing", async (_label, patch, field) => {
    const before = await h.db.kbArticle.count();
    const result = await outcome(() => h.callerFor(h.users.ADMIN).knowledge.create({ title: "标题", body: "正文", ...patch } as never));
    expect(result).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.kbArticle.count()).toBe(before);
  });
});

describe("permissions", () => {
  it("lets every role search and read but only managers write", async () => {
    for (const role of ["ADMIN", "SUPERVISOR", "AGENT", "QA"] as const) {
      expect(await outcome(() => h.callerFor(h.users[role]).knowledge.search({ query: "配送" })), role).toMatchObject({ code: "OK" });
    }
    const agent = h.callerFor(h.users.AGENT);
    const before = await h.db.kbArticle.count();
    expect(await outcome(() => agent.knowledge.create({ title: "客服自己写的文章", body: "正文" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.kbArticle.count()).toBe(before);
    const denied = await h.db.auditLog.findFirst({ where: { actorId: h.users.AGENT.id, action: "knowledge.create" }, orderBy: { id: "desc" } });
    expect(denied?.result).toBe("DENIED");
    expect(await outcome(() => h.callerFor(h.users.QA).knowledge.publish({ id: 1 }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => agent.knowledge.listUnanswered({}))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(null).knowledge.search({ query: "配送" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("unanswered questions", () => {
  it("normalises questions", () => {
    expect(normalizeQuestion("  退款 多久到账？？！ ")).toBe("退款多久到账");
    expect(normalizeQuestion("Where is MY parcel?!")).toBe("where is my parcel");
    expect(normalizeQuestion("ＶＩＰ　会员😀")).toBe("vip会员");
    expect(Array.from(normalizeQuestion("问".repeat(500)))).toHaveLength(191);
    expect(normalizeQuestion("？？？")).toBe("");
  });

  it("counts repeats of one question in one row and keeps different questions apart", async () => {
    const first = await logUnansweredQuestion(h.db, { question: "你们支持以物换物吗？" });
    const again = await logUnansweredQuestion(h.db, { question: "  你们支持以物换物吗 " });
    const third = await logUnansweredQuestion(h.db, { question: "你们支持 以物换物吗！！" });
    expect(first).toMatchObject({ count: 1 });
    expect(again).toEqual({ id: first!.id, count: 2 });
    expect(third).toEqual({ id: first!.id, count: 3 });
    const row = await h.db.unansweredQuestion.findUniqueOrThrow({ where: { id: first!.id } });
    expect(row.lastAskedAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    expect(await logUnansweredQuestion(h.db, { question: "能开发票到国外吗" })).toMatchObject({ count: 1 });
    expect(await logUnansweredQuestion(h.db, { question: "？！" })).toBeNull();
    expect(await h.db.unansweredQuestion.count()).toBe(2);

    // asked again after being marked resolved: the bot still cannot answer it
    await h.db.unansweredQuestion.update({ where: { id: first!.id }, data: { status: "RESOLVED" } });
    await logUnansweredQuestion(h.db, { question: "你们支持以物换物吗" });
    expect(await h.db.unansweredQuestion.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "OPEN", count: 4 });
  });

  it("lists them for managers, most recently asked first", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    await logUnansweredQuestion(h.db, { question: "最新的问题" });
    const page = await supervisor.knowledge.listUnanswered({ limit: 2, status: "OPEN" });
    expect(page.items[0]).toMatchObject({ question: "最新的问题", count: 1 });
    const rest = await supervisor.knowledge.listUnanswered({ limit: 2, status: "OPEN", cursor: page.nextCursor });
    const all = [...page.items, ...rest.items].map((i) => i.id);
    expect(new Set(all).size).toBe(3);
    expect(await outcome(() => supervisor.knowledge.listUnanswered({ cursor: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "cursor" });
  });
});
