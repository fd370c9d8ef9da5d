/**
 * Customers rate the bot's answers in the widget (有帮助 / 没帮助, and why not). One rating per answer: a customer
 * who changes their mind changes it, and the article's helpful / unhelpful counts move with the rating in the same
 * transaction, so the counts always equal the ratings (docs/architecture.md, "Answer feedback").
 */
import type { Db } from "@kefu/db/client";
import { kbAnswerFeedbackInput, type kbFeedbackListInput } from "../../contracts/knowledge.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import type { z } from "zod";

export interface AnswerRating {
  helpful: boolean;
  reason: string | null;
}

/**
 * Records the visitor's rating of a bot answer in their current conversation. Anything else — another conversation's
 * message, a customer's or agent's message, an answer that quoted no article — is NOT_FOUND on `messageId`.
 */
export async function rateBotAnswer(db: Db, visitor: { customerId: number; conversationId: number }, raw: unknown): Promise<AnswerRating> {
  const input = kbAnswerFeedbackInput.parse(raw);
  const reason = input.helpful ? null : (input.reason ?? null);
  const comment = input.helpful ? null : input.comment?.trim() || null;
  return runUnitOfWork(db, async ({ tx }) => {
    // the answer's row lock orders two ratings of the same answer (a double click, two tabs)
    const [message] = await tx.$queryRaw<{ id: number; conversationId: number; senderType: string; kbArticleId: number | null }[]>`
      SELECT id, conversationId, senderType, kbArticleId FROM \`Message\` WHERE id = ${input.messageId} FOR UPDATE`;
    if (!message || message.conversationId !== visitor.conversationId || message.senderType !== "BOT" || message.kbArticleId === null)
      throw new AppError("NOT_FOUND", { field: "messageId" });
    const articleId = Number(message.kbArticleId);
    const conversation = await tx.conversation.findUnique({ where: { id: visitor.conversationId }, select: { customerId: true } });
    if (conversation?.customerId !== visitor.customerId) throw new AppError("NOT_FOUND", { field: "messageId" });

    const existing = await tx.kbFeedback.findUnique({ where: { messageId: message.id }, select: { id: true, helpful: true, articleId: true } });
    if (existing) {
      await tx.kbFeedback.update({ where: { id: existing.id }, data: { helpful: input.helpful, reason, comment } });
      if (existing.helpful !== input.helpful) await moveCounts(tx, existing.articleId, input.helpful ? 1 : -1);
    } else {
      await tx.kbFeedback.create({
        data: { articleId, conversationId: visitor.conversationId, messageId: message.id, helpful: input.helpful, reason, comment },
      });
      await tx.kbArticle.updateMany({
        where: { id: articleId },
        data: input.helpful ? { helpfulCount: { increment: 1 } } : { unhelpfulCount: { increment: 1 } },
      });
    }
    return { helpful: input.helpful, reason };
  });
}

/** A rating that changed sides: +1 moves one count from unhelpful to helpful, −1 the other way. */
async function moveCounts(tx: Tx, articleId: number, towardsHelpful: 1 | -1) {
  await tx.kbArticle.updateMany({
    where: { id: articleId },
    data: { helpfulCount: { increment: towardsHelpful }, unhelpfulCount: { increment: -towardsHelpful } },
  });
}

/** The visitor's ratings of the given messages (the widget shows them beside the answers after a reload). */
export async function answerRatings(db: Db, messageIds: readonly number[]): Promise<Map<number, AnswerRating>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.kbFeedback.findMany({ where: { messageId: { in: [...messageIds] } }, select: { messageId: true, helpful: true, reason: true } });
  return new Map(rows.map((row) => [row.messageId!, { helpful: row.helpful, reason: row.reason }]));
}

/** Customers' ratings for the knowledge admin, newest first, with the conversation each came from. */
export async function listAnswerFeedback(db: Db, input: z.infer<typeof kbFeedbackListInput>) {
  const rows = await db.kbFeedback.findMany({
    where: {
      ...(input.articleId !== undefined ? { articleId: input.articleId } : {}),
      ...(input.helpful !== undefined ? { helpful: input.helpful } : {}),
      ...(input.cursor !== undefined ? { id: { lt: input.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      helpful: true,
      reason: true,
      comment: true,
      createdAt: true,
      conversationId: true,
      article: { select: { id: true, title: true } },
    },
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}

/** At least this many ratings before an article can be called a low performer. */
export const LOW_PERFORMER_MIN_RATINGS = 3;
/** Published articles whose answers helped fewer than this share of the customers who rated them. */
export const LOW_PERFORMER_HELPFUL_RATE = 0.6;

/** Published articles customers found unhelpful most often, worst helpful rate first. */
export async function listLowPerformingArticles(db: Db, limit = 20) {
  const rows = await db.$queryRaw<{ id: number; title: string; helpfulCount: number; unhelpfulCount: number; botAnswerCount: number; viewCount: number }[]>`
    SELECT id, title, helpfulCount, unhelpfulCount, botAnswerCount, viewCount FROM \`KbArticle\`
    WHERE status = 'PUBLISHED' AND helpfulCount + unhelpfulCount >= ${LOW_PERFORMER_MIN_RATINGS}
      AND helpfulCount < ${LOW_PERFORMER_HELPFUL_RATE} * (helpfulCount + unhelpfulCount)
    ORDER BY helpfulCount / (helpfulCount + unhelpfulCount) ASC, unhelpfulCount DESC, id ASC
    LIMIT ${limit}`;
  return rows.map((row) => {
    const ratings = Number(row.helpfulCount) + Number(row.unhelpfulCount);
    return {
      id: Number(row.id),
      title: row.title,
      helpful: Number(row.helpfulCount),
      unhelpful: Number(row.unhelpfulCount),
      botAnswers: Number(row.botAnswerCount),
      views: Number(row.viewCount),
      helpfulRate: ratings === 0 ? null : Number(row.helpfulCount) / ratings,
    };
  });
}
