/**
 * How much each article is used: views, the bot's answers quoting it and agents inserting it into a reply. Uses are
 * added up in the process and written every FLUSH_INTERVAL_MS in one statement for all the articles touched, so
 * neither a customer message nor an agent's click pays a write (docs/performance.md: the ingest budget). A flush
 * that fails puts its counts back for the next one (docs/decisions.md, "Knowledge usage counters").
 */
import { Prisma, type Db } from "@kefu/db/client";
import type { KbRecordUseInput } from "../../contracts/knowledge.ts";
import { AppError } from "../../errors.ts";
import { logger } from "../../logger.ts";

export const ARTICLE_USES = ["view", "botAnswer", "agentInsert"] as const;
export type ArticleUse = (typeof ARTICLE_USES)[number];

export const FLUSH_INTERVAL_MS = 5_000;
let flushIntervalMs = FLUSH_INTERVAL_MS;

/** Tests change the interval to watch a flush happen, or to keep one from happening mid-test. */
export function setUsageFlushInterval(ms: number): void {
  flushIntervalMs = ms;
}

type Counts = Record<ArticleUse, number>;

class UsageBatch {
  private pending = new Map<number, Counts>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  add(articleId: number, use: ArticleUse, n = 1) {
    const counts = this.pending.get(articleId) ?? { view: 0, botAnswer: 0, agentInsert: 0 };
    counts[use] += n;
    this.pending.set(articleId, counts);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, flushIntervalMs).unref();
  }

  get size() {
    return this.pending.size;
  }

  /** Writes what has been counted; on failure the counts go back and the error is thrown (the timer logs it). */
  async flush(): Promise<void> {
    // one flush at a time, so a retry never races the write it retries
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = writeCounts(this.db, batch);
    try {
      await this.flushing;
    } catch (error) {
      for (const [articleId, counts] of batch) for (const use of ARTICLE_USES) if (counts[use]) this.add(articleId, use, counts[use]);
      logger.warn({ err: error, articles: batch.size }, "knowledge usage counters not written; kept for the next flush");
      throw error;
    } finally {
      this.flushing = null;
    }
  }
}

/** One UPDATE for every article in the batch (an article deleted meanwhile simply matches nothing). */
async function writeCounts(db: Db, batch: Map<number, Counts>): Promise<void> {
  const rows = [...batch].map(
    ([articleId, c]) => Prisma.sql`SELECT ${articleId} AS id, ${c.view} AS views, ${c.botAnswer} AS botAnswers, ${c.agentInsert} AS agentInserts`,
  );
  await db.$executeRaw`
    UPDATE \`KbArticle\` a JOIN (${Prisma.join(rows, " UNION ALL ")}) d ON d.id = a.id
    SET a.viewCount = a.viewCount + d.views, a.botAnswerCount = a.botAnswerCount + d.botAnswers,
      a.agentInsertCount = a.agentInsertCount + d.agentInserts`;
}

const batches = new WeakMap<Db, UsageBatch>();

function batchFor(db: Db): UsageBatch {
  let batch = batches.get(db);
  if (!batch) {
    batch = new UsageBatch(db);
    batches.set(db, batch);
  }
  return batch;
}

/** Counts one use of an article; written with the next flush. */
export function countArticleUse(db: Db, articleId: number, use: ArticleUse): void {
  batchFor(db).add(articleId, use);
}

/** Writes the uses counted so far now (tests, and a process about to stop). */
export function flushArticleUsage(db: Db): Promise<void> {
  return batchFor(db).flush();
}

/** Uses counted and not yet written. */
export function pendingArticleUsage(db: Db): number {
  return batchFor(db).size;
}

/** An agent read an article in full or inserted it into a reply (the workspace's knowledge panel). */
export async function recordArticleUse(db: Db, input: KbRecordUseInput): Promise<{ articleId: number }> {
  const article = await db.kbArticle.findUnique({ where: { id: input.articleId }, select: { id: true, status: true } });
  if (!article || article.status !== "PUBLISHED") throw new AppError("NOT_FOUND", { field: "articleId" });
  countArticleUse(db, article.id, input.use === "view" ? "view" : "agentInsert");
  return { articleId: article.id };
}
