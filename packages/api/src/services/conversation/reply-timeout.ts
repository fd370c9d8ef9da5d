/**
 * The reply timeout (Team.replyTimeoutSeconds): an assignee who has not answered the customer since the
 * assignment loses the conversation — it goes back to its team's queue (REQUEUED), supervisors are told on the
 * monitor and team channels, and routing runs again (without that agent for this conversation).
 *
 * A customer who has left is not passed on: the conversation stays with its agent (customer-presence.ts).
 *
 * Idempotent: the job names the assignment (its event id). A job for an older assignment, for a conversation
 * that has moved on since (paused, transferred, resolved, requeued), or that has had an agent reply, does nothing.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { routeQueued, triggerRouting } from "./routing.ts";
import { lockConversation } from "./conversation-row.ts";
import { isCustomerGone, noteCustomerGone, readPresence } from "./customer-presence.ts";
import { scheduleRouting, type ReplyTimeoutPayload } from "./scheduling.ts";
import { addEvent, appendSystemMessage } from "./timeline.ts";
import { nextStatus } from "./state-machine.ts";

function parsePayload(payload: Prisma.JsonValue): ReplyTimeoutPayload | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const { conversationId, assigneeId, eventId, afterMessageId } = payload as Record<string, unknown>;
  if ([conversationId, assigneeId, eventId, afterMessageId].every((v) => typeof v === "number" && Number.isInteger(v)))
    return { conversationId, assigneeId, eventId, afterMessageId } as ReplyTimeoutPayload;
  return null;
}

export type ReplyTimeoutOutcome = "requeued" | "stale" | "replied" | "customer_gone";

export async function handleReplyTimeout(db: Db, rawPayload: Prisma.JsonValue): Promise<ReplyTimeoutOutcome> {
  const payload = parsePayload(rawPayload);
  if (!payload) return "stale";
  const outcome = await runUnitOfWork(db, async (uow): Promise<ReplyTimeoutOutcome> => {
    const { tx } = uow;
    const exists = await tx.conversation.count({ where: { id: payload.conversationId } });
    if (!exists) return "stale";
    const conversation = await lockConversation(tx, payload.conversationId);
    if (conversation.status !== "ACTIVE" || conversation.assigneeId !== payload.assigneeId) return "stale";
    const laterEvents = await tx.conversationEvent.count({ where: { conversationId: conversation.id, id: { gt: payload.eventId } } });
    if (laterEvents > 0) return "stale";
    const replied = await tx.message.count({
      where: { conversationId: conversation.id, id: { gt: payload.afterMessageId }, senderType: "AGENT", kind: "TEXT" },
    });
    if (replied > 0) return "replied";

    const at = new Date();
    // another agent could not reach a customer who has left: the conversation stays (idle-close.ts ends it)
    const presence = await readPresence(tx, conversation.id);
    if (isCustomerGone(presence, at)) {
      if (presence.customerGoneAt === null) await noteCustomerGone(uow, presence, at);
      return "customer_gone";
    }
    const to = nextStatus("requeue", conversation.status);
    const teamId = conversation.teamId;
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, assigneeId: null, queuedAt: at } });
    const state = { id: conversation.id, status: to, assigneeId: null, teamId };
    const eventId = await addEvent(
      uow,
      state,
      {
        type: "REQUEUED",
        fromStatus: conversation.status,
        toStatus: to,
        fromUserId: payload.assigneeId,
        fromTeamId: teamId,
        toTeamId: teamId,
        detail: { reason: "reply_timeout" },
      },
      at,
    );
    await appendSystemMessage(uow, state, "conversation.requeued", at);
    await scheduleRouting(tx, conversation.id, eventId, teamId, at);
    return "requeued";
  });
  if (outcome === "requeued") await triggerRouting(db, {});
  return outcome;
}

/** The outbox routing job: routes the team's queue (every queue for a conversation without a team); a failure is retried. */
export async function handleRouteJob(db: Db, payload: Prisma.JsonValue): Promise<void> {
  const teamId = payload && typeof payload === "object" && !Array.isArray(payload) && typeof payload.teamId === "number" ? payload.teamId : undefined;
  await routeQueued(db, teamId === undefined ? {} : { teamId });
}
