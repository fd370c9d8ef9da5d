/**
 * Knowledge search quality and latency: seeds the demo knowledge base into a
 * throwaway database, builds the index, runs the held-out questions and writes the figures to
 * bench/results/knowledge-search.json.
 *
 *   pnpm bench:knowledge
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase } from "@kefu/db/test-database";
import { evaluateSearch } from "../packages/api/src/services/knowledge/evaluation.ts";
import { KNOWLEDGE_EVALUATION_SET, OUT_OF_SCOPE_QUESTIONS } from "../packages/api/src/services/knowledge/evaluation-set.ts";
import { reindexAll } from "../packages/api/src/services/knowledge/indexer.ts";
import { BM25 } from "../packages/api/src/services/knowledge/search.ts";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "results", "knowledge-search.json");

const database = await createTestDatabase("kefu_bench");
try {
  await seedDemo(database.url, { conversations: 50, customers: 20 });
  const index = await reindexAll(database.db);
  const { misses, ...report } = await evaluateSearch(database.db, KNOWLEDGE_EVALUATION_SET, { outOfScope: OUT_OF_SCOPE_QUESTIONS });
  const figures = {
    measuredAt: new Date().toISOString(),
    ranking: { ...BM25 },
    index: { articles: index.articles, published: index.published, termRows: index.terms, reindexMs: index.ms },
    ...report,
    outOfScopeQuestions: OUT_OF_SCOPE_QUESTIONS.length,
    missesAtRank1: misses,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  console.info(`questions ${report.questions}: hit@1 ${report.hitAt1}, hit@3 ${report.hitAt3}, MRR ${report.mrr}`);
  console.info(`latency p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms (max ${report.latencyMs.max} ms)`);
  console.info(
    `threshold ${report.threshold.value}: right answers ${report.threshold.correctAnswerRate}, wrong answers ${report.threshold.wrongAnswerRate}, out-of-scope answered ${report.threshold.outOfScopeAnswerRate}`,
  );
  console.info(`re-index of ${index.articles} articles: ${index.ms} ms; figures written to ${RESULTS}`);
} finally {
  await database.drop();
}
