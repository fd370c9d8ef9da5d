import { permissionProcedure, router } from "../trpc.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/integration/api-keys.ts";
import { apiKeyCreateInput, apiKeyRevokeInput } from "../contracts/integration.ts";

const manage = permissionProcedure("integration.manage");

export const integrationRouter = router({
  apiKeyList: manage.query(({ ctx }) => listApiKeys(ctx.db)),
  apiKeyCreate: manage
    .meta({ auditTarget: "ApiKey" })
    .input(apiKeyCreateInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...input, createdById: ctx.session.id })),
  apiKeyRevoke: manage
    .meta({ auditTarget: "ApiKey" })
    .input(apiKeyRevokeInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, input.id)),
});
