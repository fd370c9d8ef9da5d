// The knowledge base: search (the bot, agents, admins) and the questions it could not answer.
export { BODY_PREVIEW_LENGTH, searchKnowledge, warmSearchCaches, type SearchHit, type SearchOptions, type SearchResult } from "./search.ts";
export { logUnansweredQuestion, type LogUnansweredInput } from "./unanswered.ts";
export { countArticleUse, flushArticleUsage, recordArticleUse, type ArticleUse } from "./usage.ts";
export { answerRatings, rateBotAnswer, type AnswerRating } from "./feedback.ts";
