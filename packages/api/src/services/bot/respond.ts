/**
 * The bot's turn after a customer message: answer with the best article when
 * its confidence clears the threshold; hand off when the customer asks for a person, after
 * repeated low-confidence turns, or outside bot hours; log what it could not answer.
 */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork, type UnitOfWork } from "../../domain-events/index.ts";
import {
  appendMessage,
  handOffInUnit,
  lockConversation,
  queuePosition,
  triggerRouting,
  type BotReply,
  type BotTurn,
  type ConversationState,
} from "../conversation/index.ts";
import { logUnansweredQuestion, searchKnowledge, warmSearchCaches } from "../knowledge/index.ts";
import { chooseHandoffTeam } from "../routing/index.ts";
import { getSetting, type SettingValue } from "../settings/index.ts";
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

export interface BotSettings {
  strategy: SettingValue<"bot.strategy">;
  replies: SettingValue<"bot.replies">;
}

/**
 * What a bot turn needs before its unit of work starts: the settings, and the search index's cached vocabulary and
 * corpus statistics (loaded here, never from inside the transaction, which would need a second connection).
 */
export async function loadBotSettings(db: Db): Promise<BotSettings> {
  const [strategy, replies] = await Promise.all([getSetting(db, "bot.strategy"), getSetting(db, "bot.replies"), warmSearchCaches(db)]);
  return { strategy, replies };
}

type HandoffReason = Extract<BotOutcome, { action: "handed_off" }>["reason"];

/**
 * The bot's turn as part of the unit of work that holds the conversation (status BOT): decides, reading the knowledge
 * index through the transaction, and returns what to write — its message, and a hand-off or an unanswered question
 * to record after it. Nothing is written here.
 */
export function botTurn(db: Db, settings: BotSettings, at = new Date()): BotTurn<BotOutcome> {
  const { strategy, replies } = settings;
  const handOff = (reason: HandoffReason, notice: string | null, unanswered?: { question: string; articleId: number | null }): BotReply<BotOutcome> => ({
    message: notice ? { senderType: "BOT", kind: "TEXT", body: notice } : null,
    outcome: () => ({ action: "handed_off", reason }),
    afterAppend: async (uow: UnitOfWork, conversation: ConversationState, when: Date) => {
      if (unanswered) await logUnansweredQuestion(uow.tx, { ...unanswered, conversationId: conversation.id });
      const team = await chooseHandoffTeam(uow.tx, { conversationId: conversation.id, teamId: conversation.teamId, bestArticleId: unanswered?.articleId });
      return handOffInUnit(uow, conversation, { reason, ...team }, when);
    },
  });

  return async (uow, conversation, body) => {
    if (!withinHours(replies.hours, at)) return handOff("off_hours", replies.offHoursMessage);
    if (asksForHuman(body, strategy.handoffKeywords)) return handOff("customer_request", null);

    const search = await searchKnowledge(db, body, { limit: 3, withBody: true, reader: uow.tx });
    const best = search.results[0];
    if (best && best.confidence >= replies.threshold) {
      const articleBody = best.body ?? best.snippet;
      const text = `【${best.title}】\n${articleBody.length > ANSWER_MAX_CHARS ? `${articleBody.slice(0, ANSWER_MAX_CHARS)}…` : articleBody}`;
      return {
        message: { senderType: "BOT", kind: "TEXT", body: text, kbArticleId: best.articleId },
        conversationData: { botLowConfidenceCount: 0 },
        outcome: (messageId) =>
          messageId === null ? { action: "none" } : { action: "answered", messageId, articleId: best.articleId, confidence: best.confidence },
      };
    }

    const unanswered = { question: body, articleId: best?.articleId ?? null };
    const lowConfidenceCount = conversation.botLowConfidenceCount + 1;
    if (lowConfidenceCount >= strategy.lowConfidenceHandoffAfter) return handOff("low_confidence", null, unanswered);
    return {
      message: { senderType: "BOT", kind: "TEXT", body: replies.clarifyMessage },
      conversationData: { botLowConfidenceCount: lowConfidenceCount },
      outcome: (messageId) => (messageId === null ? { action: "none" } : { action: "clarified", messageId, confidence: search.confidence }),
      afterAppend: async (inner, current) => {
        await logUnansweredQuestion(inner.tx, { ...unanswered, conversationId: current.id });
        return current;
      },
    };
  };
}

/** After a hand-off has committed: a customer queued behind more people than the team's queue limit is told so (and stays queued). */
export async function tellIfQueueIsFull(db: Db, conversationId: number, replies: SettingValue<"bot.replies">): Promise<void> {
  const [position, team] = await Promise.all([
    queuePosition(db, conversationId),
    db.conversation.findUnique({ where: { id: conversationId }, select: { team: { select: { maxQueueLength: true } } } }),
  ]);
  if (position.position === null || !team?.team || position.position <= team.team.maxQueueLength) return;
  const body = replies.queueFullMessage.replace("{position}", String(position.position));
  await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    await appendMessage(uow, conversation, { senderType: "BOT", kind: "TEXT", body }, new Date());
  });
}

/**
 * The bot's turn on a conversation it holds, as its own unit of work (the incoming-message use case runs the same
 * turn inside the customer message's unit of work instead). Routing runs after a hand-off.
 */
export async function botRespond(db: Db, input: { conversationId: number; body: string }, at = new Date()): Promise<BotOutcome> {
  const settings = await loadBotSettings(db);
  const turn = botTurn(db, settings, at);
  const result = await runUnitOfWork(db, async (uow) => {
    let conversation = await lockConversation(uow.tx, input.conversationId);
    if (conversation.status !== "BOT") return null;
    const reply = await turn(uow, conversation, input.body);
    const message = reply.message ? await appendMessage(uow, conversation, reply.message, at, reply.conversationData ?? {}) : null;
    if (reply.afterAppend) conversation = await reply.afterAppend(uow, conversation, at);
    return { outcome: reply.outcome(message?.id ?? null), conversation };
  });
  if (!result) return { action: "none" };
  if (result.outcome.action === "handed_off") {
    await triggerRouting(db, { teamId: result.conversation.teamId });
    await tellIfQueueIsFull(db, input.conversationId, settings.replies);
  }
  return result.outcome;
}
