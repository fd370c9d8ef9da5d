/**
 * The bot's turn after a customer message (DESIGN §3.2, §8): answer with the best article when
 * its confidence clears the threshold; hand off when the customer asks for a person, after
 * repeated low-confidence turns, or outside bot hours; log what it could not answer.
 */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { handoffToQueue, queuePosition } from "../conversation/index.ts";
import { lockConversation } from "../conversation/conversation-row.ts";
import { appendMessage } from "../conversation/timeline.ts";
import { searchKnowledge } from "../knowledge/search.ts";
import { logUnansweredQuestion } from "../knowledge/unanswered.ts";
import { getSetting } from "../settings/index.ts";
import { withinHours } from "./hours.ts";

/** Longest article text the bot sends in one message; the customer can ask for a person for more. */
const ANSWER_MAX_CHARS = 1_500;

export type BotOutcome =
  | { action: "answered"; messageId: number; articleId: number; confidence: number }
  | { action: "clarified"; messageId: number; confidence: number }
  | { action: "handed_off"; reason: "customer_request" | "low_confidence" | "off_hours" }
  | { action: "none" };

export function asksForHuman(body: string, keywords: readonly string[]): boolean {
  const text = body.toLowerCase();
  return keywords.some((keyword) => text.includes(keyword.toLowerCase()));
}

async function sayAsBot(db: Db, conversationId: number, body: string, options: { articleId?: number; lowConfidenceCount: number }) {
  return runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    if (conversation.status !== "BOT") return null;
    return appendMessage(
      uow,
      conversation,
      { senderType: "BOT", kind: "TEXT", body, kbArticleId: options.articleId ?? null },
      new Date(),
      { botLowConfidenceCount: options.lowConfidenceCount },
    );
  });
}

async function handOff(db: Db, conversationId: number, reason: "customer_request" | "low_confidence" | "off_hours", notice?: string): Promise<BotOutcome> {
  if (notice) await sayAsBot(db, conversationId, notice, { lowConfidenceCount: 0 });
  await handoffToQueue(db, conversationId, { reason });
  const [replies, position] = await Promise.all([getSetting(db, "bot.replies"), queuePosition(db, conversationId)]);
  const team = await db.conversation.findUnique({ where: { id: conversationId }, select: { team: { select: { maxQueueLength: true } } } });
  if (position.position !== null && team?.team && position.position > team.team.maxQueueLength) {
    // The customer is queued behind more people than the team's queue limit: say so, and keep them queued.
    await runUnitOfWork(db, async (uow) => {
      const conversation = await lockConversation(uow.tx, conversationId);
      await appendMessage(uow, conversation, { senderType: "BOT", kind: "TEXT", body: replies.queueFullMessage.replace("{position}", String(position.position)) }, new Date());
    });
  }
  return { action: "handed_off", reason };
}

export async function botRespond(db: Db, input: { conversationId: number; body: string }, at = new Date()): Promise<BotOutcome> {
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { status: true, botLowConfidenceCount: true } });
  if (conversation?.status !== "BOT") return { action: "none" };
  const [strategy, replies] = await Promise.all([getSetting(db, "bot.strategy"), getSetting(db, "bot.replies")]);

  if (!withinHours(replies.hours, at)) return handOff(db, input.conversationId, "off_hours", replies.offHoursMessage);
  if (asksForHuman(input.body, strategy.handoffKeywords)) return handOff(db, input.conversationId, "customer_request");

  const search = await searchKnowledge(db, input.body, { limit: 3 });
  const best = search.results[0];
  if (best && best.confidence >= replies.threshold) {
    const article = await db.kbArticle.findUnique({ where: { id: best.articleId }, select: { title: true, body: true } });
    const text = article ? `【${article.title}】\n${article.body.length > ANSWER_MAX_CHARS ? `${article.body.slice(0, ANSWER_MAX_CHARS)}…` : article.body}` : best.snippet;
    const message = await sayAsBot(db, input.conversationId, text, { articleId: best.articleId, lowConfidenceCount: 0 });
    if (!message) return { action: "none" };
    return { action: "answered", messageId: message.id, articleId: best.articleId, confidence: best.confidence };
  }

  await logUnansweredQuestion(db, { question: input.body, conversationId: input.conversationId, articleId: best?.articleId ?? null });
  const lowConfidenceCount = conversation.botLowConfidenceCount + 1;
  if (lowConfidenceCount >= strategy.lowConfidenceHandoffAfter) return handOff(db, input.conversationId, "low_confidence");
  const message = await sayAsBot(db, input.conversationId, replies.clarifyMessage, { lowConfidenceCount });
  if (!message) return { action: "none" };
  return { action: "clarified", messageId: message.id, confidence: search.confidence };
}
