import { permissionProcedure, router } from "../trpc.ts";
import { conversationTicketsInput, createTicketInput, linkTicketInput, listTicketsInput, ticketIdInput, updateTicketInput } from "../contracts/ticket.ts";
import {
  createTicket,
  getTicketDetail,
  linkTicketConversation,
  listConversationTickets,
  listTicketAssignees,
  listTickets,
  ticketDraftFromConversation,
  updateTicket,
} from "../services/ticket/index.ts";

const work = permissionProcedure("ticket.work");

// 工单 (docs/architecture.md, "Tickets")
export const ticketRouter = router({
  list: work.input(listTicketsInput).query(({ ctx, input }) => listTickets(ctx.db, ctx.session, input)),
  get: work.input(ticketIdInput).query(({ ctx, input }) => getTicketDetail(ctx.db, input.id)),
  listAssignees: work.query(({ ctx }) => listTicketAssignees(ctx.db)),
  listForConversation: work.input(conversationTicketsInput).query(({ ctx, input }) => listConversationTickets(ctx.db, ctx.session, input.conversationId)),
  draftFromConversation: work.input(conversationTicketsInput).query(({ ctx, input }) => ticketDraftFromConversation(ctx.db, ctx.session, input.conversationId)),
  create: work
    .meta({ auditTarget: "Ticket" })
    .input(createTicketInput)
    .mutation(({ ctx, input }) => createTicket(ctx.db, ctx.session, input)),
  update: work
    .meta({ auditTarget: "Ticket" })
    .input(updateTicketInput)
    .mutation(({ ctx, input }) => updateTicket(ctx.db, ctx.session, input)),
  linkConversation: work
    .meta({ auditTarget: "Ticket" })
    .input(linkTicketInput)
    .mutation(({ ctx, input }) => linkTicketConversation(ctx.db, ctx.session, input)),
});
