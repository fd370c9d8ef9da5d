/**
 * The inverted index behind knowledge search: one KbTerm row per (term, article) with the term's
 * frequency in the title and in the body, and each article's title/body term counts for BM25
 * length normalisation. Only PUBLISHED articles have term rows, so drafts and archived articles
 * are never found; their counts are kept up to date all the same.
 */
import type { Db } from "@kefu/db/client";
import { Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { countTerms, loadVocabulary, tokenize, type Vocabulary } from "./tokenizer.ts";

type Tx = Prisma.TransactionClient;

interface IndexableArticle {
  id: number;
  title: string;
  body: string;
  keywords: string | null;
  status: string;
}

export interface ArticleTerms {
  titleTermCount: number;
  bodyTermCount: number;
  terms: { term: string; titleTf: number; bodyTf: number }[];
}

/** Keywords count as body text: they help an article be found without outweighing its title. */
export function articleTerms(article: { title: string; body: string; keywords?: string | null }, vocabulary: Vocabulary): ArticleTerms {
  const title = tokenize(article.title, vocabulary);
  const body = tokenize(article.keywords ? `${article.body}\n${article.keywords.replace(/[,，;；]/g, " ")}` : article.body, vocabulary);
  const titleCounts = countTerms(title);
  const bodyCounts = countTerms(body);
  const terms = new Map<string, { term: string; titleTf: number; bodyTf: number }>();
  for (const [term, tf] of titleCounts) terms.set(term, { term, titleTf: tf, bodyTf: 0 });
  for (const [term, tf] of bodyCounts) {
    const row = terms.get(term);
    if (row) row.bodyTf = tf;
    else terms.set(term, { term, titleTf: 0, bodyTf: tf });
  }
  return { titleTermCount: title.length, bodyTermCount: body.length, terms: [...terms.values()] };
}

const INSERT_CHUNK = 1_000;

/** Rewrites the term rows and counts of `articles` (already locked or freshly read by the caller). */
async function writeIndex(tx: Tx, articles: readonly IndexableArticle[], vocabulary: Vocabulary): Promise<number> {
  if (articles.length === 0) return 0;
  const ids = articles.map((a) => a.id);
  await tx.$executeRaw`DELETE FROM KbTerm WHERE articleId IN (${Prisma.join(ids)})`;

  const counts: { id: number; title: number; body: number }[] = [];
  const rows: Prisma.Sql[] = [];
  for (const article of articles) {
    const indexed = articleTerms(article, vocabulary);
    counts.push({ id: article.id, title: indexed.titleTermCount, body: indexed.bodyTermCount });
    if (article.status !== "PUBLISHED") continue;
    for (const t of indexed.terms) rows.push(Prisma.sql`(${t.term}, ${article.id}, ${t.titleTf}, ${t.bodyTf})`);
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    // Two terms the column's collation treats as equal (rare: e.g. two emoji-range characters) share a row.
    await tx.$executeRaw`
      INSERT INTO KbTerm (term, articleId, titleTf, bodyTf) VALUES ${Prisma.join(rows.slice(i, i + INSERT_CHUNK))}
      ON DUPLICATE KEY UPDATE titleTf = titleTf + VALUES(titleTf), bodyTf = bodyTf + VALUES(bodyTf)`;
  }
  // raw SQL on purpose: re-indexing is not an edit and must not move updatedAt
  await tx.$executeRaw`
    UPDATE KbArticle
    SET titleTermCount = CASE id ${Prisma.join(
      counts.map((c) => Prisma.sql`WHEN ${c.id} THEN ${c.title}`),
      " ",
    )} END,
        bodyTermCount = CASE id ${Prisma.join(
          counts.map((c) => Prisma.sql`WHEN ${c.id} THEN ${c.body}`),
          " ",
        )} END
    WHERE id IN (${Prisma.join(ids)})`;
  invalidateCorpusStats();
  return rows.length;
}

/**
 * Re-indexes one article inside the caller's transaction (so an edit and its index commit
 * together). Locks the article row; throws NOT_FOUND when it does not exist.
 */
export async function indexArticleInTransaction(
  tx: Tx,
  articleId: number,
  vocabulary: Vocabulary,
): Promise<{ articleId: number; searchable: boolean; terms: number }> {
  const [article] = await tx.$queryRaw<IndexableArticle[]>`
    SELECT id, title, body, keywords, status FROM KbArticle WHERE id = ${articleId} FOR UPDATE`;
  if (!article) throw new AppError("NOT_FOUND", { field: "id" });
  const terms = await writeIndex(tx, [article], vocabulary);
  return { articleId, searchable: article.status === "PUBLISHED", terms };
}

/** Rewrites one article's KbTerm rows and term counts in one transaction. */
export async function indexArticle(db: Db, articleId: number) {
  const vocabulary = await loadVocabulary(db);
  return db.$transaction((tx) => indexArticleInTransaction(tx, articleId, vocabulary));
}

export interface ReindexSummary {
  articles: number;
  published: number;
  terms: number;
  ms: number;
}

/**
 * Re-indexes every article in id order, `batchSize` articles per transaction, so search keeps
 * answering (from the old rows of later batches) while it runs.
 */
export async function reindexAll(db: Db, options: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<ReindexSummary> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 200, 1_000));
  const vocabulary = await loadVocabulary(db);
  const summary = { articles: 0, published: 0, terms: 0 };
  let after = 0;
  for (;;) {
    const batch = await db.kbArticle.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, title: true, body: true, keywords: true, status: true },
    });
    if (batch.length === 0) break;
    summary.terms += await db.$transaction((tx) => writeIndex(tx, batch, vocabulary), { timeout: 60_000 });
    summary.articles += batch.length;
    summary.published += batch.filter((a) => a.status === "PUBLISHED").length;
    after = batch.at(-1)!.id;
    options.onBatch?.(summary.articles);
  }
  return { ...summary, ms: Math.round(performance.now() - started) };
}

