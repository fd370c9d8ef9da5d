/**
 * Entering the queue: the bot's hand-off (BOT → QUEUED) and the shared writes of every entry into a queue
 * (hand-off, transfer to a team, reopening without the former agent).
 */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork, type JsonObject, type Tx, type UnitOfWork } from "../../domain-events/index.ts";
import { handoffInput } from "../../contracts/conversation.ts";
import { AppError, parseInput } from "../../errors.ts";
import { chooseHandoffTeam, type HandoffTeam } from "../routing/index.ts";
import { lockConversation, pausedSecondsAt, type ConversationState } from "./conversation-row.ts";
import { triggerRouting } from "./routing.ts";
import { scheduleRouting } from "./scheduling.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendSystemMessage, type SystemMessageKey } from "./timeline.ts";

export interface EnterQueueOptions {
  teamId: number | null;
  priority?: number;
  actorId?: number | null;
  /** why it was queued: customer_request, low_confidence, priority_customer, transfer, reopened … */
  reason: string;
  /** why this team (services/routing): recorded with the reason */
  routing?: HandoffTeam["routing"];
  systemMessage: { key: SystemMessageKey; params?: Record<string, string | number> };
}

/**
 * Puts a conversation in a team's queue: status QUEUED without an assignee, queuedAt now (a running pause
 * ends and is counted), a QUEUED event, the customer's system message and the outbox routing job.
 * The caller has locked the row and written the event that explains the move (BOT_HANDOFF, TRANSFERRED …).
 */
export async function enterQueue(uow: UnitOfWork, conversation: ConversationState, options: EnterQueueOptions, at: Date) {
  await uow.tx.conversation.update({
    where: { id: conversation.id },
    data: {
      status: "QUEUED",
      teamId: options.teamId,
      assigneeId: null,
      queuedAt: at,
      pausedAt: null,
      pausedSeconds: pausedSecondsAt(conversation, at),
      ...(options.priority === undefined ? {} : { priority: options.priority }),
    },
  });
  const after = { id: conversation.id, status: "QUEUED" as const, assigneeId: null, teamId: options.teamId };
  const eventId = await addEvent(
    uow,
    after,
    {
      type: "QUEUED",
      actorId: options.actorId,
      fromStatus: conversation.status,
      toStatus: "QUEUED",
      fromTeamId: conversation.teamId,
      toTeamId: options.teamId,
      detail: options.routing ? { reason: options.reason, routing: options.routing } : { reason: options.reason },
    },
    at,
  );
  const message = await appendSystemMessage(uow, after, options.systemMessage.key, at, { params: options.systemMessage.params });
  await scheduleRouting(uow.tx, conversation.id, eventId, options.teamId, at);
  return { eventId, message, state: after };
}

export async function assertTeamExists(db: Db | Tx, teamId: number, field: string) {
  if (!(await db.team.count({ where: { id: teamId } }))) throw new AppError("NOT_FOUND", { field });
}

export interface HandoffOptions {
  reason: string;
  teamId?: number | null;
  priority?: number;
}

export interface ConversationSnapshot {
  conversationId: number;
  status: ConversationState["status"];
  assigneeId: number | null;
  teamId: number | null;
}

export async function snapshot(db: Db, conversationId: number): Promise<ConversationSnapshot> {
  const row = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { id: true, status: true, assigneeId: true, teamId: true } });
  return { conversationId: row.id, status: row.status, assigneeId: row.assigneeId, teamId: row.teamId };
}

export function validateHandoff(options: HandoffOptions) {
  parseInput(handoffInput, options);
}

/**
 * The bot hands the conversation to people: a BOT_HANDOFF event (the decision), then BOT → QUEUED with its
 * QUEUED event, then routing. Returns the state after routing (ACTIVE with an assignee when an agent was free).
 */
export async function handoffToQueue(db: Db, conversationId: number, options: HandoffOptions): Promise<ConversationSnapshot> {
  validateHandoff(options);
  if (options.teamId) await assertTeamExists(db, options.teamId, "teamId");
  const teamId = await runUnitOfWork(db, async (uow) => {
    const conversation = await lockConversation(uow.tx, conversationId);
    const team: HandoffTeam = options.teamId
      ? { teamId: options.teamId, routing: { by: "caller" } }
      : await chooseHandoffTeam(uow.tx, { conversationId, teamId: conversation.teamId });
    const queued = await handOffInUnit(uow, conversation, { ...options, ...team }, new Date());
    return queued.teamId;
  });
  await triggerRouting(db, { teamId });
  return snapshot(db, conversationId);
}

/**
 * The hand-off's writes inside a unit of work: BOT_HANDOFF records the bot's decision; the QUEUED event that follows
 * records the status change (one event per status change, so metrics never count a move twice). The caller runs
 * routing after commit.
 */
export async function handOffInUnit(
  uow: UnitOfWork,
  conversation: ConversationState,
  options: { reason: string; teamId: number | null; priority?: number; routing?: HandoffTeam["routing"] },
  at: Date,
): Promise<ConversationState> {
  nextStatus("handoff", conversation.status);
  const detail: JsonObject = options.routing ? { reason: options.reason, routing: options.routing } : { reason: options.reason };
  await addEvent(uow, conversation, { type: "BOT_HANDOFF", toTeamId: options.teamId, detail }, at);
  const { state } = await enterQueue(
    uow,
    conversation,
    { teamId: options.teamId, priority: options.priority, reason: options.reason, routing: options.routing, systemMessage: { key: "conversation.queued" } },
    at,
  );
  return { ...conversation, ...state, queuedAt: at, pausedAt: null, priority: options.priority ?? conversation.priority };
}
