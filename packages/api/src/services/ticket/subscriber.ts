/**
 * Reactions to ticket changes: the push to the external system (outbox: it leaves the process and must not be
 * lost) and the live update of the screens showing the ticket (after commit, best effort: the screens read the
 * ticket again).
 */
import { TICKET_PUSH_MAX_ATTEMPTS } from "../../contracts/ticket.ts";
import { channels, realtimeEvents, type RealtimePayload } from "../../contracts/realtime.ts";
import type { AfterCommitSubscriber, OutboxSubscriber } from "../../domain-events/index.ts";
import { publishAll, type Publication } from "../../realtime/publish.ts";
import { pushTicket } from "./push.ts";

export const TICKET_PUSH_SUBSCRIBER_NAME = "tickets.push";

export const ticketPushSubscriber: OutboxSubscriber = {
  name: TICKET_PUSH_SUBSCRIBER_NAME,
  delivery: "outbox",
  events: ["ticket.created"],
  maxAttempts: TICKET_PUSH_MAX_ATTEMPTS,
  accepts: (event) => event.type === "ticket.created" && event.push,
  handle: async (event, { db }) => {
    if (event.type !== "ticket.created") return;
    await pushTicket(db, event.ticketId);
  },
};

/**
 * `ticket.changed` on the own channel of whoever works on it: the assignees of its conversations, its creator and
 * its assignee (the workspace's ticket list and /tickets refresh). Never on the conversation channel, which the
 * customer's widget also listens to.
 */
export const ticketRealtimeSubscriber: AfterCommitSubscriber = {
  name: "realtime.tickets",
  delivery: "after-commit",
  events: ["ticket.created", "ticket.updated"],
  async handle(events, { db }) {
    const publications: Publication[] = [];
    for (const event of events) {
      if (event.type !== "ticket.created" && event.type !== "ticket.updated") continue;
      const ticket = await db.ticket.findUnique({ where: { id: event.ticketId }, select: { createdById: true, assigneeId: true } });
      if (!ticket) continue;
      const holders = event.conversationIds.length
        ? await db.conversation.findMany({ where: { id: { in: event.conversationIds }, assigneeId: { not: null } }, select: { assigneeId: true } })
        : [];
      const people = new Set<number>([
        ticket.createdById,
        ...(ticket.assigneeId ? [ticket.assigneeId] : []),
        ...holders.map((row) => row.assigneeId as number),
      ]);
      const data: RealtimePayload<"ticket.changed"> = { ticketId: event.ticketId, status: event.status, conversationIds: event.conversationIds };
      for (const person of people) publications.push({ channel: channels.agent(person), event: realtimeEvents.ticketChanged, data: { ...data } });
    }
    await publishAll(publications);
  },
};
