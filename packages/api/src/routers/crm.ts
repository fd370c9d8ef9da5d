import { crmLookupInput, crmSyncCustomerInput, saveCrmConnectionInput } from "../contracts/crm.ts";
import { deleteCrmConnection, getCrmConnection, lookupForConversation, saveCrmConnection, syncCustomerNow, testCrmConnection } from "../services/crm/index.ts";
import { permissionProcedure, router } from "../trpc.ts";

const manage = permissionProcedure("integration.manage");

/** The enterprise's CRM (docs/architecture.md, "CRM"): its connection for admins, the look-up and sync for agents. */
export const crmRouter = router({
  getConnection: manage.query(({ ctx }) => getCrmConnection(ctx.db)),
  saveConnection: manage
    .meta({ auditTarget: "CrmConnection" })
    .input(saveCrmConnectionInput)
    .mutation(({ ctx, input }) => saveCrmConnection(ctx.db, ctx.session, input)),
  deleteConnection: manage.meta({ auditTarget: "CrmConnection" }).mutation(({ ctx }) => deleteCrmConnection(ctx.db)),
  testConnection: manage.meta({ auditTarget: "CrmConnection" }).mutation(({ ctx }) => testCrmConnection(ctx.db)),
  lookup: permissionProcedure("customer.read")
    .input(crmLookupInput)
    .query(({ ctx, input }) => lookupForConversation(ctx.db, ctx.session, input)),
  syncCustomer: permissionProcedure("customer.annotate")
    .meta({ auditTarget: "Customer" })
    .input(crmSyncCustomerInput)
    .mutation(({ ctx, input }) => syncCustomerNow(ctx.db, ctx.session, input)),
});
