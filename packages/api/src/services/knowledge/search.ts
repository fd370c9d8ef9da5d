/**
 * Knowledge search: BM25F over title and body, scored in SQL over the query terms'
 * KbTerm rows so the work grows with the matching rows, not with the corpus.
 *
 * Scoring (per article d, over the distinct query terms t):
 *
 *   tf'(t,d)  = wTitle · titleTf / Bt(d) + wBody · bodyTf / Bb(d)
 *   Bt(d)     = 1 − b + b · titleTermCount(d) / avgTitleTermCount      (Bb likewise for the body)
 *   idf(t)    = ln(1 + (N − df + 0.5) / (df + 0.5))                     (Lucene's, never negative)
 *   score(d)  = Σ idf(t) · tf'·(k1 + 1) / (tf' + k1)
 *
 * with k1 = 1.2, b = 0.75, wTitle = 3, wBody = 1; N and df count published articles. Field weights
 * are applied before saturation (BM25F), so a term in the title and the body saturates once instead
 * of being counted twice, and a title hit weighs like three body hits. (wTitle = 3 was set before
 * measuring; 2 and 5 measure within ±0.01 MRR on the evaluation set, so it is not a tuned value.)
 *
 * Confidence ∈ [0, 1] is the score divided by the score of an ideal article for this query: one of
 * average length that has every query term once in its title and once in its body (capped at 1).
 * Query terms the corpus has never seen count in that ideal score at full idf, so a question about
 * something the knowledge base does not cover gets a low confidence even if one word matches.
 */
import type { Db } from "@kefu/db/client";
import { Prisma } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { categoryWithDescendants } from "./categories.ts";
import { corpusStats, documentFrequencies } from "./indexer.ts";
import { loadVocabulary, tokenize, type Vocabulary } from "./tokenizer.ts";

export const BM25 = { k1: 1.2, b: 0.75, titleWeight: 3, bodyWeight: 1 } as const;

/**
 * The confidence above which the bot may answer with the top article, chosen on the evaluation set
 * (evaluation.ts, demo seed): at 0.35, 48 % of the questions get the right article, 11 % a wrong
 * one (the rest hand off), and 1 of 12 out-of-scope questions is answered; at 0.30: 52 / 17 / 8 %,
 * at 0.40: 41 / 8 / 0 %. The bot's configured threshold should default to this.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.35;

export const MAX_SEARCH_LIMIT = 50;
/** a long customer message is searched by its first terms */
export const MAX_QUERY_TERMS = 32;
const SNIPPET_LENGTH = 120;

export interface SearchOptions {
  limit?: number;
  /** only articles in this category or its sub-categories */
  categoryId?: number;
  /** the opening of each hit's body too (the bot quotes it), up to BODY_PREVIEW_LENGTH characters */
  withBody?: boolean;
  /** where the index is read: the caller's transaction, when it has one (caches stay keyed on `db`) */
  reader?: Db | Tx;
}

/** Characters of a body read for snippets and the bot's answer. */
export const BODY_PREVIEW_LENGTH = 4_000;

export interface SearchHit {
  articleId: number;
  title: string;
  categoryId: number | null;
  snippet: string;
  score: number;
  confidence: number;
  /** with `withBody`: the body's first BODY_PREVIEW_LENGTH characters */
  body?: string;
}

export interface SearchResult {
  /** the distinct terms the query was searched by, after stop words and synonyms */
  terms: string[];
  results: SearchHit[];
  /** confidence of the best result, 0 when nothing matched */
  confidence: number;
}

