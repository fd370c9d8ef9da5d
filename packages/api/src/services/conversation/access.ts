/**
 * Who may see a conversation. Acting on it (reply, transfer, …) is for its assignee or a supervisor
 * (actor.ts `assertCanAct`); reading it is also open to members of its team, who see the team's work, and to an
 * agent who held it before and handed it on (transfer, reply timeout): their open pane and links keep working.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { can } from "../../permissions.ts";
import type { ChannelSubscriber } from "../../realtime/channels.ts";
import { canSupervise, teamIdsOf, type Actor } from "./actor.ts";

export interface ViewableConversation {
  id: number;
  assigneeId: number | null;
  teamId: number | null;
}

export async function canViewConversation(db: Db, actor: Actor, conversation: ViewableConversation): Promise<boolean> {
  if (canSupervise(actor) || conversation.assigneeId === actor.id) return true;
  if (!can(actor.role, "conversation.work")) return false;
  if (conversation.teamId !== null && (await teamIdsOf(db, actor.id)).includes(conversation.teamId)) return true;
  return (await handedOnBy(db, actor.id, conversation.id)) > 0;
}

/** How often the actor handed the conversation on (a transfer away from them, or a requeue after their reply timeout). */
export function handedOnBy(db: Db, userId: number, conversationId: number): Promise<number> {
  return db.conversationEvent.count({ where: { conversationId, fromUserId: userId, type: { in: ["TRANSFERRED", "REQUEUED"] } } });
}

/** Reads the conversation's access fields: NOT_FOUND when it does not exist, FORBIDDEN when the actor may not see it. */
export async function assertCanView(db: Db, actor: Actor, conversationId: number): Promise<ViewableConversation & { lastMessageId: number | null }> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { id: true, assigneeId: true, teamId: true, lastMessageId: true },
  });
  if (!conversation) throw new AppError("NOT_FOUND", { field: "id" });
  if (!(await canViewConversation(db, actor, conversation))) throw new AppError("FORBIDDEN", { field: "id" });
  return conversation;
}

/**
 * Authorises a subscription to `private-conversation-{id}`: the assignee and anyone with
 * `conversation.supervise`. `/api/realtime/auth` calls this for conversation channels, which `canSubscribe` leaves to it.
 */
export async function canSubscribeToConversation(db: Db, subscriber: ChannelSubscriber, conversationId: number): Promise<boolean> {
  if (!Number.isSafeInteger(conversationId) || conversationId <= 0) return false;
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { assigneeId: true } });
  if (!conversation) return false;
  return conversation.assigneeId === subscriber.userId || can(subscriber.role, "conversation.supervise");
}
