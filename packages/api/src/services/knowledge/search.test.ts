import type { KbArticleStatus } from "@kefu/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { articleTerms, indexArticle, reindexAll } from "./indexer.ts";
import { searchKnowledge } from "./search.ts";
import { invalidateVocabulary, loadVocabulary, tokenize } from "./tokenizer.ts";

let h: Harness;
let parentId: number;
let childId: number;
let otherId: number;

beforeAll(async () => {
  h = await createHarness();
  await h.db.kbStopWord.createMany({ data: [{ word: "您" }] });
  await h.db.kbSynonym.createMany({ data: [{ term: "退钱", canonical: "退款" }] });
  invalidateVocabulary(h.db);
  parentId = (await h.db.kbCategory.create({ data: { name: "售后服务" } })).id;
  childId = (await h.db.kbCategory.create({ data: { name: "退款退货", parentId } })).id;
  otherId = (await h.db.kbCategory.create({ data: { name: "账户安全" } })).id;
  // a background corpus: every article mentions 订单, so 订单 is a common, low-weight term
  const filler = ["账户登录与密码设置", "会员等级规则", "优惠券领取说明", "发票抬头修改", "门店营业时间", "积分兑换礼品", "智能手表佩戴说明", "蓝牙耳机配对"];
  for (const title of filler) await addArticle(title, `${title}的详细说明。订单页面可以查看更多信息，订单完成后生效。`, { categoryId: otherId });
});

afterAll(async () => {
  await h.database.drop();
});

async function addArticle(title: string, body: string, options: { status?: KbArticleStatus; categoryId?: number } = {}) {
  const article = await h.db.kbArticle.create({ data: { title, body, status: options.status ?? "PUBLISHED", categoryId: options.categoryId ?? null } });
  await indexArticle(h.db, article.id);
  return article.id;
}

