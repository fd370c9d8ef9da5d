/**
 * Pause (waiting on the customer, or on another department) and resume. While PAUSED the SLA clock stops:
 * pausedAt marks the start and pausedSeconds adds up every finished pause. A paused conversation still holds
 * its slot. A customer's message resumes it by itself (receive-message.ts).
 */
import type { Db } from "@kefu/db/client";
import { conversationEvents, publishAll } from "../../realtime/conversation-events.ts";
import type { ConversationSnapshot } from "./handoff.ts";
import { addEvent, assertCanAct, lockConversation, pausedSecondsAt, runTx, type Actor } from "./shared.ts";
import { nextStatus } from "./state-machine.ts";

export async function pauseConversation(db: Db, actor: Actor, input: { conversationId: number }): Promise<ConversationSnapshot> {
  const state = await runTx(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("pause", conversation.status);
    const at = new Date();
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, pausedAt: at } });
    await addEvent(tx, conversation.id, { type: "PAUSED", actorId: actor.id, fromStatus: conversation.status, toStatus: to }, at);
    return { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
  });
  await publishAll([conversationEvents.conversationUpdated(state)]);
  return { conversationId: state.id, status: state.status, assigneeId: state.assigneeId, teamId: state.teamId };
}

export async function resumeConversation(db: Db, actor: Actor, input: { conversationId: number }): Promise<ConversationSnapshot & { pausedSeconds: number }> {
  const state = await runTx(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("resume", conversation.status);
    const at = new Date();
    const pausedSeconds = pausedSecondsAt(conversation, at);
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, pausedAt: null, pausedSeconds } });
    await addEvent(
      tx,
      conversation.id,
      { type: "RESUMED", actorId: actor.id, fromStatus: conversation.status, toStatus: to, detail: { pausedSeconds: pausedSeconds - conversation.pausedSeconds } },
      at,
    );
    return { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId, pausedSeconds };
  });
  await publishAll([conversationEvents.conversationUpdated(state)]);
  return { conversationId: state.id, status: state.status, assigneeId: state.assigneeId, teamId: state.teamId, pausedSeconds: state.pausedSeconds };
}
