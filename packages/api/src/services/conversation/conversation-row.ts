/**
 * The conversation row as the state-changing services read it, under a row lock.
 *
 * Lock order, kept by every service so two transactions never wait on each other in a cycle:
 * Customer → Conversation → User (the agent). Routing takes its locks with SKIP LOCKED and never waits.
 */
import { Prisma } from "@kefu/db/client";
import type { ConversationRef, Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";

export const conversationStateSelect = {
  id: true,
  status: true,
  customerId: true,
  channel: true,
  teamId: true,
  assigneeId: true,
  priority: true,
  queuedAt: true,
  assignedAt: true,
  pausedAt: true,
  pausedSeconds: true,
  firstResponseAt: true,
  resolvedAt: true,
  csatSentAt: true,
  csatScore: true,
  lastMessageId: true,
  botLowConfidenceCount: true,
} satisfies Prisma.ConversationSelect;

/** The same columns for raw locking reads (one statement instead of a lock and a read). */
export const CONVERSATION_STATE_COLUMNS = Prisma.raw(
  Object.keys(conversationStateSelect)
    .map((column) => `c.\`${column}\``)
    .join(", "),
);

export type ConversationState = Prisma.ConversationGetPayload<{ select: typeof conversationStateSelect }>;

/** Locks the conversation row for the rest of the transaction and reads it; NOT_FOUND (field "id") when missing. */
export async function lockConversation(tx: Tx, conversationId: number, field = "id"): Promise<ConversationState> {
  const [row] = await tx.$queryRaw<ConversationState[]>`SELECT ${CONVERSATION_STATE_COLUMNS} FROM \`Conversation\` c WHERE c.id = ${conversationId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", { field });
  return row;
}

/** The routing state domain events carry. */
export function conversationRef(conversation: ConversationRef): ConversationRef {
  return { id: conversation.id, status: conversation.status, assigneeId: conversation.assigneeId, teamId: conversation.teamId };
}

/** Seconds paused so far, including a pause still running at `at`. */
export function pausedSecondsAt(conversation: { pausedAt: Date | null; pausedSeconds: number }, at: Date): number {
  if (!conversation.pausedAt) return conversation.pausedSeconds;
  return conversation.pausedSeconds + Math.max(0, Math.round((at.getTime() - conversation.pausedAt.getTime()) / 1000));
}
