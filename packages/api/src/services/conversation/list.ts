/**
 * Conversation lists for the agent workspace and supervisors, with keyset pagination and unread counts.
 *
 * Views: "mine" (assigned to the actor; open ones unless a status is asked for), "queue" (waiting, in queue
 * order; agents see their teams' queues and conversations without a team), "team" (the actor's teams, or the
 * given team), "all" (supervisors). Queue order is priority desc, queuedAt, id; every other view is by last
 * activity (updatedAt desc, id desc). The cursor encodes the sort key of the last row.
 */
import { hashLookup, normalizePhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { Prisma, type Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import type { ConversationListInput } from "../../contracts/conversation.ts";
import { canSupervise, teamIdsOf, type Actor } from "./actor.ts";
import { HELD_STATUSES } from "./state-machine.ts";

const PREVIEW_LENGTH = 120;

const listSelect = {
  id: true,
  status: true,
  channel: true,
  priority: true,
  subject: true,
  category: true,
  createdAt: true,
  updatedAt: true,
  queuedAt: true,
  assignedAt: true,
  firstResponseAt: true,
  lastCustomerMessageAt: true,
  lastAgentMessageAt: true,
  lastMessageId: true,
  team: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, level: true, visitorNo: true, device: true } },
} satisfies Prisma.ConversationSelect;

interface QueueCursor {
  kind: "queue";
  priority: number;
  queuedAt: number;
  id: number;
}
interface ActivityCursor {
  kind: "activity";
  updatedAt: number;
  id: number;
}

function decodeCursor(cursor: string | undefined, queueOrder: boolean): QueueCursor | ActivityCursor | null {
  if (!cursor) return null;
  const parts = cursor.split(".").map(Number);
  if (parts.some((n) => !Number.isSafeInteger(n))) throw new AppError("INVALID_INPUT", { field: "cursor" });
  if (queueOrder && parts.length === 3) return { kind: "queue", priority: parts[0]!, queuedAt: parts[1]!, id: parts[2]! };
  if (!queueOrder && parts.length === 2) return { kind: "activity", updatedAt: parts[0]!, id: parts[1]! };
  throw new AppError("INVALID_INPUT", { field: "cursor" });
}

function afterCursor(cursor: QueueCursor | ActivityCursor | null): Prisma.ConversationWhereInput {
  if (!cursor) return {};
  if (cursor.kind === "activity") {
    const at = new Date(cursor.updatedAt);
    return { OR: [{ updatedAt: { lt: at } }, { updatedAt: at, id: { lt: cursor.id } }] };
  }
  const at = new Date(cursor.queuedAt);
  return {
    OR: [
      { priority: { lt: cursor.priority } },
      { priority: cursor.priority, queuedAt: { gt: at } },
      { priority: cursor.priority, queuedAt: at, id: { gt: cursor.id } },
    ],
  };
}

async function scope(db: Db, actor: Actor, input: ConversationListInput): Promise<Prisma.ConversationWhereInput> {
  const supervisor = canSupervise(actor);
  const myTeams = supervisor && input.view !== "team" ? [] : await teamIdsOf(db, actor.id);
  if (input.teamId !== undefined && !supervisor && input.view !== "mine" && !myTeams.includes(input.teamId))
    throw new AppError("FORBIDDEN", { field: "teamId" });
  switch (input.view) {
    case "mine":
      return { assigneeId: actor.id, ...(input.status ? {} : { status: { in: [...HELD_STATUSES] } }) };
    case "queue":
      return { status: "QUEUED", ...(supervisor || input.teamId !== undefined ? {} : { OR: [{ teamId: { in: myTeams } }, { teamId: null }] }) };
    case "team":
      return input.teamId !== undefined ? {} : { teamId: { in: myTeams } };
    case "all":
      if (!supervisor) throw new AppError("FORBIDDEN", { field: "view" });
      return {};
  }
}

function searchFilter(search: string | undefined): Prisma.ConversationWhereInput {
  const text = search?.trim();
  if (!text) return {};
  const or: Prisma.ConversationWhereInput[] = [{ subject: { contains: text } }, { customer: { name: { contains: text } } }];
  if (/^\d{1,10}$/.test(text)) or.push({ id: Number(text) });
  // an anonymous visitor by the number the console shows (访客 1024, Visitor 1024, 1024)
  const visitor = /^(?:访客|visitor)?\s*(\d{1,9})$/i.exec(text);
  if (visitor) or.push({ customer: { visitorNo: Number(visitor[1]) } });
  const phone = normalizePhone(text);
  if (/^1\d{10}$/.test(phone)) or.push({ customer: { phoneHash: hashLookup(fieldKeysFromEnv(), phone) } });
  return { OR: or };
}

export async function listConversations(db: Db, actor: Actor, input: ConversationListInput) {
  const queueOrder = input.view === "queue";
  const cursor = decodeCursor(input.cursor, queueOrder);
  const where: Prisma.ConversationWhereInput = {
    AND: [
      await scope(db, actor, input),
      input.status ? { status: input.status } : {},
      input.channel ? { channel: input.channel } : {},
      input.teamId !== undefined ? { teamId: input.teamId } : {},
      input.tagId !== undefined ? { tags: { some: { tagId: input.tagId } } } : {},
      input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {},
      searchFilter(input.search),
      afterCursor(cursor),
    ],
  };
  const orderBy: Prisma.ConversationOrderByWithRelationInput[] = queueOrder
    ? [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }]
    : [{ updatedAt: "desc" }, { id: "desc" }];
  const rows = await db.conversation.findMany({ where, orderBy, take: input.limit + 1, select: listSelect });
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const [unread, previews] = await Promise.all([
    unreadCounts(
      db,
      actor.id,
      page.map((c) => c.id),
    ),
    lastMessages(db, page),
  ]);
  const last = page.at(-1);
  const nextCursor =
    hasMore && last ? (queueOrder ? `${last.priority}.${last.queuedAt?.getTime() ?? 0}.${last.id}` : `${last.updatedAt.getTime()}.${last.id}`) : undefined;
  return {
    items: page.map((c) => ({ ...c, unread: unread.get(c.id) ?? 0, lastMessage: c.lastMessageId ? (previews.get(c.lastMessageId) ?? null) : null })),
    nextCursor,
  };
}

/** Customer messages after the reader's marker, per conversation (one grouped query for the page). */
async function unreadCounts(db: Db, userId: number, conversationIds: number[]): Promise<Map<number, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ conversationId: number; unread: bigint | number }[]>`
    SELECT m.conversationId, COUNT(*) AS unread
    FROM \`Message\` m
    LEFT JOIN \`ConversationRead\` r ON r.conversationId = m.conversationId AND r.userId = ${userId}
    WHERE m.conversationId IN (${Prisma.join(conversationIds)}) AND m.senderType = 'CUSTOMER' AND m.id > COALESCE(r.lastReadMessageId, 0)
    GROUP BY m.conversationId`;
  return new Map(rows.map((r) => [Number(r.conversationId), Number(r.unread)]));
}

async function lastMessages(db: Db, page: { lastMessageId: number | null }[]) {
  const ids = page.map((c) => c.lastMessageId).filter((id): id is number => id !== null);
  if (ids.length === 0) return new Map<number, never>();
  const messages = await db.message.findMany({ where: { id: { in: ids } }, select: { id: true, senderType: true, kind: true, body: true, createdAt: true } });
  return new Map(messages.map((m) => [m.id, { ...m, body: m.body.slice(0, PREVIEW_LENGTH) }]));
}
