import { permissionProcedure, router } from "../trpc.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/integration/api-keys.ts";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  replayWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookTestEvent,
  setWebhookActive,
  updateWebhook,
} from "../services/webhook/index.ts";
import { createApiKeyInput, revokeApiKeyInput } from "../contracts/integration.ts";
import { createTicketSystemInput, setTicketSystemActiveInput, ticketSystemIdInput } from "../contracts/ticket.ts";
import { createTicketSystem, deleteTicketSystem, listTicketSystems, setTicketSystemActive } from "../services/ticket/index.ts";
import {
  createWebhookInput,
  listWebhookDeliveriesInput,
  replayWebhookDeliveryInput,
  setWebhookActiveInput,
  updateWebhookInput,
  webhookIdInput,
} from "../contracts/webhook.ts";

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

  // Outgoing webhooks (docs/architecture.md, "Webhooks")
  listWebhooks: manage.query(({ ctx }) => listWebhooks(ctx.db)),
  createWebhook: manage
    .meta({ auditTarget: "Webhook" })
    .input(createWebhookInput)
    .mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.session, input)),
  updateWebhook: manage
    .meta({ auditTarget: "Webhook" })
    .input(updateWebhookInput)
    .mutation(({ ctx, input }) => updateWebhook(ctx.db, ctx.session, input)),
  setWebhookActive: manage
    .meta({ auditTarget: "Webhook" })
    .input(setWebhookActiveInput)
    .mutation(({ ctx, input }) => setWebhookActive(ctx.db, ctx.session, input)),
  deleteWebhook: manage
    .meta({ auditTarget: "Webhook" })
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.db, ctx.session, input)),
  rotateWebhookSecret: manage
    .meta({ auditTarget: "Webhook" })
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.session, input)),
  sendWebhookTestEvent: manage
    .meta({ auditTarget: "Webhook" })
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => sendWebhookTestEvent(ctx.db, input)),
  listWebhookDeliveries: manage.input(listWebhookDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, input)),
  replayWebhookDelivery: manage
    .meta({ auditTarget: "WebhookDelivery" })
    .input(replayWebhookDeliveryInput)
    .mutation(({ ctx, input }) => replayWebhookDelivery(ctx.db, input)),

  // External ticket systems (docs/architecture.md, "Tickets")
  listTicketSystems: manage.query(({ ctx }) => listTicketSystems(ctx.db)),
  createTicketSystem: manage
    .meta({ auditTarget: "TicketSystem" })
    .input(createTicketSystemInput)
    .mutation(({ ctx, input }) => createTicketSystem(ctx.db, ctx.session, input)),
  setTicketSystemActive: manage
    .meta({ auditTarget: "TicketSystem" })
    .input(setTicketSystemActiveInput)
    .mutation(({ ctx, input }) => setTicketSystemActive(ctx.db, ctx.session, input)),
  deleteTicketSystem: manage
    .meta({ auditTarget: "TicketSystem" })
    .input(ticketSystemIdInput)
    .mutation(({ ctx, input }) => deleteTicketSystem(ctx.db, ctx.session, input)),
});
