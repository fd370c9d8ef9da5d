// The conversation spine: services the routers, the widget, the channel API and the bot build on.
export { abandonConversation } from "./abandon.ts";
export { canSubscribeToConversation, canViewConversation } from "./access.ts";
export { submitCsat, type CsatInput } from "./csat.ts";
export { getConversation } from "./get.ts";
export { handOffInUnit, handoffToQueue, type ConversationSnapshot, type HandoffOptions } from "./handoff.ts";
export { lockConversation, type ConversationState } from "./conversation-row.ts";
export { appendMessage, type NewAttachment, type NewMessage } from "./timeline.ts";
export { listConversations } from "./list.ts";
export { listCustomerMessages, listMessages, type MessagePageInput } from "./messages.ts";
export { pauseConversation, resumeConversation } from "./pause.ts";
export { queueOverview, queuePosition, type QueuePosition } from "./queue.ts";
export { markRead, markReadByCustomer } from "./read.ts";
export { signalAgentTyping, signalCustomerTyping, TYPING_INTERVAL_SECONDS } from "./typing.ts";
export {
  receiveCustomerMessage,
  receiveCustomerMessageWithBot,
  type BotReply,
  type BotTurn,
  type CustomerMessageInput,
  type ReceivedMessage,
  type ReceivedWithBot,
} from "./receive-message.ts";
export { handleReplyTimeout, handleRouteJob } from "./reply-timeout.ts";
export { recordWidgetPresence, sweepCustomerPresence, type PresenceResult } from "./customer-presence.ts";
export { sweepIdleConversations } from "./idle-close.ts";
export { startCustomerPresenceTicker } from "./presence-ticker.ts";
export { addInternalNote, sendAgentReply, type AgentMessageInput, type SentMessage } from "./reply.ts";
export { resolveByBot, resolveConversation, type ResolveInput } from "./resolve.ts";
export { routeQueued, triggerRouting, type Assignment, type RouteOptions } from "./routing.ts";
export { teamIdsOf, type Actor } from "./actor.ts";
export { REPLY_TIMEOUT_JOB, ROUTE_JOB } from "./scheduling.ts";
export { systemMessageBody, type SystemMessageKey } from "./timeline.ts";
export { assertTransition, canTransition, nextStatus, OPERATIONS, TRANSITIONS, type Operation } from "./state-machine.ts";
export { transferConversation, type TransferInput } from "./transfer.ts";
export { listResolutionCategories, listTransferTargets } from "./transfer-targets.ts";
export { applyOverflowRules, OVERFLOW_TICK_MS, startOverflowTicker, type Overflowed } from "./overflow.ts";
export { explainRouting } from "./routing-explanation.ts";
