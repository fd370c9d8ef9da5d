/**
 * "Typing…" both ways: a signal on the conversation channel, not a stored fact, so it is published directly rather
 * than recorded as a domain event. Clients send it at most every few seconds while someone types; the server drops
 * repeats within TYPING_INTERVAL_SECONDS per conversation and side, so a misbehaving client cannot flood the channel.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { conversationEvents } from "../../realtime/conversation-events.ts";
import { publishAll } from "../../realtime/publish.ts";
import { getRateLimiter } from "../rate-limit/index.ts";
import { assertCanAct, type Actor } from "./actor.ts";

export const TYPING_INTERVAL_SECONDS = 2;

async function signal(conversationId: number, senderType: "CUSTOMER" | "AGENT", userId: number | null): Promise<{ published: boolean }> {
  const key = `typing:${conversationId}:${senderType}:${userId ?? 0}`;
  const { allowed } = await getRateLimiter().hit(key, 1, TYPING_INTERVAL_SECONDS);
  if (!allowed) return { published: false };
  await publishAll([conversationEvents.typing(conversationId, senderType, userId)]);
  return { published: true };
}

/** The assignee (or a supervisor) is typing a reply. */
export async function signalAgentTyping(db: Db, actor: Actor, conversationId: number) {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true, assigneeId: true, status: true } });
  if (!conversation) throw new AppError("NOT_FOUND", { field: "id" });
  assertCanAct(actor, conversation);
  if (conversation.status !== "ACTIVE") return { published: false };
  return signal(conversation.id, "AGENT", actor.id);
}

/** The customer is typing in their widget (their own open conversation). */
export async function signalCustomerTyping(conversationId: number) {
  return signal(conversationId, "CUSTOMER", null);
}
