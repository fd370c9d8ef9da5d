import { permissionProcedure, router } from "../trpc.ts";
import { autoQaFlagListInput, autoQaRuleUpdateInput, autoQaTestInput } from "../contracts/autoqa.ts";
import { listAutoQaRules, listConversationFlags, testAutoQaRule, updateAutoQaRule } from "../services/autoqa/index.ts";

const review = permissionProcedure("qa.review");
const manage = permissionProcedure("qa.manage");

/** Quality inspection: AutoQA rules and the flags they raise. */
export const qaRouter = router({
  listAutoQaRules: review.query(({ ctx }) => listAutoQaRules(ctx.db)),
  updateAutoQaRule: manage
    .meta({ auditTarget: "AutoQaRule" })
    .input(autoQaRuleUpdateInput)
    .mutation(({ ctx, input }) => updateAutoQaRule(ctx.db, ctx.session, input)),
  /** runs a rule being edited over sample text; changes nothing */
  testAutoQaRule: review
    .meta({ audit: false })
    .input(autoQaTestInput)
    .mutation(({ input }) => testAutoQaRule(input)),
  listConversationFlags: review.input(autoQaFlagListInput).query(({ ctx, input }) => listConversationFlags(ctx.db, input)),
});
