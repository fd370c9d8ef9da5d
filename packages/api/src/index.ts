// Server entry point of the API package (never imported by browser code). Loading it registers the
// subscribers of the domain events, so every process that serves requests or runs jobs has them.
import { watchSlowQueries } from "./observability/slow-queries.ts";
import { registerCoreSubscribers } from "./subscribers.ts";

registerCoreSubscribers();
watchSlowQueries();

export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContextInner, type Context } from "./trpc.ts";
export { signInWithPassword, type SessionUser } from "./services/auth/sign-in.ts";
export { signInWithSmsCode } from "./services/auth/sms-code.ts";
export { handlePasskeySignInOptions, handleSmsCodeRequest } from "./rest/sign-in-api.ts";
export { signInWithPasskey } from "./services/auth/passkeys.ts";
export { checkSession, touchLastSeen, type SessionClaims } from "./services/auth/session.ts";
export { AppError, toTRPCError } from "./errors.ts";
export { canSubscribe, channels } from "./realtime/channels.ts";
export { getPusher, publish, realtimeClientConfig } from "./realtime/pusher.ts";
export { canSubscribeToConversation } from "./services/conversation/index.ts";
export { checkHealth } from "./services/health/check.ts";
export { setPresence } from "./services/user/presence.ts";
export { ensureKnowledgeIndex } from "./services/knowledge/ensure-index.ts";
export { backfillAutoQa } from "./services/autoqa/index.ts";
export { rebuildRollups } from "./services/report/index.ts";
export { flushArticleUsage } from "./services/knowledge/usage.ts";
export { ensureVapidKeys } from "./services/push/vapid.ts";
export { warmUpMessageIntake } from "./services/inbox/index.ts";
export { setLiveAlertEvaluation, startAlertTicker } from "./services/alert/index.ts";
export { startOverflowTicker } from "./services/conversation/index.ts";
export { logger } from "./logger.ts";
export { isSameOrigin } from "./rest/http.ts";
export {
  handleWidgetAnswerFeedback,
  handleWidgetCsat,
  handleWidgetLeave,
  handleWidgetListMessages,
  handleWidgetPostMessage,
  handleWidgetRealtimeAuth,
  handleWidgetSession,
  handleWidgetState,
} from "./rest/widget-api.ts";
export { handleWidgetPresence } from "./rest/widget-presence.ts";
export { startCustomerPresenceTicker } from "./services/conversation/index.ts";
export { handleStaffGetAttachment, handleStaffPostAttachment, handleWidgetGetAttachment, handleWidgetPostAttachment } from "./rest/attachment-api.ts";
export { handleCustomerExportDownload } from "./rest/customer-export-api.ts";
export { handleWidgetRead, handleWidgetTyping } from "./rest/widget-signals-api.ts";
export { handleTicketStatusCallback } from "./rest/ticket-api.ts";
export { handleCustomerImportErrors, handleCustomerImportUpload, type DescribeRejection } from "./rest/customer-import-api.ts";
export { handleChannelListMessages, handleChannelPostMessage } from "./rest/channel-api.ts";
export { registerCoreSubscribers } from "./subscribers.ts";
export { subscribe, type DomainEvent, type Subscriber } from "./domain-events/index.ts";
export { handleMetrics, metricsSettingsFromEnv, checkMetricsAccess, type MetricsAccess } from "./rest/metrics-api.ts";
export { instrumentRoute, REQUEST_ID_HEADER } from "./observability/http.ts";
export { currentRequestId, runWithRequestId } from "./observability/request-context.ts";
export { startMetricsServer } from "./observability/metrics-server.ts";
