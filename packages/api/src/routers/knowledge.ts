import { permissionProcedure, router } from "../trpc.ts";
import { archiveArticle, createArticle, getArticle, listArticles, publishArticle, reindexKnowledge, updateArticle } from "../services/knowledge/articles.ts";
import { listCategories } from "../services/knowledge/categories.ts";
import { searchKnowledge } from "../services/knowledge/search.ts";
import { listUnansweredQuestions, updateUnansweredQuestion } from "../services/knowledge/unanswered.ts";
import { previewBotAnswer } from "../services/bot/preview.ts";
import { recordArticleUse } from "../services/knowledge/usage.ts";
import { listAnswerFeedback, listLowPerformingArticles } from "../services/knowledge/feedback.ts";
import {
  kbCreateInput,
  kbFeedbackListInput,
  kbIdInput,
  kbListInput,
  kbRecordUseInput,
  kbReindexInput,
  kbSearchInput,
  kbTryBotInput,
  kbUnansweredListInput,
  kbUnansweredUpdateInput,
  kbUpdateInput,
} from "../contracts/knowledge.ts";

const read = permissionProcedure("knowledge.read");
const manage = permissionProcedure("knowledge.manage").meta({ auditTarget: "KbArticle" });

export const knowledgeRouter = router({
  search: read.input(kbSearchInput).query(({ ctx, input }) => searchKnowledge(ctx.db, input.query, { limit: input.limit, categoryId: input.categoryId })),
  list: read.input(kbListInput).query(({ ctx, input }) => listArticles(ctx.db, input)),
  get: read.input(kbIdInput).query(({ ctx, input }) => getArticle(ctx.db, input.id)),
  listCategories: read.query(({ ctx }) => listCategories(ctx.db)),
  /** counted in the process and written in batches (services/knowledge/usage.ts) */
  recordUse: read
    .meta({ auditTarget: "KbArticle" })
    .input(kbRecordUseInput)
    .mutation(({ ctx, input }) => recordArticleUse(ctx.db, input)),
  create: manage.input(kbCreateInput).mutation(({ ctx, input }) => createArticle(ctx.db, ctx.session, input)),
  update: manage.input(kbUpdateInput).mutation(({ ctx, input }) => updateArticle(ctx.db, ctx.session, input)),
  publish: manage.input(kbIdInput).mutation(({ ctx, input }) => publishArticle(ctx.db, input.id)),
  archive: manage.input(kbIdInput).mutation(({ ctx, input }) => archiveArticle(ctx.db, input.id)),
  reindex: manage.input(kbReindexInput).mutation(({ ctx, input }) => reindexKnowledge(ctx.db, input)),
  listUnanswered: permissionProcedure("knowledge.manage")
    .input(kbUnansweredListInput)
    .query(({ ctx, input }) => listUnansweredQuestions(ctx.db, input)),
  updateUnanswered: permissionProcedure("knowledge.manage")
    .meta({ auditTarget: "UnansweredQuestion" })
    .input(kbUnansweredUpdateInput)
    .mutation(({ ctx, input }) => updateUnansweredQuestion(ctx.db, input)),
  /** customers' ratings of the bot's answers, newest first */
  listFeedback: permissionProcedure("knowledge.manage")
    .input(kbFeedbackListInput)
    .query(({ ctx, input }) => listAnswerFeedback(ctx.db, input)),
  /** published articles customers found unhelpful most often */
  listLowPerformers: permissionProcedure("knowledge.manage").query(({ ctx }) => listLowPerformingArticles(ctx.db)),
  /** what the bot would answer to a question now, with the articles it weighed against its threshold */
  tryBot: permissionProcedure("knowledge.manage")
    .input(kbTryBotInput)
    .query(({ ctx, input }) => previewBotAnswer(ctx.db, input.question)),
});
