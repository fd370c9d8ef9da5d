import { permissionProcedure, router } from "../trpc.ts";
import {
  addInternalNote,
  getConversation,
  listConversations,
  listResolutionCategories,
  listTransferTargets,
  listMessages,
  markRead,
  pauseConversation,
  queueOverview,
  resolveConversation,
  resumeConversation,
  sendAgentReply,
  signalAgentTyping,
  transferConversation,
} from "../services/conversation/index.ts";
import { listUsableCannedReplies } from "../services/canned-reply/index.ts";
import {
  conversationIdInput,
  conversationListInput,
  conversationMarkReadInput,
  conversationMessagesInput,
  conversationNoteInput,
  conversationReplyInput,
  conversationResolveInput,
  conversationTransferInput,
  queueOverviewInput,
} from "../contracts/conversation.ts";

const work = permissionProcedure("conversation.work");
const act = work.meta({ auditTarget: "Conversation" });
const supervise = permissionProcedure("conversation.supervise");

export const conversationRouter = router({
  list: work.input(conversationListInput).query(({ ctx, input }) => listConversations(ctx.db, ctx.session, input)),
  get: work.input(conversationIdInput).query(({ ctx, input }) => getConversation(ctx.db, ctx.session, input.id)),
  messages: work
    .input(conversationMessagesInput)
    .query(({ ctx, input }) =>
      listMessages(ctx.db, ctx.session, { conversationId: input.id, afterId: input.afterId, beforeId: input.beforeId, limit: input.limit }),
    ),
  reply: act
    .input(conversationReplyInput)
    .mutation(({ ctx, input }) => sendAgentReply(ctx.db, ctx.session, { conversationId: input.id, body: input.body, clientId: input.clientId })),
  note: act
    .input(conversationNoteInput)
    .mutation(({ ctx, input }) => addInternalNote(ctx.db, ctx.session, { conversationId: input.id, body: input.body, clientId: input.clientId })),
  transfer: act
    .input(conversationTransferInput)
    .mutation(({ ctx, input }) =>
      transferConversation(ctx.db, ctx.session, { conversationId: input.id, toUserId: input.toUserId, toTeamId: input.toTeamId, note: input.note }),
    ),
  pause: act.input(conversationIdInput).mutation(({ ctx, input }) => pauseConversation(ctx.db, ctx.session, { conversationId: input.id })),
  resume: act.input(conversationIdInput).mutation(({ ctx, input }) => resumeConversation(ctx.db, ctx.session, { conversationId: input.id })),
  resolve: act
    .input(conversationResolveInput)
    .mutation(({ ctx, input }) =>
      resolveConversation(ctx.db, ctx.session, { conversationId: input.id, resolutionCategory: input.resolutionCategory, note: input.note }),
    ),
  /** the agent is typing a reply: "typing…" in the customer's widget */
  typing: work
    .meta({ audit: false })
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => signalAgentTyping(ctx.db, ctx.session, input.id)),
  markRead: act
    .input(conversationMarkReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.session, { conversationId: input.id, messageId: input.messageId })),
  reassign: supervise
    .meta({ auditTarget: "Conversation" })
    .input(conversationTransferInput)
    .mutation(({ ctx, input }) =>
      transferConversation(ctx.db, ctx.session, { conversationId: input.id, toUserId: input.toUserId, toTeamId: input.toTeamId, note: input.note }),
    ),
  /** colleagues (ONLINE, with a free slot) and teams a conversation can be transferred to */
  listTransferTargets: work.query(({ ctx }) => listTransferTargets(ctx.db, ctx.session)),
  /** 快捷回复 the actor may use: shared, their teams' and their own */
  listCannedReplies: work.query(({ ctx }) => listUsableCannedReplies(ctx.db, ctx.session)),
  listResolutionCategories: work.query(({ ctx }) => listResolutionCategories(ctx.db)),
  queueOverview: supervise.input(queueOverviewInput).query(({ ctx, input }) => queueOverview(ctx.db, input ?? {})),
});
