import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { buildVocabulary, invalidateVocabulary, loadVocabulary, MAX_TERM_LENGTH, tokenize } from "./tokenizer.ts";

const vocabulary = buildVocabulary(
  ["的", "了", "请问"],
  [
    ["退钱", "退款"],
    ["快递", "物流"],
    ["坏了", "故障"],
    ["登不上", "登录"],
    ["专票", "增值税专用发票"],
    ["口令", "密码"],
  ],
);

describe("tokenize", () => {
  it("segments Chinese in search mode: the word, its dictionary sub-words and its characters", () => {
    const terms = tokenize("增值税专用发票开具说明", vocabulary);
    expect(terms).toEqual(expect.arrayContaining(["增值税", "专用发票", "发票", "开具", "说明"]));
    expect(terms).toEqual(expect.arrayContaining(["票", "税"]));
    expect(tokenize("维修进度查询")).toEqual(expect.arrayContaining(["维修", "进度", "查询", "修"]));
  });

  it("lower-cases Latin, folds full-width characters and drops punctuation and whitespace", () => {
    const terms = tokenize("APP 和 Wi-Fi，ＡＰＰ！！  \n 5ATM…", vocabulary);
    expect(terms).toEqual(expect.arrayContaining(["app", "wi", "fi", "5atm"]));
    expect(terms.filter((t) => t === "app")).toHaveLength(2);
    for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    expect(tokenize("，。！？…  \n\t", vocabulary)).toEqual([]);
    expect(tokenize("", vocabulary)).toEqual([]);
  });

  it("drops the vocabulary's stop words and the built-in question words", () => {
    const terms = tokenize("请问我的退款进度怎么样了吗", vocabulary);
    expect(terms).toEqual(expect.arrayContaining(["退款", "进度"]));
    for (const stop of ["请问", "我", "的", "怎么样", "了", "吗"]) expect(terms).not.toContain(stop);
  });

  it("maps synonyms to their canonical term, also across words and inside a guessed word", () => {
    expect(tokenize("退钱多久到账", vocabulary)).toContain("退款");
    expect(tokenize("退钱多久到账", vocabulary)).not.toContain("退钱");
    const parcel = tokenize("快递到哪了", vocabulary);
    expect(parcel).toContain("物流");
    expect(parcel).not.toContain("快递");
    // 坏 + 了 and 登 + 不 + 上 are separate words for jieba
    expect(tokenize("手表坏了", vocabulary)).toContain("故障");
    expect(tokenize("账号登不上", vocabulary)).toContain("登录");
    expect(tokenize("开专票", vocabulary)).toContain("增值税专用发票");
    // a multi-word canonical is matched as a phrase in article text too
    expect(tokenize("增值税专用发票", vocabulary)).toContain("增值税专用发票");
    // without the vocabulary nothing is mapped
    expect(tokenize("退钱", undefined)).toContain("退钱");
  });

  it("caps terms at the column length", () => {
    const terms = tokenize("x".repeat(100), vocabulary);
    expect(terms).toEqual(["x".repeat(MAX_TERM_LENGTH)]);
  });

  it("gives a question and the article that answers it shared terms", () => {
    const article = new Set(tokenize("忘记密码怎么办", vocabulary));
    const question = tokenize("口令忘了", vocabulary);
    expect(question.filter((t) => article.has(t))).toEqual(expect.arrayContaining(["密码", "忘"]));
  });
});

describe("vocabulary from the database", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.database.drop();
  });

  it("loads stop words and synonyms, caches them and reloads after invalidation", async () => {
    await h.db.kbStopWord.createMany({ data: [{ word: "亲" }] });
    await h.db.kbSynonym.createMany({ data: [{ term: "退钱", canonical: "退款" }] });
    const first = await loadVocabulary(h.db);
    expect(tokenize("亲，退钱", first)).toEqual(["退款", "退", "款"]);

    await h.db.kbSynonym.create({ data: { term: "返现", canonical: "退款" } });
    expect(await loadVocabulary(h.db)).toBe(first);
    invalidateVocabulary(h.db);
    const second = await loadVocabulary(h.db);
    expect(second).not.toBe(first);
    expect(tokenize("返现", second)).toContain("退款");
  });
});
