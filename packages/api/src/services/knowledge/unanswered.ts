/**
 * Questions the bot could not answer, grouped by a normalised form of the text so the
 * knowledge team sees "退款多久到账？" and "退款多久到账" as one question asked twice.
 */
import type { Db, Prisma, UnansweredStatus } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { keysetPage } from "../pagination.ts";

/** UnansweredQuestion.normalized is VARCHAR(191) (a unique index), question VARCHAR(1000). */
const NORMALIZED_LENGTH = 191;
const QUESTION_LENGTH = 1_000;

function truncate(text: string, length: number): string {
  const chars = Array.from(text);
  return chars.length > length ? chars.slice(0, length).join("") : text;
}

/**
 * Trimmed, NFKC, lower-cased, punctuation and symbols removed, whitespace collapsed (and dropped
 * next to Chinese characters, where it carries no meaning), at most 191 characters.
 */
export function normalizeQuestion(question: string): string {
  const text = question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{C}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, "")
    .trim();
  return truncate(text, NORMALIZED_LENGTH).trim();
}

export interface LogUnansweredInput {
  question: string;
  conversationId?: number | null;
  /** the bot's best guess, when it had one below the threshold */
  articleId?: number | null;
}

/**
 * Records one more ask of `question`: a new row, or count + 1 and lastAskedAt = now on the row of
 * the same normalised question. A question marked RESOLVED that is asked again (the bot still
 * cannot answer it) goes back to OPEN; an IGNORED one stays ignored. Returns null for text with
 * nothing to record (only punctuation or emoji).
 */
export async function logUnansweredQuestion(db: Db | Tx, input: LogUnansweredInput): Promise<{ id: number; count: number } | null> {
  const normalized = normalizeQuestion(input.question);
  if (!normalized) return null;
  const question = truncate(input.question.trim(), QUESTION_LENGTH);
  const now = new Date();
  // one statement, so concurrent asks of the same question count correctly
  await db.$executeRaw`
    INSERT INTO UnansweredQuestion (question, normalized, conversationId, articleId, count, status, lastAskedAt, createdAt)
    VALUES (${question}, ${normalized}, ${input.conversationId ?? null}, ${input.articleId ?? null}, 1, 'OPEN', ${now}, ${now})
    ON DUPLICATE KEY UPDATE
      count = count + 1,
      lastAskedAt = VALUES(lastAskedAt),
      conversationId = COALESCE(VALUES(conversationId), conversationId),
      articleId = COALESCE(VALUES(articleId), articleId),
      status = IF(status = 'RESOLVED', 'OPEN', status)`;
  const row = await db.unansweredQuestion.findUnique({ where: { normalized }, select: { id: true, count: true } });
  return row;
}

export interface UnansweredListInput {
  status?: UnansweredStatus;
  /** "recent" (default): last asked first; "count": most asked first */
  sort?: "recent" | "count";
  cursor?: number;
  limit: number;
}

/**
 * Last asked first, or most asked first; keyset pagination on (lastAskedAt, id) or (count, id). The status
 * index covers the first; the second sorts one status's rows, which stay few (one per distinct question).
 */
export async function listUnansweredQuestions(db: Db, input: UnansweredListInput) {
  const byCount = input.sort === "count";
  let after: Prisma.UnansweredQuestionWhereInput = {};
  if (input.cursor !== undefined) {
    const cursor = await db.unansweredQuestion.findUnique({ where: { id: input.cursor }, select: { id: true, lastAskedAt: true, count: true } });
    if (!cursor) throw new AppError("NOT_FOUND", { field: "cursor" });
    after = byCount
      ? { OR: [{ count: { lt: cursor.count } }, { count: cursor.count, id: { lt: cursor.id } }] }
      : { OR: [{ lastAskedAt: { lt: cursor.lastAskedAt } }, { lastAskedAt: cursor.lastAskedAt, id: { lt: cursor.id } }] };
  }
  const rows = await db.unansweredQuestion.findMany({
    where: { ...(input.status ? { status: input.status } : {}), ...after },
    orderBy: byCount ? [{ count: "desc" }, { id: "desc" }] : [{ lastAskedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      question: true,
      normalized: true,
      count: true,
      status: true,
      conversationId: true,
      lastAskedAt: true,
      createdAt: true,
      article: { select: { id: true, title: true } },
    },
  });
  return keysetPage(rows, input.limit);
}

export interface UnansweredUpdateInput {
  id: number;
  status: UnansweredStatus;
  articleId?: number | null;
}

/**
 * Marks a question handled (RESOLVED, optionally linked to the article that answers it), not worth an
 * article (IGNORED), or open again. A RESOLVED question the bot still cannot answer reopens when asked.
 */
export async function updateUnansweredQuestion(db: Db, input: UnansweredUpdateInput) {
  const existing = await db.unansweredQuestion.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  if (input.articleId !== undefined && input.articleId !== null && !(await db.kbArticle.count({ where: { id: input.articleId } }))) {
    throw new AppError("NOT_FOUND", { field: "articleId" });
  }
  return db.unansweredQuestion.update({
    where: { id: input.id },
    data: { status: input.status, ...(input.articleId !== undefined ? { articleId: input.articleId } : {}) },
    select: { id: true, question: true, count: true, status: true, lastAskedAt: true, article: { select: { id: true, title: true } } },
  });
}
