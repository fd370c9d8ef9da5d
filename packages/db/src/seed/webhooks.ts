/**
 * The webhooks section's demo: one CRM endpoint, disabled (its address is an example, so nothing is sent while
 * the demo runs), with the log of the last conversations it was sent, as the webhook service writes them
 * (`{type, timestamp, data}` bodies of `conversation.resolved`, one failed attempt series among them).
 */
import { randomBytes } from "node:crypto";
import type * as mariadb from "mariadb";
import { encryptField, type FieldKeys } from "../crypto.ts";

const EVENTS = ["conversation.created", "conversation.assigned", "conversation.resolved", "message.created", "csat.submitted"];
const HOUR = 3_600_000;

interface ResolvedRow {
  eventId: number;
  conversationId: number;
  createdAt: Date;
  actorId: number | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromUserId: number | null;
  toUserId: number | null;
  fromTeamId: number | null;
  toTeamId: number | null;
  status: string;
  assigneeId: number | null;
  teamId: number | null;
  channel: string;
  customerId: number;
}

export async function writeDemoWebhook(connection: mariadb.Connection, keys: FieldKeys, options: { actorId: number; now: number }) {
  const { now } = options;
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const created = new Date(now - 30 * 24 * HOUR);
  const result = await connection.query<{ insertId: bigint | number }>(
    "INSERT INTO `Webhook` (`name`, `url`, `description`, `events`, `secretEnc`, `active`, `disabledReason`, `disabledAt`, `createdById`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, false, 'MANUAL', ?, ?, ?, ?)",
    [
      "CRM（演示）",
      "https://crm.example.com/hooks/kefu",
      "把咨询同步到销售 CRM；演示数据，已停用",
      JSON.stringify(EVENTS),
      encryptField(keys, secret),
      new Date(now - HOUR),
      options.actorId,
      created,
      new Date(now - HOUR),
    ],
  );
  const webhookId = Number(result.insertId);
  const rows = await connection.query<ResolvedRow[]>(
    `SELECT e.id AS eventId, e.conversationId, e.at AS createdAt, e.actorId, e.fromStatus, e.toStatus, e.fromUserId, e.toUserId, e.fromTeamId, e.toTeamId,
            c.status, c.assigneeId, c.teamId, c.channel, c.customerId
     FROM ConversationEvent e JOIN Conversation c ON c.id = e.conversationId
     WHERE e.type = 'RESOLVED' AND e.at < ? ORDER BY e.at DESC LIMIT 12`,
    [new Date(now - 2 * HOUR)],
  );
  for (const [index, row] of rows.entries()) {
    const at = new Date(row.createdAt);
    const body = {
      type: "conversation.resolved",
      timestamp: at.toISOString(),
      data: {
        conversation: {
          id: row.conversationId,
          status: "RESOLVED",
          assigneeId: row.fromUserId,
          teamId: row.teamId,
          channel: row.channel,
          customerId: row.customerId,
        },
        eventId: row.eventId,
        actorId: row.actorId,
        from: { status: row.fromStatus, userId: row.fromUserId, teamId: row.fromTeamId },
        to: { status: row.toStatus, userId: row.toUserId, teamId: row.toTeamId },
      },
    };
    const failed = index === 2;
    const duration = 80 + ((row.eventId * 37) % 400);
    await connection.query(
      "INSERT INTO `WebhookDelivery` (`webhookId`, `messageId`, `event`, `payload`, `sourceKey`, `orderKey`, `sequence`, `status`, `attempts`, `lastAttemptAt`, `durationMs`, `responseStatus`, `responseBody`, `lastError`, `createdAt`, `deliveredAt`) VALUES (?, ?, 'conversation.resolved', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        webhookId,
        `msg_${randomBytes(20).toString("base64url").slice(0, 26)}`,
        JSON.stringify(body),
        `conversation-event:${row.eventId}`,
        `conversation:${row.conversationId}`,
        failed ? "FAILED" : "SUCCEEDED",
        failed ? 8 : 1,
        failed ? new Date(at.getTime() + 33 * HOUR) : at,
        failed ? 15_000 : duration,
        failed ? 503 : 200,
        failed ? "Service Unavailable" : '{"ok":true}',
        failed ? "HTTP 503" : null,
        at,
        failed ? null : new Date(at.getTime() + duration),
      ],
    );
  }
}
