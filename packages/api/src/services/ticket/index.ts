// 工单: built-in tickets, the external ticket systems, the push and the status callback (docs/architecture.md, "Tickets").
export { createExternalTicket, TicketPushError, type CreatedExternally, type PushableTicket } from "./adapters.ts";
export { receiveTicketStatusCallback, signTicketCallback, type TicketCallbackRequest } from "./callback.ts";
export { pushTicket, type PushOutcome } from "./push.ts";
export { ticketPushSubscriber, ticketRealtimeSubscriber, TICKET_PUSH_SUBSCRIBER_NAME } from "./subscriber.ts";
export { createTicketSystem, deleteTicketSystem, listTicketSystems, setTicketSystemActive } from "./systems.ts";
export {
  applyTicketUpdate,
  createTicket,
  getTicket,
  getTicketDetail,
  linkTicketConversation,
  listConversationTickets,
  listTicketAssignees,
  listTickets,
  ticketDraftFromConversation,
  updateTicket,
} from "./tickets.ts";
