import { permissionProcedure, router } from "../trpc.ts";
import {
  createCannedReply,
  deleteCannedReply,
  listCannedRepliesIn,
  listCannedScopes,
  moveCannedReply,
  updateCannedReply,
} from "../services/canned-reply/index.ts";
import { cannedReplyCreateInput, cannedReplyIdInput, cannedReplyListInput, cannedReplyMoveInput, cannedReplyUpdateInput } from "../contracts/canned-reply.ts";

// who may change which set (personal, team, shared) is decided by the service
const work = permissionProcedure("conversation.work");
const manage = work.meta({ auditTarget: "CannedReply" });

/** 快捷回复 management; the composer's list is `conversation.listCannedReplies`. */
export const cannedReplyRouter = router({
  listScopes: work.query(({ ctx }) => listCannedScopes(ctx.db, ctx.session)),
  list: work.input(cannedReplyListInput).query(({ ctx, input }) => listCannedRepliesIn(ctx.db, ctx.session, input)),
  create: manage.input(cannedReplyCreateInput).mutation(({ ctx, input }) => createCannedReply(ctx.db, ctx.session, input)),
  update: manage.input(cannedReplyUpdateInput).mutation(({ ctx, input }) => updateCannedReply(ctx.db, ctx.session, input)),
  move: manage.input(cannedReplyMoveInput).mutation(({ ctx, input }) => moveCannedReply(ctx.db, ctx.session, input)),
  delete: manage.input(cannedReplyIdInput).mutation(({ ctx, input }) => deleteCannedReply(ctx.db, ctx.session, input)),
});