describe("indexer", () => {
  it("writes one row per term with title and body frequencies, and the term counts", async () => {
    const id = await addArticle("退款多久到账", "退款会原路返回。退款到账时间：微信当天，银行卡1–3个工作日。");
    const vocabulary = await loadVocabulary(h.db);
    const rows = await h.db.kbTerm.findMany({ where: { articleId: id } });
    const byTerm = new Map(rows.map((r) => [r.term, r]));
    expect(byTerm.get("退款")).toMatchObject({ titleTf: 1, bodyTf: 2 });
    expect(byTerm.get("银行卡")).toMatchObject({ titleTf: 0, bodyTf: 1 });
    expect(byTerm.has("，")).toBe(false);
    const article = await h.db.kbArticle.findUniqueOrThrow({ where: { id } });
    expect(article.titleTermCount).toBe(tokenize(article.title, vocabulary).length);
    expect(article.bodyTermCount).toBe(tokenize(article.body, vocabulary).length);
    expect(rows).toHaveLength(articleTerms(article, vocabulary).terms.length);
  });

  it("replaces an article's terms when it is re-indexed", async () => {
    const id = await addArticle("旧标题说明", "旧的正文内容");
    await h.db.kbArticle.update({ where: { id }, data: { title: "新标题说明", body: "全新的正文" } });
    await indexArticle(h.db, id);
    const terms = (await h.db.kbTerm.findMany({ where: { articleId: id } })).map((r) => r.term);
    expect(terms).toContain("全新");
    expect(terms).not.toContain("旧");
  });

  it("keeps drafts and archived articles out of the index", async () => {
    const id = await addArticle("独角兽礼盒预约", "独角兽礼盒限量发售", { status: "DRAFT" });
    expect(await h.db.kbTerm.count({ where: { articleId: id } })).toBe(0);
    expect((await h.db.kbArticle.findUniqueOrThrow({ where: { id } })).titleTermCount).toBeGreaterThan(0);
    expect((await searchKnowledge(h.db, "独角兽")).results).toEqual([]);

    await h.db.kbArticle.update({ where: { id }, data: { status: "PUBLISHED" } });
    await indexArticle(h.db, id);
    expect((await searchKnowledge(h.db, "独角兽")).results.map((r) => r.articleId)).toEqual([id]);

    await h.db.kbArticle.update({ where: { id }, data: { status: "ARCHIVED" } });
    await indexArticle(h.db, id);
    expect(await h.db.kbTerm.count({ where: { articleId: id } })).toBe(0);
    expect((await searchKnowledge(h.db, "独角兽")).results).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown article", async () => {
    await expect(indexArticle(h.db, 987_654)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reindexAll rebuilds the same index in batches", async () => {
    const before = await h.db.kbTerm.findMany({ orderBy: [{ articleId: "asc" }, { term: "asc" }] });
    await h.db.kbTerm.deleteMany({});
    const summary = await reindexAll(h.db, { batchSize: 3 });
    expect(summary.articles).toBe(await h.db.kbArticle.count());
    expect(summary.published).toBe(await h.db.kbArticle.count({ where: { status: "PUBLISHED" } }));
    expect(summary.terms).toBe(before.length);
    expect(await h.db.kbTerm.findMany({ orderBy: [{ articleId: "asc" }, { term: "asc" }] })).toEqual(before);
  });
});

describe("BM25 ranking", () => {
  it("ranks a title match above a body-only match", async () => {
    const inBody = await addArticle("售后常见问题汇总", "这里汇总了常见问题，其中包括以旧换新活动的参与方式和时间安排。");
    const inTitle = await addArticle("以旧换新活动说明", "参与活动需要先提交旧机信息，审核通过后寄出旧机，验机完成后发放补贴。");
    const { results } = await searchKnowledge(h.db, "以旧换新");
    const ids = results.map((r) => r.articleId);
    expect(ids.indexOf(inTitle)).toBe(0);
    expect(ids).toContain(inBody);
    expect(results[0]!.score).toBeGreaterThan(results[ids.indexOf(inBody)]!.score);
  });

  it("weighs rare terms more than common ones", async () => {
    // both appear once in a body of the same length; 订单 is in every article, 轮椅 in one
    const common = await addArticle("甲类说明", "订单订单订单相关的处理规则");
    const rare = await addArticle("乙类说明", "轮椅租借相关的处理规则说明");
    const { results } = await searchKnowledge(h.db, "订单 轮椅");
    const ids = results.map((r) => r.articleId);
    expect(ids.indexOf(rare)).toBeLessThan(ids.indexOf(common));
    expect(ids.indexOf(common)).toBeGreaterThan(-1);
  });

  it("applies synonyms to the query, returns its terms, a snippet and a confidence in [0, 1]", async () => {
    const id = await addArticle("押金退款规则", "租借结束后押金原路退款，一般3个工作日内到账。\n\n温馨提示：请保留租借凭证。");
    const result = await searchKnowledge(h.db, "请问押金退钱要多久啊？");
    expect(result.terms).toContain("退款");
    expect(result.terms).not.toContain("退钱");
    expect(result.results[0]).toMatchObject({ articleId: id, title: "押金退款规则" });
    expect(result.results[0]!.snippet).toBe("租借结束后押金原路退款，一般3个工作日内到账。");
    for (const hit of result.results) {
      expect(hit.confidence).toBeGreaterThan(0);
      expect(hit.confidence).toBeLessThanOrEqual(1);
    }
    const scores = result.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.confidence).toBe(result.results[0]!.confidence);
    // a question the knowledge base knows nothing about scores (much) lower
    const unrelated = await searchKnowledge(h.db, "火星探测器发射日期");
    expect(unrelated.confidence).toBeLessThan(result.confidence / 2);
  });

  it("filters by category, including sub-categories", async () => {
    const inChild = await addArticle("保价服务退款规则", "保价服务退款规则说明", { categoryId: childId });
    const elsewhere = await addArticle("保价服务开通方法", "保价服务开通方法说明", { categoryId: otherId });
    const underParent = (await searchKnowledge(h.db, "保价服务", { categoryId: parentId })).results.map((r) => r.articleId);
    expect(underParent).toContain(inChild);
    expect(underParent).not.toContain(elsewhere);
    await expect(searchKnowledge(h.db, "保价服务", { categoryId: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", field: "categoryId" });
  });

  it("handles queries that are only stop words or very long, and refuses an empty one", async () => {
    expect(await searchKnowledge(h.db, "您的？！")).toEqual({ terms: [], results: [], confidence: 0 });
    const long = await searchKnowledge(h.db, "以旧换新".repeat(1_250), { limit: 3 });
    expect(long.results.length).toBeGreaterThan(0);
    expect(long.terms.length).toBeLessThanOrEqual(32);
    const empty = await searchKnowledge(h.db, "  ").catch((error: unknown) => error);
    expect(empty).toBeInstanceOf(AppError);
    expect(empty).toMatchObject({ code: "INVALID_INPUT", field: "query" });
  });
});
