/** The quality score arithmetic against cases worked out by hand (docs/architecture.md, "Quality reviews"). */
import { describe, expect, it } from "vitest";
import { criterionShare, internalQualityScore, reviewScore, type CriterionScale } from "./quality.ts";

const five = (weight: number, critical = false): CriterionScale => ({ minScore: 1, maxScore: 5, weight, critical });
const ten = (weight: number): CriterionScale => ({ minScore: 0, maxScore: 10, weight, critical: false });
const passFail = (weight: number, critical = false): CriterionScale => ({ minScore: 0, maxScore: 1, weight, critical });

describe("criterionShare", () => {
  it("places the given score on the criterion's scale, 0–100", () => {
    expect(criterionShare(five(1), 1)).toBe(0);
    expect(criterionShare(five(1), 3)).toBe(50);
    expect(criterionShare(five(1), 5)).toBe(100);
    expect(criterionShare({ minScore: 1, maxScore: 3 }, 2)).toBe(50);
    expect(criterionShare({ minScore: 1, maxScore: 4 }, 2)).toBeCloseTo(100 / 3, 12);
    expect(criterionShare(passFail(1), 0)).toBe(0);
    expect(criterionShare(passFail(1), 1)).toBe(100);
  });
});

describe("reviewScore", () => {
  it("weighs each criterion's share by its weight", () => {
    // 4 on 1–5 = 75 %, weight 2; 6 on 0–10 = 60 %, weight 3; pass = 100 %, weight 5
    // (75×2 + 60×3 + 100×5) ÷ 10 = (150 + 180 + 500) ÷ 10 = 83
    expect(
      reviewScore([
        { criterion: five(2), score: 4 },
        { criterion: ten(3), score: 6 },
        { criterion: passFail(5), score: 1 },
      ]),
    ).toBeCloseTo(83, 12);
  });

  it("leaves N/A criteria out of both sums", () => {
    // 3 on 1–5 = 50 % (w 1), N/A (w 9), 10 on 0–10 = 100 % (w 1): (50 + 100) ÷ 2 = 75, not (50 + 0 + 100) ÷ 11
    expect(
      reviewScore([
        { criterion: five(1), score: 3 },
        { criterion: ten(9), score: null },
        { criterion: ten(1), score: 10 },
      ]),
    ).toBe(75);
  });

  it("is 0 when a critical criterion is under 50 %, whatever the others", () => {
    expect(
      reviewScore([
        { criterion: ten(10), score: 10 },
        { criterion: five(1, true), score: 2 }, // 25 %
      ]),
    ).toBe(0);
    expect(
      reviewScore([
        { criterion: ten(10), score: 10 },
        { criterion: passFail(1, true), score: 0 },
      ]),
    ).toBe(0);
  });

  it("counts a critical criterion at exactly 50 % like any other", () => {
    // 3 on 1–5 = 50 % critical (w 1), 10 on 0–10 = 100 % (w 1): 75
    expect(
      reviewScore([
        { criterion: five(1, true), score: 3 },
        { criterion: ten(1), score: 10 },
      ]),
    ).toBe(75);
  });

  it("ignores a critical criterion marked N/A", () => {
    expect(
      reviewScore([
        { criterion: five(1, true), score: null },
        { criterion: ten(1), score: 7 },
      ]),
    ).toBe(70);
  });

  it("has no score when every criterion is N/A", () => {
    expect(reviewScore([{ criterion: five(1), score: null }])).toBeNull();
    expect(reviewScore([])).toBeNull();
  });

  it("scores the seed's scorecard as worked out by hand", () => {
    // 服务态度 8/10 (w20) 80; 问题解决 9/10 (w30) 90; 响应及时 4/5 (w15) 80; 业务准确 N/A; 服务规范 5/5 (w15) 100; 红线 1/1 (w10) 100
    // (1600 + 2700 + 1200 + 1500 + 1000) ÷ 90 = 8000 ÷ 90 = 88.888…
    const total = reviewScore([
      { criterion: ten(20), score: 8 },
      { criterion: ten(30), score: 9 },
      { criterion: { minScore: 0, maxScore: 5, weight: 15, critical: false }, score: 4 },
      { criterion: { minScore: 0, maxScore: 5, weight: 20, critical: false }, score: null },
      { criterion: { minScore: 0, maxScore: 5, weight: 15, critical: false }, score: 5 },
      { criterion: passFail(10, true), score: 1 },
    ]);
    expect(total).toBeCloseTo(8000 / 90, 12);
  });
});

describe("internalQualityScore", () => {
  it("is the mean of the review scores, or null without any", () => {
    expect(internalQualityScore([80, 90, 0])).toBeCloseTo(170 / 3, 12);
    expect(internalQualityScore([])).toBeNull();
  });
});
