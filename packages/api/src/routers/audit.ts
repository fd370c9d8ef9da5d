import { permissionProcedure, router } from "../trpc.ts";
import { listAuditLogs } from "../services/audit/list.ts";
import { verifyAuditChain } from "../services/audit/verify.ts";
import { acknowledgeSecurityAlert, countOpenSecurityAlerts, listSecurityAlerts } from "../services/security/alerts.ts";
import { listSmsOutbox } from "../services/sms/index.ts";
import { acknowledgeAlertInput, listAlertsInput, auditListInput, smsOutboxInput } from "../contracts/audit.ts";

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(auditListInput)
    .query(({ ctx, input }) => listAuditLogs(ctx.db, input)),
  verifyChain: permissionProcedure("audit.read").query(({ ctx }) => verifyAuditChain(ctx.db)),
  listAlerts: permissionProcedure("security.alerts")
    .input(listAlertsInput)
    .query(({ ctx, input }) => listSecurityAlerts(ctx.db, input)),
  /** what the SMS senders were asked to send; the development sender's codes are readable here (admins only) */
  smsOutbox: permissionProcedure("security.alerts")
    .input(smsOutboxInput)
    .query(({ ctx, input }) => listSmsOutbox(ctx.db, input)),
  countOpenAlerts: permissionProcedure("security.alerts").query(({ ctx }) => countOpenSecurityAlerts(ctx.db)),
  acknowledgeAlert: permissionProcedure("security.alerts")
    .meta({ auditTarget: "SecurityAlert" })
    .input(acknowledgeAlertInput)
    .mutation(({ ctx, input }) => acknowledgeSecurityAlert(ctx.db, { id: input.id, actorId: ctx.session.id })),
});
