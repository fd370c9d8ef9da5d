/**
 * Building blocks of the conversation services: transactions with row locks, the actor checks, and the
 * writes every state change shares (message, event, outbox jobs).
 *
 * Lock order, kept by every service so two transactions never wait on each other in a cycle:
 * Customer → Conversation → User (the agent). Routing takes its locks with SKIP LOCKED and never waits.
 */
import { Prisma, type ConversationEventType, type ConversationStatus, type Db, type MessageKind, type Role, type SenderType } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import { can } from "../../permissions.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import { monitorEvents, type MonitorChange } from "../../realtime/monitor-events.ts";
import { requestAlertEvaluation } from "../alert/evaluate.ts";
import { HELD_STATUSES } from "./state-machine.ts";

export type Tx = Prisma.TransactionClient;

/** The staff member acting (a session user or anything with its id and role). */
export interface Actor {
  id: number;
  role: Role;
}

export const REPLY_TIMEOUT_JOB = "conversation.replyTimeout";
export const ROUTE_JOB = "conversation.route";
/** The outbox routing job runs this long after a conversation is queued, in case routing after commit never ran. */
const ROUTE_JOB_DELAY_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DbErrorLike {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
}

/** Deadlocks (1213) and lock-wait timeouts (1205) are retried; so is a unique violation when the caller expects races on one. */
function isRetryable(error: unknown, retryUniqueViolation: boolean): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as DbErrorLike;
  if (code === "P2034" || (retryUniqueViolation && code === "P2002")) return true;
  const cause = meta?.driverAdapterError?.cause;
  return cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "1213" || cause?.originalCode === "1205";
}

/**
 * One READ COMMITTED transaction: every statement sees the latest committed rows, which is what a
 * `SELECT … FOR UPDATE` followed by plain reads needs (REPEATABLE READ would read an older snapshot).
 */
export async function runTx<T>(db: Db, fn: (tx: Tx) => Promise<T>, options: { retryUniqueViolation?: boolean } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const changes: MonitorChange[] = [];
    let result: T;
    try {
      result = await db.$transaction(
        async (tx) => {
          monitorChanges.set(tx, changes);
          return fn(tx);
        },
        { isolationLevel: "ReadCommitted", maxWait: 15_000, timeout: 30_000 },
      );
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error, options.retryUniqueViolation ?? false)) throw error;
      await sleep(10 * attempt + Math.random() * 20);
      continue;
    }
    await announceChanges(db, changes);
    return result;
  }
}

/**
 * The events each running transaction wrote, so the live monitor hears about every status change from one
 * place (addEvent) once the transaction has committed, whichever service made it.
 */
const monitorChanges = new WeakMap<Tx, MonitorChange[]>();

async function announceChanges(db: Db, changes: readonly MonitorChange[]) {
  if (changes.length === 0) return;
  await publishAll([monitorEvents.delta(changes)]);
  // queue length, waits and CSAT feed the alert rules
  if (changes.some((c) => c.from === "QUEUED" || c.to === "QUEUED" || c.type === "CSAT")) requestAlertEvaluation(db);
}

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
} satisfies Prisma.ConversationSelect;

export type ConversationState = Prisma.ConversationGetPayload<{ select: typeof conversationStateSelect }>;

