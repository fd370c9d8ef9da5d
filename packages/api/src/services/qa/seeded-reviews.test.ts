/** The demo seed's quality reviews, scored again by the service's definition: the seed writes what the service would. */
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScores, criteriaOf, totalOf } from "./scoring.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("kefu_seed_qa");
  await seedDemo(database.url, { conversations: 2_000, customers: 200, articles: 10, now: new Date("2026-11-20T06:00:00Z") });
}, 180_000);

afterAll(async () => {
  await database?.drop();
});

describe("seeded quality reviews", () => {
  it("hold the scores and totals the review service computes", async () => {
    const db = database.db;
    const reviews = await db.qaReview.findMany({
      select: { id: true, scorecardId: true, total: true, status: true, scores: { select: { criterionId: true, score: true } } },
    });
    expect(reviews.length).toBeGreaterThan(10);
    const criteria = await criteriaOf(db, reviews[0]!.scorecardId);
    let notApplicable = 0;
    for (const review of reviews) {
      expect(review.status).not.toBe("DRAFT");
      // every criterion scored within its scale, N/A only where allowed: a submission the service accepts
      const scores = checkScores(criteria, review.scores, { complete: true });
      expect(review.total, `review ${review.id}`).toBeCloseTo(totalOf(criteria, scores)!, 9);
      notApplicable += review.scores.filter((s) => s.score === null).length;
    }
    expect(notApplicable).toBeGreaterThan(0);
  });
});
