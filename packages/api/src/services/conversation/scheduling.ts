/**
 * The conversation's timers in the job outbox, written in the same transaction as the change that implies them.
 */
import type { Tx } from "../../domain-events/index.ts";
import { enqueueJob } from "../../job-queue/queue.ts";

export const REPLY_TIMEOUT_JOB = "conversation.replyTimeout";
export const ROUTE_JOB = "conversation.route";
/** The outbox routing job runs this long after a conversation is queued, in case routing after commit never ran. */
const ROUTE_JOB_DELAY_MS = 15_000;

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
