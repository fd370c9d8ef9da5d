import { permissionProcedure, router } from "../trpc.ts";
import { listAuditLogs } from "../services/audit/list.ts";
import { verifyAuditChain } from "../services/audit/verify.ts";
import { acknowledgeSecurityAlert, countOpenSecurityAlerts, listSecurityAlerts } from "../services/security/alerts.ts";
import { acknowledgeAlertInput, listAlertsInput, auditListInput } from "../contracts/audit.ts";

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(auditListInput)
    .query(({ ctx, input }) => listAuditLogs(ctx.db, input)),
  verifyChain: permissionProcedure("audit.read").query(({ ctx }) => verifyAuditChain(ctx.db)),
  listAlerts: permissionProcedure("security.alerts")
    .input(listAlertsInput)
    .query(({ ctx, input }) => listSecurityAlerts(ctx.db, input)),
  countOpenAlerts: permissionProcedure("security.alerts").query(({ ctx }) => countOpenSecurityAlerts(ctx.db)),
  acknowledgeAlert: permissionProcedure("security.alerts")
    .meta({ auditTarget: "SecurityAlert" })
    .input(acknowledgeAlertInput)
    .mutation(({ ctx, input }) => acknowledgeSecurityAlert(ctx.db, { id: input.id, actorId: ctx.session.id })),
});