export interface CorpusStats {
  /** published articles */
  articles: number;
  avgTitleTerms: number;
  avgBodyTerms: number;
}

const STATS_TTL_MS = 30_000;
const corpusStatsCache = new WeakMap<Db, { stats: CorpusStats; at: number; generation: number }>();
let statsGeneration = 0;

/** Forgets cached corpus statistics; indexing in this process calls it, other processes catch up within 30 s. */
export function invalidateCorpusStats(): void {
  statsGeneration++;
}

const DF_CACHE_MAX_TERMS = 50_000;
const dfCache = new WeakMap<Db, { df: Map<string, number>; at: number; generation: number }>();

/**
 * How many indexed articles hold each term (BM25's df; 0 for a term the index does not have), cached like the
 * corpus statistics: indexing in this process forgets it, other processes catch up within 30 s. Only the terms not
 * cached yet are looked up, in one statement.
 */
export async function documentFrequencies(db: Db, terms: readonly string[], reader: Db | Tx = db): Promise<Map<string, number>> {
  let cached = dfCache.get(db);
  if (!cached || cached.generation !== statsGeneration || Date.now() - cached.at >= STATS_TTL_MS || cached.df.size > DF_CACHE_MAX_TERMS) {
    cached = { df: new Map(), at: Date.now(), generation: statsGeneration };
    dfCache.set(db, cached);
  }
  const entry = cached;
  const missing = terms.filter((term) => !entry.df.has(term));
  let found = new Map<string, number>();
  if (missing.length > 0) {
    const rows = await reader.$queryRaw<{ term: string; df: bigint | number }[]>`
      SELECT term, COUNT(*) AS df FROM KbTerm WHERE term IN (${Prisma.join(missing)}) GROUP BY term`;
    found = new Map(rows.map((r) => [r.term, Number(r.df)]));
    // not kept when the index changed meanwhile
    if (entry.generation === statsGeneration) for (const term of missing) entry.df.set(term, found.get(term) ?? 0);
  }
  return new Map(terms.map((term) => [term, found.get(term) ?? entry.df.get(term) ?? 0]));
}

/**
 * N and the average title/body lengths of the published corpus (BM25), cached for 30 s. Inside a transaction
 * (`reader` is it), a stale value is used while a refill runs on the client's own connections, so the transaction
 * never waits on a second connection; with nothing cached it reads through the transaction.
 */
export async function corpusStats(db: Db, reader: Db | Tx = db): Promise<CorpusStats> {
  const cached = corpusStatsCache.get(db);
  if (cached && cached.generation === statsGeneration && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  if (cached && reader !== db) {
    readCorpusStats(db, db).catch(() => undefined);
    return cached.stats;
  }
  return readCorpusStats(db, reader);
}

async function readCorpusStats(db: Db, reader: Db | Tx): Promise<CorpusStats> {
  const generation = statsGeneration;
  const [row] = await reader.$queryRaw<{ articles: bigint | number; avgTitle: unknown; avgBody: unknown }[]>`
    SELECT COUNT(*) AS articles, AVG(titleTermCount) AS avgTitle, AVG(bodyTermCount) AS avgBody
    FROM KbArticle WHERE status = 'PUBLISHED'`;
  const stats = { articles: Number(row?.articles ?? 0), avgTitleTerms: Number(row?.avgTitle ?? 0), avgBodyTerms: Number(row?.avgBody ?? 0) };
  corpusStatsCache.set(db, { stats, at: Date.now(), generation });
  return stats;
}
