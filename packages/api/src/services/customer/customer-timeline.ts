/**
 * A customer's timeline, newest first: conversations, notes and CustomerEvent rows in one list. Keyset paged on
 * (time, kind, id), so a page never repeats or skips an item while new ones arrive.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { customerTimelineInput, recentConversationsInput, RECENT_CONVERSATIONS, type CustomerTimelineInput } from "../../contracts/customer-profile.ts";
import { parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { mentionIdsOf, NOTE_SELECT } from "./customer-notes.ts";

const KINDS = ["conversation", "note", "event"] as const;
type Kind = (typeof KINDS)[number];
/** among items of the same millisecond, the later kind comes first */
const RANK: Record<Kind, number> = { conversation: 0, note: 1, event: 2 };

interface Cursor {
  at: Date;
  kind: Kind;
  id: number;
}

function parseCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const [at, kind, id] = raw.split(":");
  if (!KINDS.includes(kind as Kind)) return null;
  return { at: new Date(Number(at)), kind: kind as Kind, id: Number(id) };
}

/** The rows of one kind that come after the cursor in the timeline's order. */
function after(cursor: Cursor | null, kind: Kind): Prisma.CustomerNoteWhereInput & Prisma.CustomerEventWhereInput & Prisma.ConversationWhereInput {
  if (!cursor) return {};
  if (RANK[kind] < RANK[cursor.kind]) return { createdAt: { lte: cursor.at } };
  if (RANK[kind] > RANK[cursor.kind]) return { createdAt: { lt: cursor.at } };
  return { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] };
}

const CONVERSATION_SELECT = {
  id: true,
  status: true,
  channel: true,
  category: true,
  subject: true,
  csatScore: true,
  createdAt: true,
  resolvedAt: true,
  assignee: { select: { id: true, name: true } },
  messages: { where: { senderType: "CUSTOMER", kind: "TEXT" }, orderBy: { id: "asc" }, take: 1, select: { body: true } },
} as const satisfies Prisma.ConversationSelect;

const SUMMARY_MAX = 120;
/** The first line of the customer's first question, for a one-line summary on screen (the full text is in the transcript). */
function firstLine(text: string | undefined): string | null {
  const line = text
    ?.split("\n")
    .find((l) => l.trim())
    ?.trim();
  if (!line) return null;
  return line.length > SUMMARY_MAX ? `${line.substring(0, SUMMARY_MAX)}…` : line;
}

function presentConversation(c: Prisma.ConversationGetPayload<{ select: typeof CONVERSATION_SELECT }>) {
  const { messages, ...rest } = c;
  return { ...rest, firstQuestion: firstLine(messages[0]?.body) };
}

export async function getCustomerTimeline(db: Db, actor: Actor, input: CustomerTimelineInput) {
  const { id, limit, cursor: rawCursor } = parseInput(customerTimelineInput, input);
  await assertCanViewCustomer(db, actor, id);
  const cursor = parseCursor(rawCursor);
  const page = { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: limit + 1 };
  const [conversations, notes, events] = await Promise.all([
    db.conversation.findMany({ where: { customerId: id, ...after(cursor, "conversation") }, ...page, select: CONVERSATION_SELECT }),
    db.customerNote.findMany({ where: { customerId: id, ...after(cursor, "note") }, ...page, select: NOTE_SELECT }),
    db.customerEvent.findMany({
      where: { customerId: id, ...after(cursor, "event") },
      ...page,
      select: { id: true, type: true, detail: true, createdAt: true, actor: { select: { id: true, name: true } } },
    }),
  ]);
  const mentionIds = [...new Set(notes.flatMap((n) => mentionIdsOf(n.mentions)))];
  const mentioned = mentionIds.length ? await db.user.findMany({ where: { id: { in: mentionIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(mentioned.map((u) => [u.id, u.name]));
  const merged = [
    ...conversations.map((c) => ({ kind: "conversation" as const, id: c.id, at: c.createdAt, conversation: presentConversation(c) })),
    ...notes.map((n) => ({
      kind: "note" as const,
      id: n.id,
      at: n.createdAt,
      note: {
        ...n,
        mentions: mentionIdsOf(n.mentions).map((userId) => ({ id: userId, name: nameOf.get(userId) ?? `#${userId}` })),
        mine: n.author.id === actor.id,
      },
    })),
    ...events.map((e) => ({ kind: "event" as const, id: e.id, at: e.createdAt, event: e })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || RANK[b.kind] - RANK[a.kind] || b.id - a.id);
  const items = merged.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: merged.length > limit && last ? `${last.at.getTime()}:${last.kind}:${last.id}` : undefined };
}
export type CustomerTimelineItem = Awaited<ReturnType<typeof getCustomerTimeline>>["items"][number];

/**
 * The workspace panel beside a live conversation: the customer's latest conversations other than the live one,
 * and what they asked about last time (the category of the previous conversation, else its first question).
 */
export async function getRecentCustomerConversations(db: Db, actor: Actor, input: { id: number; exceptConversationId?: number }) {
  const { id, exceptConversationId } = parseInput(recentConversationsInput, input);
  await assertCanViewCustomer(db, actor, id);
  const rows = await db.conversation.findMany({
    where: { customerId: id, ...(exceptConversationId ? { id: { not: exceptConversationId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_CONVERSATIONS,
    select: CONVERSATION_SELECT,
  });
  const conversations = rows.map(presentConversation);
  const previous = conversations[0];
  return { conversations, previouslyAskedAbout: previous ? (previous.category ?? previous.subject ?? previous.firstQuestion) : null };
}
