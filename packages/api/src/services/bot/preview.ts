/**
 * "Try the bot" for the knowledge team: what the bot would do with a question right now, without a
 * conversation, and the articles it weighed. Mirrors the order of `botRespond` (respond.ts): bot off,
 * outside bot hours, a hand-off keyword, then the best article against the threshold.
 */
import type { Db } from "@kefu/db/client";
import { searchKnowledge } from "../knowledge/index.ts";
import { getSetting } from "../settings/index.ts";
import { withinHours } from "./hours.ts";

const PREVIEW_RESULTS = 5;

export type BotPreviewDecision = "disabled" | "off_hours" | "handoff_keyword" | "answer" | "clarify";

export async function previewBotAnswer(db: Db, question: string, at = new Date()) {
  const [strategy, replies, search] = await Promise.all([
    getSetting(db, "bot.strategy"),
    getSetting(db, "bot.replies"),
    searchKnowledge(db, question, { limit: PREVIEW_RESULTS }),
  ]);
  const text = question.toLowerCase();
  const handoffKeyword = strategy.handoffKeywords.find((keyword) => text.includes(keyword.toLowerCase())) ?? null;
  const best = search.results[0];
  const clears = (confidence: number) => confidence >= replies.threshold;
  const inHours = withinHours(replies.hours, at);
  const decision: BotPreviewDecision = !strategy.enabled
    ? "disabled"
    : !inHours
      ? "off_hours"
      : handoffKeyword
        ? "handoff_keyword"
        : best && clears(best.confidence)
          ? "answer"
          : "clarify";
  return {
    decision,
    threshold: replies.threshold,
    withinHours: inHours,
    handoffKeyword,
    /** the article the bot would quote when the decision is "answer" */
    answerArticleId: decision === "answer" ? (best?.articleId ?? null) : null,
    terms: search.terms,
    results: search.results.map((hit) => ({ ...hit, clearsThreshold: clears(hit.confidence) })),
  };
}
