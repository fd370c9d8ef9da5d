/**
 * Knowledge-base articles: drafts, versions, publishing and archiving. Every edit writes a
 * KbArticleVersion row and re-indexes the article in the same transaction, so search never
 * shows an article's old text after its edit committed (nor a draft or archived one at all).
 */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import type { KbCreateInput, KbListInput, KbUpdateInput } from "../../contracts/knowledge.ts";
import { assertCategoryExists, categoryWithDescendants } from "./categories.ts";
import { indexArticle, indexArticleInTransaction, reindexAll } from "./indexer.ts";
import { invalidateVocabulary, loadVocabulary } from "./tokenizer.ts";
import { keysetPage } from "../pagination.ts";

export interface Editor {
  id: number;
}

const VERSIONS_SHOWN = 20;

const articleSummarySelect = {
  id: true,
  title: true,
  status: true,
  version: true,
  categoryId: true,
  category: { select: { id: true, name: true } },
  author: { select: { id: true, name: true } },
  viewCount: true,
  botAnswerCount: true,
  agentInsertCount: true,
  helpfulCount: true,
  unhelpfulCount: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.KbArticleSelect;

/** Newest first, keyset pagination on id. A category filter includes its sub-categories. */
export async function listArticles(db: Db, input: KbListInput) {
  const categoryIds = input.categoryId !== undefined ? await categoryWithDescendants(db, input.categoryId) : null;
  const where: Prisma.KbArticleWhereInput = {
    ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(categoryIds ? { categoryId: { in: categoryIds } } : {}),
    ...(input.search ? { title: { contains: input.search } } : {}),
  };
  const rows = await db.kbArticle.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1, select: articleSummarySelect });
  return keysetPage(rows, input.limit);
}

/** The article with its body, keywords and its latest versions (newest first). */
export async function getArticle(db: Db, id: number) {
  const article = await db.kbArticle.findUnique({
    where: { id },
    select: {
      ...articleSummarySelect,
      body: true,
      keywords: true,
      versions: {
        orderBy: { version: "desc" },
        take: VERSIONS_SHOWN,
        select: { id: true, version: true, title: true, body: true, createdAt: true, editor: { select: { id: true, name: true } } },
      },
      _count: { select: { versions: true } },
    },
  });
  if (!article) throw new AppError("NOT_FOUND", { field: "id" });
  const { _count, ...rest } = article;
  return { ...rest, versionCount: _count.versions };
}

/**
 * A new article is a DRAFT at version 1: not searchable until published. Written for an unanswered
 * question (`fromQuestionId`), it marks that question RESOLVED and linked to it in the same transaction.
 */
export async function createArticle(db: Db, editor: Editor, input: KbCreateInput) {
  await assertCategoryExists(db, input.categoryId);
  if (input.fromQuestionId !== undefined && !(await db.unansweredQuestion.count({ where: { id: input.fromQuestionId } }))) {
    throw new AppError("NOT_FOUND", { field: "fromQuestionId" });
  }
  const vocabulary = await loadVocabulary(db);
  return db.$transaction(async (tx) => {
    const article = await tx.kbArticle.create({
      data: {
        title: input.title,
        body: input.body,
        categoryId: input.categoryId ?? null,
        keywords: input.keywords || null,
        authorId: editor.id,
        status: "DRAFT",
        version: 1,
      },
      select: { id: true },
    });
    await tx.kbArticleVersion.create({ data: { articleId: article.id, version: 1, title: input.title, body: input.body, editorId: editor.id } });
    if (input.fromQuestionId !== undefined) {
      await tx.unansweredQuestion.update({ where: { id: input.fromQuestionId }, data: { status: "RESOLVED", articleId: article.id } });
    }
    // a draft gets no terms, but its term counts are kept current
    await indexArticleInTransaction(tx, article.id, vocabulary);
    return tx.kbArticle.findUniqueOrThrow({ where: { id: article.id }, select: articleSummarySelect });
  });
}

/**
 * Saves an edit as the next version. With `expectedVersion`, an edit based on an older version than
 * the current one is refused (CONFLICT), so two editors cannot silently overwrite each other.
 */
export async function updateArticle(db: Db, editor: Editor, input: KbUpdateInput) {
  const existing = await db.kbArticle.findUnique({
    where: { id: input.id },
    select: { id: true, version: true, title: true, body: true, categoryId: true, keywords: true },
  });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  if (input.expectedVersion !== undefined && input.expectedVersion !== existing.version) {
    throw new AppError("CONFLICT", { field: "expectedVersion", params: { current: existing.version } });
  }
  await assertCategoryExists(db, input.categoryId);

  const next = {
    title: input.title ?? existing.title,
    body: input.body ?? existing.body,
    categoryId: input.categoryId === undefined ? existing.categoryId : input.categoryId,
    keywords: input.keywords === undefined ? existing.keywords : input.keywords || null,
  };
  const changed =
    next.title !== existing.title || next.body !== existing.body || next.categoryId !== existing.categoryId || next.keywords !== existing.keywords;
  if (!changed) return db.kbArticle.findUniqueOrThrow({ where: { id: existing.id }, select: articleSummarySelect });

  const vocabulary = await loadVocabulary(db);
  return db.$transaction(async (tx) => {
    const version = existing.version + 1;
    const { count } = await tx.kbArticle.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...next, version } });
    // someone saved between our read and this write
    if (count === 0) throw new AppError("CONFLICT", { field: "expectedVersion" });
    await tx.kbArticleVersion.create({ data: { articleId: existing.id, version, title: next.title, body: next.body, editorId: editor.id } });
    await indexArticleInTransaction(tx, existing.id, vocabulary);
    return tx.kbArticle.findUniqueOrThrow({ where: { id: existing.id }, select: articleSummarySelect });
  });
}

async function setStatus(db: Db, id: number, status: "PUBLISHED" | "ARCHIVED") {
  const existing = await db.kbArticle.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  if (existing.status === status) throw new AppError("ALREADY_DONE", { field: "id" });
  const vocabulary = await loadVocabulary(db);
  return db.$transaction(async (tx) => {
    const { count } = await tx.kbArticle.updateMany({
      where: { id, status: existing.status },
      data: { status, ...(status === "PUBLISHED" ? { publishedAt: new Date() } : {}) },
    });
    if (count === 0) throw new AppError("CONFLICT", { field: "id" });
    await indexArticleInTransaction(tx, id, vocabulary);
    return tx.kbArticle.findUniqueOrThrow({ where: { id }, select: articleSummarySelect });
  });
}

/** Makes a draft or archived article searchable (and the bot's to quote). */
export function publishArticle(db: Db, id: number) {
  return setStatus(db, id, "PUBLISHED");
}

/** Takes an article out of search; it stays readable and can be published again. */
export function archiveArticle(db: Db, id: number) {
  return setStatus(db, id, "ARCHIVED");
}

/** One article, or (without an id) all of them with a freshly loaded vocabulary. */
export async function reindexKnowledge(db: Db, input: { id?: number } | undefined) {
  if (input?.id !== undefined) {
    const result = await indexArticle(db, input.id);
    return { articles: 1, published: result.searchable ? 1 : 0, terms: result.terms };
  }
  invalidateVocabulary(db);
  const { articles, published, terms } = await reindexAll(db);
  return { articles, published, terms };
}
