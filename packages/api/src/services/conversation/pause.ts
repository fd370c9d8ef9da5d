/**
 * Pause (waiting on the customer, or on another department) and resume. While PAUSED the SLA clock stops:
 * pausedAt marks the start and pausedSeconds adds up every finished pause. A paused conversation still holds
 * its slot. A customer's message resumes it by itself (receive-message.ts).
 */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { assertCanAct, type Actor } from "./actor.ts";
import { lockConversation, pausedSecondsAt } from "./conversation-row.ts";
import type { ConversationSnapshot } from "./handoff.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent } from "./timeline.ts";

export async function pauseConversation(db: Db, actor: Actor, input: { conversationId: number }): Promise<ConversationSnapshot> {
  const state = await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("pause", conversation.status);
    const at = new Date();
    await uow.tx.conversation.update({ where: { id: conversation.id }, data: { status: to, pausedAt: at } });
    const next = { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
    await addEvent(uow, next, { type: "PAUSED", actorId: actor.id, fromStatus: conversation.status, toStatus: to }, at);
    return next;
  });
  return { conversationId: state.id, status: state.status, assigneeId: state.assigneeId, teamId: state.teamId };
}

export async function resumeConversation(db: Db, actor: Actor, input: { conversationId: number }): Promise<ConversationSnapshot & { pausedSeconds: number }> {
  const state = await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("resume", conversation.status);
    const at = new Date();
    const pausedSeconds = pausedSecondsAt(conversation, at);
    await uow.tx.conversation.update({ where: { id: conversation.id }, data: { status: to, pausedAt: null, pausedSeconds } });
    const next = { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
    await addEvent(
      uow,
      next,
      {
        type: "RESUMED",
        actorId: actor.id,
        fromStatus: conversation.status,
        toStatus: to,
        detail: { pausedSeconds: pausedSeconds - conversation.pausedSeconds },
      },
      at,
    );
    return { ...next, pausedSeconds };
  });
  return { conversationId: state.id, status: state.status, assigneeId: state.assigneeId, teamId: state.teamId, pausedSeconds: state.pausedSeconds };
}