/** Locks the conversation row for the rest of the transaction and reads it; NOT_FOUND (field "id") when missing. */
export async function lockConversation(tx: Tx, conversationId: number, field = "id"): Promise<ConversationState> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`Conversation\` WHERE id = ${conversationId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { field });
  return tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: conversationStateSelect });
}

export function canSupervise(actor: Actor): boolean {
  return can(actor.role, "conversation.supervise");
}

/** Acting on a conversation: its assignee, or anyone with `conversation.supervise`. */
export function assertCanAct(actor: Actor, conversation: { assigneeId: number | null }): void {
  if (conversation.assigneeId !== actor.id && !canSupervise(actor)) throw new AppError("FORBIDDEN", { field: "id" });
}

export async function teamIdsOf(db: Db | Tx, userId: number): Promise<number[]> {
  const rows = await db.teamMember.findMany({ where: { userId }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}

/**
 * Body of a SYSTEM message the customer sees ("an agent joined", "you are in the queue"): a message key and
 * its parameters as JSON, which the widget and the console translate (the API holds no user-facing text).
 */
export function systemMessageBody(key: SystemMessageKey, params?: Record<string, string | number>): string {
  return JSON.stringify(params ? { key, params } : { key });
}

export type SystemMessageKey =
  | "conversation.queued"
  | "conversation.assigned"
  | "conversation.transferred"
  | "conversation.requeued"
  | "conversation.resolved"
  | "conversation.abandoned"
  | "conversation.reopened";

export interface NewMessage {
  senderType: SenderType;
  senderId?: number | null;
  kind: MessageKind;
  body: string;
  clientId?: string | null;
  kbArticleId?: number | null;
}

export interface AppendedMessage {
  id: number;
  conversationId: number;
  senderType: SenderType;
  kind: MessageKind;
}

/** Appends a message and points the conversation's lastMessageId at it, with any other row changes in the same update. */
export async function appendMessage(
  tx: Tx,
  conversationId: number,
  message: NewMessage,
  at: Date,
  conversationData: Prisma.ConversationUpdateInput = {},
): Promise<AppendedMessage> {
  const created = await tx.message.create({
    data: {
      conversationId,
      senderType: message.senderType,
      senderId: message.senderId ?? null,
      kind: message.kind,
      body: message.body,
      clientId: message.clientId ?? null,
      kbArticleId: message.kbArticleId ?? null,
      createdAt: at,
    },
    select: { id: true, conversationId: true, senderType: true, kind: true },
  });
  await tx.conversation.update({ where: { id: conversationId }, data: { ...conversationData, lastMessageId: created.id } });
  return created;
}

export function appendSystemMessage(tx: Tx, conversationId: number, key: SystemMessageKey, at: Date, params?: Record<string, string | number>) {
  return appendMessage(tx, conversationId, { senderType: "SYSTEM", kind: "EVENT", body: systemMessageBody(key, params) }, at);
}

export interface NewEvent {
  type: ConversationEventType;
  actorId?: number | null;
  fromStatus?: ConversationStatus | null;
  toStatus?: ConversationStatus | null;
  fromUserId?: number | null;
  toUserId?: number | null;
  fromTeamId?: number | null;
  toTeamId?: number | null;
  detail?: Prisma.InputJsonValue;
}

export async function addEvent(tx: Tx, conversationId: number, event: NewEvent, at: Date): Promise<number> {
  const created = await tx.conversationEvent.create({
    data: {
      conversationId,
      type: event.type,
      actorId: event.actorId ?? null,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      fromUserId: event.fromUserId ?? null,
      toUserId: event.toUserId ?? null,
      fromTeamId: event.fromTeamId ?? null,
      toTeamId: event.toTeamId ?? null,
      detail: event.detail ?? Prisma.JsonNull,
      at,
    },
    select: { id: true },
  });
  // markers that change no status (hand-off decision, transfer note) do not move the monitor's figures
  if (event.toStatus || event.type === "CSAT") monitorChanges.get(tx)?.push(monitorChange(conversationId, event));
  return created.id;
}

function monitorChange(conversationId: number, event: NewEvent): MonitorChange {
  const score = event.type === "CSAT" && event.detail && typeof event.detail === "object" && !Array.isArray(event.detail) ? (event.detail as { score?: unknown }).score : undefined;
  return {
    id: conversationId,
    type: event.type,
    from: event.fromStatus ?? null,
    to: event.toStatus ?? null,
    toUserId: event.toUserId ?? null,
    ...(typeof score === "number" ? { score } : {}),
  };
}

/** Seconds paused so far, including a pause still running at `at`. */
export function pausedSecondsAt(conversation: { pausedAt: Date | null; pausedSeconds: number }, at: Date): number {
  if (!conversation.pausedAt) return conversation.pausedSeconds;
  return conversation.pausedSeconds + Math.max(0, Math.round((at.getTime() - conversation.pausedAt.getTime()) / 1000));
}

/** The outbox guarantee behind routing after commit: each entry into the queue implies a routing run. */
export function scheduleRouting(tx: Tx, conversationId: number, eventId: number, teamId: number | null, at: Date) {
  return enqueueJob(tx, {
    type: ROUTE_JOB,
    runAt: new Date(at.getTime() + ROUTE_JOB_DELAY_MS),
    dedupeKey: `${ROUTE_JOB}:${conversationId}:${eventId}`,
    payload: { teamId },
  });
}

export interface ReplyTimeoutPayload {
  conversationId: number;
  assigneeId: number;
  /** the event that made this assignment (ASSIGNED, TRANSFERRED or REOPENED) */
  eventId: number;
  /** the last message when the assignment was made: any agent text after it is a reply */
  afterMessageId: number;
}

/**
 * Arms the reply timeout of one assignment: the team's replyTimeoutSeconds, or the routing setting for a
 * conversation without a team; 0 turns it off. One job per assignment (the dedupe key holds the event id).
 */
export async function scheduleReplyTimeout(tx: Tx, payload: ReplyTimeoutPayload, teamId: number | null, defaultSeconds: number, at: Date) {
  const seconds = teamId
    ? ((await tx.team.findUnique({ where: { id: teamId }, select: { replyTimeoutSeconds: true } }))?.replyTimeoutSeconds ?? defaultSeconds)
    : defaultSeconds;
  if (seconds <= 0) return null;
  return enqueueJob(tx, {
    type: REPLY_TIMEOUT_JOB,
    runAt: new Date(at.getTime() + seconds * 1000),
    dedupeKey: `${REPLY_TIMEOUT_JOB}:${payload.conversationId}:${payload.eventId}`,
    payload: { ...payload },
  });
}

export interface LockedAgent {
  id: number;
  name: string;
  employeeNo: string;
  role: Role;
  presence: string;
  disabledAt: Date | null;
  maxConcurrent: number;
  open: number;
}

async function readAgent(tx: Tx, userId: number): Promise<LockedAgent> {
  const [user, open] = await Promise.all([
    tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, name: true, employeeNo: true, role: true, presence: true, disabledAt: true, maxConcurrent: true },
    }),
    tx.conversation.count({ where: { assigneeId: userId, status: { in: [...HELD_STATUSES] } } }),
  ]);
  return { ...user, open };
}

/**
 * Locks an agent's User row and reads their presence and open conversations. Every transaction that adds to
 * an agent's open conversations holds this lock while it re-checks capacity, so nobody exceeds maxConcurrent.
 */
export async function lockAgent(tx: Tx, userId: number): Promise<LockedAgent | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`User\` WHERE id = ${userId} FOR UPDATE`;
  return rows.length ? readAgent(tx, userId) : null;
}

