import { permissionProcedure, router } from "../trpc.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/integration/api-keys.ts";
import { createApiKeyInput, revokeApiKeyInput } from "../contracts/integration.ts";

const manage = permissionProcedure("integration.manage");

export const integrationRouter = router({
  listApiKeys: manage.query(({ ctx }) => listApiKeys(ctx.db)),
  createApiKey: manage
    .meta({ auditTarget: "ApiKey" })
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...input, createdById: ctx.session.id })),
  revokeApiKey: manage
    .meta({ auditTarget: "ApiKey" })
    .input(revokeApiKeyInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, input.id)),
});
