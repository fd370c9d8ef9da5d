import { isSubscribed, removePushSubscription, savePushSubscription } from "../services/push/subscriptions.ts";
import { vapidPublicKey } from "../services/push/vapid.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { pushEndpointInput, pushSubscribeInput } from "../contracts/push.ts";

// Web push carries monitoring alerts, so it is offered to those who may view the monitor.
const monitorViewer = permissionProcedure("monitor.view");

export const pushRouter = router({
  vapidPublicKey: monitorViewer.query(async ({ ctx }) => ({ publicKey: await vapidPublicKey(ctx.db) })),
  /** whether this browser's subscription is on file for the current person */
  status: monitorViewer.input(pushEndpointInput).query(({ ctx, input }) => isSubscribed(ctx.db, ctx.session.id, input.endpoint)),
  subscribe: monitorViewer
    .meta({ auditTarget: "PushSubscription" })
    .input(pushSubscribeInput)
    .mutation(({ ctx, input }) => savePushSubscription(ctx.db, ctx.session.id, input)),
  unsubscribe: monitorViewer
    .meta({ auditTarget: "PushSubscription" })
    .input(pushEndpointInput)
    .mutation(({ ctx, input }) => removePushSubscription(ctx.db, ctx.session.id, input.endpoint)),
});