/** `lockAgent` without waiting: "busy" when another transaction holds the row (routing moves on to the next agent). */
export async function tryLockAgent(tx: Tx, userId: number): Promise<LockedAgent | "busy" | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`User\` WHERE id = ${userId} FOR UPDATE SKIP LOCKED`;
  if (rows.length) return readAgent(tx, userId);
  return (await tx.user.count({ where: { id: userId } })) ? "busy" : null;
}

/** Why a locked agent cannot take one more conversation, or null when they can. */
export function unavailability(agent: LockedAgent): AppError | null {
  if (agent.disabledAt || agent.presence !== "ONLINE" || !can(agent.role, "conversation.work"))
    return new AppError("AGENT_UNAVAILABLE", { field: "toUserId", params: { presence: agent.disabledAt ? "DISABLED" : agent.presence } });
  if (agent.open >= agent.maxConcurrent) return new AppError("AGENT_AT_CAPACITY", { field: "toUserId", params: { open: agent.open, max: agent.maxConcurrent } });
  return null;
}

/** queue.changed for each team, with its authoritative queue length read after commit. */
export async function queueChangedFor(db: Db, teamIds: Iterable<number | null>): Promise<Publication[]> {
  const unique = [...new Set(teamIds)];
  return Promise.all(
    unique.map(async (teamId) => conversationEvents.queueChanged(teamId, await db.conversation.count({ where: { status: "QUEUED", teamId } }))),
  );
}
