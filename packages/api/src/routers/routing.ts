import { permissionProcedure, router } from "../trpc.ts";
import {
  routingRuleCreateInput,
  routingRuleIdInput,
  routingRuleReorderInput,
  routingRuleUpdateInput,
  routingSettingsInput,
  teamOverflowDeleteInput,
  teamOverflowInput,
} from "../contracts/routing.ts";
import { conversationIdInput } from "../contracts/conversation.ts";
import { explainRouting } from "../services/conversation/index.ts";
import {
  createRoutingRule,
  deleteRoutingRule,
  deleteTeamOverflow,
  reorderRoutingRules,
  routingOverview,
  setTeamOverflow,
  updateRoutingRule,
  updateRoutingSettings,
} from "../services/routing/index.ts";

const manageRules = permissionProcedure("team.manage").meta({ auditTarget: "RoutingRule" });
const manageOverflow = permissionProcedure("team.manage").meta({ auditTarget: "TeamOverflow" });

export const routingRouter = router({
  overview: permissionProcedure("team.read").query(({ ctx }) => routingOverview(ctx.db)),
  createRule: manageRules.input(routingRuleCreateInput).mutation(({ ctx, input }) => createRoutingRule(ctx.db, input)),
  updateRule: manageRules.input(routingRuleUpdateInput).mutation(({ ctx, input }) => updateRoutingRule(ctx.db, input)),
  deleteRule: manageRules.input(routingRuleIdInput).mutation(({ ctx, input }) => deleteRoutingRule(ctx.db, input.id)),
  reorderRules: manageRules.input(routingRuleReorderInput).mutation(({ ctx, input }) => reorderRoutingRules(ctx.db, input)),
  updateSettings: permissionProcedure("team.manage")
    .meta({ auditTarget: "Setting" })
    .input(routingSettingsInput)
    .mutation(({ ctx, input }) => updateRoutingSettings(ctx.db, ctx.session.id, input)),
  setOverflow: manageOverflow.input(teamOverflowInput).mutation(({ ctx, input }) => setTeamOverflow(ctx.db, input)),
  deleteOverflow: manageOverflow.input(teamOverflowDeleteInput).mutation(({ ctx, input }) => deleteTeamOverflow(ctx.db, input)),
  explainConversation: permissionProcedure("conversation.work")
    .input(conversationIdInput)
    .query(({ ctx, input }) => explainRouting(ctx.db, ctx.session, input.id)),
});
