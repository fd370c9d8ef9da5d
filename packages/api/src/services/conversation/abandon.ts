/** The customer left the queue before anyone took the conversation (QUEUED → ABANDONED). */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork, type JsonObject, type UnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { lockConversation, type ConversationState } from "./conversation-row.ts";
import type { ConversationSnapshot } from "./handoff.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendSystemMessage } from "./timeline.ts";

export async function abandonConversation(db: Db, conversationId: number, options: { customerId?: number } = {}): Promise<ConversationSnapshot> {
  const state = await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    // the widget passes its customer: someone else's conversation does not exist for it
    if (options.customerId !== undefined && conversation.customerId !== options.customerId) throw new AppError("NOT_FOUND", { field: "id" });
    return abandonLocked(uow, conversation, new Date());
  });
  return { conversationId: state.id, status: state.status, assigneeId: null, teamId: state.teamId };
}

/**
 * The abandonment itself, on a conversation the caller has locked: the ABANDONED event (with the wait and any
 * `detail` the caller adds, such as why) and the system line. Metrics count the event.
 */
export async function abandonLocked(uow: UnitOfWork, conversation: ConversationState, at: Date, detail: JsonObject = {}) {
  const to = nextStatus("abandon", conversation.status);
  const waitedSeconds = conversation.queuedAt ? Math.max(0, Math.round((at.getTime() - conversation.queuedAt.getTime()) / 1000)) : 0;
  await uow.tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
  const next = { id: conversation.id, status: to, assigneeId: null, teamId: conversation.teamId };
  await addEvent(
    uow,
    next,
    { type: "ABANDONED", fromStatus: conversation.status, toStatus: to, fromTeamId: conversation.teamId, detail: { waitedSeconds, ...detail } },
    at,
  );
  await appendSystemMessage(uow, next, "conversation.abandoned", at);
  return next;
}
