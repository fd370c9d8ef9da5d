/**
 * Response metrics, from the messages. Only agents' TEXT messages count as replies (internal notes
 * are not seen by the customer); they are found through the Message(createdAt) index and each is compared with
 * the rows before it in its conversation through Message(conversationId, id).
 */
import { Prisma, type Db } from "@kefu/db/client";
import { agentFilter, teamFilter, toCount, toSeconds, type MetricScope } from "./sql.ts";
import type { TimeWindow } from "./time.ts";

export interface FirstResponseStats {
  /** conversations that got their first human reply in the window */
  count: number;
  /** mean of (first human agent message − hand-off time, or creation time when no bot took part), seconds */
  averageSeconds: number | null;
}

export async function firstResponseStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<FirstResponseStats> {
  const [row] = await db.$queryRaw<{ n: unknown; avgSeconds: unknown }[]>`
    SELECT COUNT(*) AS n, AVG(TIMESTAMPDIFF(SECOND,
      COALESCE(
        (SELECT MIN(h.at) FROM \`ConversationEvent\` h WHERE h.conversationId = m.conversationId AND h.type = 'BOT_HANDOFF'),
        c.createdAt),
      m.createdAt)) AS avgSeconds
    FROM \`Message\` m JOIN \`Conversation\` c ON c.id = m.conversationId
    WHERE m.createdAt >= ${window.from} AND m.createdAt < ${window.to}
      AND m.senderType = 'AGENT' AND m.kind = 'TEXT'
      AND NOT EXISTS (
        SELECT 1 FROM \`Message\` p
        WHERE p.conversationId = m.conversationId AND p.senderType = 'AGENT' AND p.kind = 'TEXT' AND p.id < m.id)
      ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`m.senderId`)}`;
  return { count: toCount(row?.n), averageSeconds: toSeconds(row?.avgSeconds) };
}

export interface ReplyTimeStats {
  /** exchanges measured: agent replies that answered at least one customer message */
  exchanges: number;
  /** mean of (agent reply − the oldest customer message it answered), seconds */
  averageSeconds: number | null;
}

/**
 * Reply time (ART): each agent reply in the window − the oldest customer message after the previous answer
 * (an agent's or the bot's TEXT message) in that conversation. A reply that follows another answer with no
 * customer message in between answers nothing and is not an exchange.
 */
export async function replyTimeStats(db: Db, window: TimeWindow, scope: MetricScope = {}): Promise<ReplyTimeStats> {
  const [row] = await db.$queryRaw<{ n: unknown; avgSeconds: unknown }[]>`
    SELECT COUNT(x.askedAt) AS n, AVG(TIMESTAMPDIFF(SECOND, x.askedAt, x.repliedAt)) AS avgSeconds
    FROM (
      SELECT m.createdAt AS repliedAt,
        (SELECT MIN(q.createdAt) FROM \`Message\` q
          WHERE q.conversationId = m.conversationId AND q.senderType = 'CUSTOMER' AND q.kind = 'TEXT' AND q.id < m.id
            AND q.id > COALESCE((
              SELECT MAX(p.id) FROM \`Message\` p
              WHERE p.conversationId = m.conversationId AND p.senderType IN ('AGENT', 'BOT') AND p.kind = 'TEXT' AND p.id < m.id), 0)
        ) AS askedAt
      FROM \`Message\` m JOIN \`Conversation\` c ON c.id = m.conversationId
      WHERE m.createdAt >= ${window.from} AND m.createdAt < ${window.to}
        AND m.senderType = 'AGENT' AND m.kind = 'TEXT'
        ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`m.senderId`)}
    ) x`;
  return { exchanges: toCount(row?.n), averageSeconds: toSeconds(row?.avgSeconds) };
}

/**
 * Replies waiting: conversations an agent holds (ACTIVE or PAUSED) whose last customer message has no later
 * agent reply. Returns them by assignee.
 */
export async function repliesWaiting(db: Db, scope: MetricScope = {}): Promise<{ conversationId: number; assigneeId: number }[]> {
  const rows = await db.$queryRaw<{ id: unknown; assigneeId: unknown }[]>`
    SELECT c.id, c.assigneeId FROM \`Conversation\` c
    WHERE c.status IN ('ACTIVE', 'PAUSED') AND c.assigneeId IS NOT NULL AND c.lastCustomerMessageAt IS NOT NULL
      AND (c.lastAgentMessageAt IS NULL OR c.lastCustomerMessageAt > c.lastAgentMessageAt)
      ${teamFilter(scope)} ${agentFilter(scope, Prisma.sql`c.assigneeId`)}`;
  return rows.map((r) => ({ conversationId: toCount(r.id), assigneeId: toCount(r.assigneeId) }));
}

export interface TranscriptLine {
  id: number;
  senderType: "CUSTOMER" | "AGENT" | "BOT" | "SYSTEM";
  kind: string;
  createdAt: Date;
}

export interface ConversationResponseTimes {
  /** the first human reply − the hand-off (or creation without a bot), as `firstResponseStats` counts it */
  firstResponse: { messageId: number; seconds: number } | null;
  /** every exchange as `replyTimeStats` counts it: the reply and the oldest customer message it answered */
  replies: { messageId: number; askedMessageId: number; seconds: number }[];
}

/** The two response metrics above for one conversation's messages (in id order), for checks such as AutoQA. */
export function responseTimesOf(lines: readonly TranscriptLine[], startedAt: Date): ConversationResponseTimes {
  const text = (line: TranscriptLine) => line.kind === "TEXT";
  let firstResponse: ConversationResponseTimes["firstResponse"] = null;
  const replies: ConversationResponseTimes["replies"] = [];
  let oldestUnanswered: TranscriptLine | null = null;
  for (const line of lines) {
    if (!text(line)) continue;
    if (line.senderType === "CUSTOMER") oldestUnanswered ??= line;
    else if (line.senderType === "AGENT" || line.senderType === "BOT") {
      if (line.senderType === "AGENT") {
        firstResponse ??= { messageId: line.id, seconds: secondsBetween(startedAt, line.createdAt) };
        if (oldestUnanswered)
          replies.push({ messageId: line.id, askedMessageId: oldestUnanswered.id, seconds: secondsBetween(oldestUnanswered.createdAt, line.createdAt) });
      }
      oldestUnanswered = null;
    }
  }
  return { firstResponse, replies };
}

/** whole seconds, as MySQL's TIMESTAMPDIFF(SECOND, …) counts them */
function secondsBetween(from: Date, to: Date): number {
  return Math.trunc((to.getTime() - from.getTime()) / 1000);
}
