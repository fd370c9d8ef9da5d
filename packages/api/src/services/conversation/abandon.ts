/** The customer left the queue before anyone took the conversation (QUEUED → ABANDONED). */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import type { ConversationSnapshot } from "./handoff.ts";
import { addEvent, appendSystemMessage, lockConversation, queueChangedFor, runTx } from "./shared.ts";
import { nextStatus } from "./state-machine.ts";

export async function abandonConversation(db: Db, conversationId: number, options: { customerId?: number } = {}): Promise<ConversationSnapshot> {
  let publications: Publication[] = [];
  const state = await runTx(db, async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    // the widget passes its customer: someone else's conversation does not exist for it
    if (options.customerId !== undefined && conversation.customerId !== options.customerId) throw new AppError("NOT_FOUND", { field: "id" });
    const to = nextStatus("abandon", conversation.status);
    const at = new Date();
    const waitedSeconds = conversation.queuedAt ? Math.max(0, Math.round((at.getTime() - conversation.queuedAt.getTime()) / 1000)) : 0;
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
    await addEvent(tx, conversation.id, { type: "ABANDONED", fromStatus: conversation.status, toStatus: to, fromTeamId: conversation.teamId, detail: { waitedSeconds } }, at);
    const message = await appendSystemMessage(tx, conversation.id, "conversation.abandoned", at);
    const next = { id: conversation.id, status: to, assigneeId: null, teamId: conversation.teamId };
    publications = [conversationEvents.conversationUpdated(next), conversationEvents.messageCreated(message, null)];
    return next;
  });
  await publishAll([...publications, ...(await queueChangedFor(db, [state.teamId]))]);
  return { conversationId: state.id, status: state.status, assigneeId: null, teamId: state.teamId };
}
