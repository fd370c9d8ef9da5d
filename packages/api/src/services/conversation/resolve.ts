/**
 * Ending a conversation. A person ends it with a resolution category from the configured list
 * (`conversation.resolution` setting) and sends the CSAT survey (csatSentAt); the slot it held is free, so
 * routing runs. The bot ends a conversation it answered (BOT → RESOLVED) with the bot category and no survey.
 */
import type { Db } from "@kefu/db/client";
import { resolutionInput } from "../../contracts/conversation.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { getSetting } from "../settings/index.ts";
import { snapshot, type ConversationSnapshot } from "./handoff.ts";
import { triggerRouting } from "./routing.ts";
import { assertCanAct, type Actor } from "./actor.ts";
import { lockConversation, pausedSecondsAt } from "./conversation-row.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendSystemMessage } from "./timeline.ts";

export interface ResolveInput {
  conversationId: number;
  resolutionCategory: string;
  note?: string;
}

export async function resolveConversation(db: Db, actor: Actor, input: ResolveInput): Promise<ConversationSnapshot> {
  parseInput(resolutionInput, { resolutionCategory: input.resolutionCategory, note: input.note });
  const { categories } = await getSetting(db, "conversation.resolution");
  if (!categories.includes(input.resolutionCategory)) throw new AppError("INVALID_INPUT", { field: "resolutionCategory", params: { rule: "invalid_value" } });
  const note = input.note?.trim() ? input.note.trim() : null;
  await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, input.conversationId);
    assertCanAct(actor, conversation);
    const to = nextStatus("resolve", conversation.status);
    const at = new Date();
    const surveyed = conversation.csatScore === null;
    await uow.tx.conversation.update({
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
    const next = { id: conversation.id, status: to, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
    await addEvent(
      uow,
      next,
      {
        type: "RESOLVED",
        actorId: actor.id,
        fromStatus: conversation.status,
        toStatus: to,
        fromUserId: conversation.assigneeId,
        detail: { resolutionCategory: input.resolutionCategory },
      },
      at,
    );
    await appendSystemMessage(uow, next, "conversation.resolved", at, surveyed ? { params: { csat: 1 } } : {});
  });
  await triggerRouting(db, {});
  return snapshot(db, input.conversationId);
}

/** The bot answered and the customer is done: BOT → RESOLVED, recorded with the bot's resolution category. */
export async function resolveByBot(db: Db, conversationId: number): Promise<ConversationSnapshot> {
  const { botCategory } = await getSetting(db, "conversation.resolution");
  const state = await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    const to = nextStatus("botResolve", conversation.status);
    const at = new Date();
    await uow.tx.conversation.update({ where: { id: conversation.id }, data: { status: to, resolvedAt: at, resolutionCategory: botCategory } });
    const next = { id: conversation.id, status: to, assigneeId: null, teamId: conversation.teamId };
    await addEvent(uow, next, { type: "RESOLVED", fromStatus: conversation.status, toStatus: to, detail: { resolvedBy: "bot" } }, at);
    return next;
  });
  return { conversationId: state.id, status: state.status, assigneeId: null, teamId: state.teamId };
}