function idf(articles: number, df: number): number {
  const n = Math.max(articles, df);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function saturate(tf: number): number {
  return (tf * (BM25.k1 + 1)) / (tf + BM25.k1);
}

/** The score of an average-length article with every term once in its title and once in its body. */
function idealScore(idfs: readonly number[]): number {
  return idfs.reduce((sum, weight) => sum + weight * saturate(BM25.titleWeight + BM25.bodyWeight), 0);
}

interface TermWeight {
  term: string;
  idf: number;
}

interface ScoringContext {
  avgTitle: number;
  avgBody: number;
  categoryIds: number[] | null;
}

interface ScoredRow {
  articleId: number;
  score: number;
  title: string;
  categoryId: number | null;
  /** the first BODY_PREVIEW_LENGTH characters */
  body: string;
}

/** Σ over `terms` of idf · BM25F saturation, per published article, best first, with the articles' texts. */
async function scoreArticles(db: Db | Tx, terms: readonly TermWeight[], context: ScoringContext, limit: number): Promise<ScoredRow[]> {
  const { k1, b, titleWeight, bodyWeight } = BM25;
  const idfCase = Prisma.join(
    terms.map((w) => Prisma.sql`WHEN ${w.term} THEN ${w.idf}`),
    " ",
  );
  // STRAIGHT_JOIN: walk the query terms' postings, then look articles up by id; left to itself the
  // optimizer may scan every published article and probe KbTerm by articleId, ~5× slower.
  // The outer join fetches the texts of the `limit` best only, in the same statement.
  const rows = await db.$queryRaw<{ articleId: number; score: number; title: string; categoryId: number | null; body: string }[]>`
    SELECT r.articleId, r.score, d.title, d.categoryId, LEFT(d.body, ${BODY_PREVIEW_LENGTH}) AS body
    FROM (
      SELECT s.articleId, SUM(s.idf * s.tf * ${k1 + 1} / (s.tf + ${k1})) AS score
      FROM (
        SELECT t.articleId,
               CASE t.term ${idfCase} ELSE 0 END AS idf,
               ${titleWeight} * t.titleTf / (${1 - b} + ${b} * a.titleTermCount / ${context.avgTitle})
                 + ${bodyWeight} * t.bodyTf / (${1 - b} + ${b} * a.bodyTermCount / ${context.avgBody}) AS tf
        FROM KbTerm t
        STRAIGHT_JOIN KbArticle a ON a.id = t.articleId
        WHERE t.term IN (${Prisma.join(terms.map((w) => w.term))})
          AND a.status = 'PUBLISHED'
          ${context.categoryIds ? Prisma.sql`AND a.categoryId IN (${Prisma.join(context.categoryIds)})` : Prisma.empty}
      ) s
      GROUP BY s.articleId
      ORDER BY score DESC, s.articleId ASC
      LIMIT ${limit}
    ) r
    JOIN KbArticle d ON d.id = r.articleId
    ORDER BY r.score DESC, r.articleId ASC`;
  return rows.map((r) => ({
    articleId: Number(r.articleId),
    score: Number(r.score),
    title: r.title,
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    body: r.body,
  }));
}

export function queryTerms(query: string, vocabulary: Vocabulary): string[] {
  return [...new Set(tokenize(query, vocabulary))].slice(0, MAX_QUERY_TERMS);
}

/** Loads what every search reads from cache, so a search inside a transaction needs no second connection. */
export async function warmSearchCaches(db: Db): Promise<void> {
  await Promise.all([loadVocabulary(db), corpusStats(db)]);
}

export async function searchKnowledge(db: Db, query: string, options: SearchOptions = {}): Promise<SearchResult> {
  if (!query.trim()) throw new AppError("INVALID_INPUT", { field: "query" });
  const limit = Math.max(1, Math.min(Math.trunc(options.limit ?? 10), MAX_SEARCH_LIMIT));
  const categoryIds = options.categoryId !== undefined ? await categoryWithDescendants(db, options.categoryId) : null;
  // inside a transaction (`reader`), a cache refill reads through it too: a second connection could wait on a
  // pool that transactions like this one have exhausted
  const reader = options.reader ?? db;
  const vocabulary = await loadVocabulary(db, reader);
  const terms = queryTerms(query, vocabulary);
  const empty: SearchResult = { terms, results: [], confidence: 0 };
  if (terms.length === 0) return empty;

  const stats = await corpusStats(db, reader);
  if (stats.articles === 0) return empty;

  const dfByTerm = await documentFrequencies(db, terms, reader);
  const weights = terms.map((term) => ({ term, idf: idf(stats.articles, dfByTerm.get(term) ?? 0) }));
  const matched = weights.filter((w) => (dfByTerm.get(w.term) ?? 0) > 0);
  if (matched.length === 0) return empty;

  const context: ScoringContext = { avgTitle: Math.max(stats.avgTitleTerms, 1), avgBody: Math.max(stats.avgBodyTerms, 1), categoryIds };
  const rows = await scoreArticles(reader, matched, context, limit);
  if (rows.length === 0) return empty;

  const ideal = idealScore(weights.map((w) => w.idf));
  const idfByTerm = new Map(weights.map((w) => [w.term, w.idf]));
  const results: SearchHit[] = rows.map((row) => ({
    articleId: row.articleId,
    title: row.title,
    categoryId: row.categoryId,
    snippet: snippetOf(row.body, idfByTerm, vocabulary),
    score: Math.round(row.score * 1e4) / 1e4,
    confidence: Math.round(Math.min(1, row.score / ideal) * 1e4) / 1e4,
    ...(options.withBody ? { body: row.body } : {}),
  }));
  return { terms, results, confidence: results[0]?.confidence ?? 0 };
}

/**
 * The passage of the body that carries the most query weight; the opening passage (the article's
 * summary, which is what the bot quotes) wins ties and gets a 1.5× head start.
 */
export function snippetOf(body: string, idfByTerm: ReadonlyMap<string, number>, vocabulary: Vocabulary): string {
  const passages = body
    .split(/\n+|(?<=[。！？!?])/u)
    .map((p) => p.replace(/^\s*(?:\d+[.、)]|[-•*])\s*/u, "").trim())
    .filter(Boolean);
  let best = passages[0] ?? "";
  let bestWeight = 0;
  passages.forEach((passage, index) => {
    let weight = 0;
    for (const term of new Set(tokenize(passage, vocabulary))) weight += idfByTerm.get(term) ?? 0;
    if (index === 0) weight *= 1.5;
    if (weight > bestWeight) {
      best = passage;
      bestWeight = weight;
    }
  });
  const chars = Array.from(best);
  return chars.length > SNIPPET_LENGTH ? `${chars.slice(0, SNIPPET_LENGTH - 1).join("")}…` : best;
}
