import { permissionProcedure, router } from "../trpc.ts";
import {
  acknowledgeAlertEvent,
  activeAlertEvents,
  createAlertRule,
  deleteAlertRule,
  listAlertEvents,
  listAlertRules,
  updateAlertRule,
} from "../services/alert/index.ts";
import { alertEventIdInput, alertEventListInput, alertRuleCreateInput, alertRuleIdInput, alertRuleUpdateInput } from "../contracts/alert.ts";

const view = permissionProcedure("monitor.view");
const manage = permissionProcedure("settings.manage").meta({ auditTarget: "MonitorAlertRule" });

export const alertRouter = router({
  listRules: view.query(({ ctx }) => listAlertRules(ctx.db)),
  createRule: manage.input(alertRuleCreateInput).mutation(({ ctx, input }) => createAlertRule(ctx.db, input)),
  updateRule: manage.input(alertRuleUpdateInput).mutation(({ ctx, input }) => updateAlertRule(ctx.db, input)),
  deleteRule: manage.input(alertRuleIdInput).mutation(({ ctx, input }) => deleteAlertRule(ctx.db, input)),
  /** alert history, newest first (keyset) */
  events: view.input(alertEventListInput).query(({ ctx, input }) => listAlertEvents(ctx.db, input)),
  /** alerts not cleared yet, for the banner */
  active: view.query(({ ctx }) => activeAlertEvents(ctx.db)),
  acknowledge: view
    .meta({ auditTarget: "MonitorAlertEvent" })
    .input(alertEventIdInput)
    .mutation(({ ctx, input }) => acknowledgeAlertEvent(ctx.db, { id: input.id, actorId: ctx.session.id })),
});
