/**
 * Ending a conversation. A person ends it with a resolution category from the configured list
 * (`conversation.resolution` setting) and sends the CSAT survey (csatSentAt); the slot it held is free, so
 * routing runs. The bot ends a conversation it answered (BOT → RESOLVED) with the bot category and no survey.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import { getSetting } from "../settings/index.ts";
import { snapshot, type ConversationSnapshot } from "./handoff.ts";
import { NOTE_MAX } from "./reply.ts";
import { triggerRouting } from "./routing.ts";
import { addEvent, appendSystemMessage, assertCanAct, lockConversation, pausedSecondsAt, runTx, type Actor } from "./shared.ts";
import { nextStatus } from "./state-machine.ts";

export interface ResolveInput {
  conversationId: number;
  resolutionCategory: string;
  note?: string;
}

export async function resolveConversation(db: Db, actor: Actor, input: ResolveInput): Promise<ConversationSnapshot> {
  const { categories } = await getSetting(db, "conversation.resolution");
  if (typeof input.resolutionCategory !== "string" || !categories.includes(input.resolutionCategory)) throw new AppError("INVALID_INPUT", { field: "resolutionCategory" });
  if (input.note !== undefined && (typeof input.note !== "string" || input.note.length > NOTE_MAX)) throw new AppError("INVALID_INPUT", { field: "note", params: { max: NOTE_MAX } });
  const note = input.note?.trim() ? input.note.trim() : null;
  let publications: Publication[] = [];
  await runTx(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("resolve", conversation.status);
    const at = new Date();
    const surveyed = conversation.csatScore === null;
    await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        status: to,
        resolvedAt: at,
        resolutionCategory: input.resolutionCategory,
        resolutionNote: note,
        pausedAt: null,
        pausedSeconds: pausedSecondsAt(conversation, at),
        ...(surveyed ? { csatSentAt: at } : {}),
      },
    });
    await addEvent(
      tx,
      conversation.id,
      { type: "RESOLVED", actorId: actor.id, fromStatus: conversation.status, toStatus: to, fromUserId: conversation.assigneeId, detail: { resolutionCategory: input.resolutionCategory } },
      at,
    );
    const message = await appendSystemMessage(tx, conversation.id, "conversation.resolved", at, surveyed ? { csat: 1 } : undefined);
    publications = [
      conversationEvents.conversationUpdated({ id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId }),
      conversationEvents.messageCreated(message, null),
    ];
  });
  await publishAll(publications);
  await triggerRouting(db, {});
  return snapshot(db, input.conversationId);
}

/** The bot answered and the customer is done: BOT → RESOLVED, recorded with the bot's resolution category. */
export async function resolveByBot(db: Db, conversationId: number): Promise<ConversationSnapshot> {
  const { botCategory } = await getSetting(db, "conversation.resolution");
  const state = await runTx(db, async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const to = nextStatus("botResolve", conversation.status);
    const at = new Date();
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, resolvedAt: at, resolutionCategory: botCategory } });
    await addEvent(tx, conversation.id, { type: "RESOLVED", fromStatus: conversation.status, toStatus: to, detail: { resolvedBy: "bot" } }, at);
    return { id: conversation.id, status: to, assigneeId: null, teamId: conversation.teamId };
  });
  await publishAll([conversationEvents.conversationUpdated(state)]);
  return { conversationId: state.id, status: state.status, assigneeId: null, teamId: state.teamId };
}
