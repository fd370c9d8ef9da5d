/**
 * Whether the widget customer is still there. The open widget sends a heartbeat (`customerSeenAt`) and says
 * goodbye when the page goes away (`customerLeftAt`); the customer is gone after the goodbye's grace or after a
 * heartbeat silence (contracts/customer-presence.ts). Found gone, a queued customer's conversation is ABANDONED
 * and an agent holding it is told (an internal system line); a heartbeat or a message afterwards brings the customer
 * back, which the agent is told too and which restarts the idle clock (idle-close.ts). Channels without heartbeats
 * (`customerSeenAt` null) are never taken for gone. Timings and rules: docs/decisions.md, "Customers who leave".
 */
import type { ConversationStatus, Db } from "@kefu/db/client";
import { CUSTOMER_GONE_AFTER_SECONDS, CUSTOMER_LEAVE_GRACE_SECONDS } from "../../contracts/customer-presence.ts";
import { runUnitOfWork, type Tx, type UnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { logger } from "../../logger.ts";
import { abandonLocked } from "./abandon.ts";
import { lockConversation } from "./conversation-row.ts";
import { appendMessage, systemMessageBody, type SystemMessageKey } from "./timeline.ts";

const OPEN_STATUSES: readonly ConversationStatus[] = ["BOT", "QUEUED", "ACTIVE", "PAUSED"];
/** how many conversations one sweep handles at most (the next sweep takes the rest) */
const SWEEP_BATCH = 200;

export const presenceSelect = {
  id: true,
  status: true,
  channel: true,
  customerId: true,
  assigneeId: true,
  teamId: true,
  lastCustomerMessageAt: true,
  customerSeenAt: true,
  customerLeftAt: true,
  customerGoneAt: true,
  customerReturnedAt: true,
} as const;

export interface CustomerPresence {
  channel: string;
  customerSeenAt: Date | null;
  customerLeftAt: Date | null;
  lastCustomerMessageAt: Date | null;
}

/** Whether the customer is gone at `now`: the goodbye's grace is over, or no heartbeat (nor message) for too long. */
export function isCustomerGone(presence: CustomerPresence, now: Date): boolean {
  if (presence.channel !== "WEB" || presence.customerSeenAt === null) return false;
  const lastMessage = presence.lastCustomerMessageAt?.getTime() ?? 0;
  if (presence.customerLeftAt !== null && presence.customerLeftAt.getTime() >= lastMessage)
    return now.getTime() - presence.customerLeftAt.getTime() >= CUSTOMER_LEAVE_GRACE_SECONDS * 1000;
  const lastSign = Math.max(presence.customerSeenAt.getTime(), lastMessage);
  return now.getTime() - lastSign >= CUSTOMER_GONE_AFTER_SECONDS * 1000;
}

/** The presence columns of a conversation the caller has locked. */
export async function readPresence(tx: Tx, conversationId: number) {
  return tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: presenceSelect });
}

type PresenceRow = Awaited<ReturnType<typeof readPresence>>;

/** An internal line for the agent (kind NOTE, never shown to the customer), marked unread for the assignee. */
function tellAgent(uow: UnitOfWork, conversation: PresenceRow, key: SystemMessageKey, at: Date, data: Record<string, Date | null>) {
  return appendMessage(uow, conversation, { senderType: "SYSTEM", kind: "NOTE", body: systemMessageBody(key), unreadFor: conversation.assigneeId }, at, data);
}

/** Records that the customer of this (locked) conversation is gone and tells its agent. */
export function noteCustomerGone(uow: UnitOfWork, conversation: PresenceRow, at: Date) {
  return tellAgent(uow, conversation, "customer.left", at, { customerGoneAt: at });
}

function noteCustomerReturned(uow: UnitOfWork, conversation: PresenceRow, at: Date, data: Record<string, Date | null> = {}) {
  return tellAgent(uow, conversation, "customer.returned", at, { ...data, customerGoneAt: null, customerReturnedAt: at });
}

export interface PresenceResult {
  conversationId: number;
  status: ConversationStatus;
  /** false when the conversation has ended: nothing was recorded */
  recorded: boolean;
}

/**
 * The widget's signal for its customer's latest conversation: `here` (a heartbeat) or `gone` (the page's goodbye).
 * An ended conversation records nothing.
 */
export async function recordWidgetPresence(
  db: Db,
  input: { conversationId: number; customerId: number; state: "here" | "gone" },
  at = new Date(),
): Promise<PresenceResult> {
  return runUnitOfWork(db, async (uow) => {
    const locked = await lockConversation(uow.tx, input.conversationId);
    if (locked.customerId !== input.customerId) throw new AppError("NOT_FOUND", { field: "conversation" });
    const conversation = await readPresence(uow.tx, locked.id);
    const result = { conversationId: conversation.id, status: conversation.status };
    if (!OPEN_STATUSES.includes(conversation.status)) return { ...result, recorded: false };
    if (input.state === "gone") {
      await uow.tx.conversation.update({ where: { id: conversation.id }, data: { customerLeftAt: at, customerSeenAt: conversation.customerSeenAt ?? at } });
    } else if (conversation.customerGoneAt !== null) {
      await noteCustomerReturned(uow, conversation, at, { customerSeenAt: at, customerLeftAt: null });
    } else {
      await uow.tx.conversation.update({ where: { id: conversation.id }, data: { customerSeenAt: at, customerLeftAt: null } });
    }
    return { ...result, recorded: true };
  });
}

export interface PresenceSweep {
  abandoned: number[];
  gone: number[];
  returned: number[];
}

/**
 * The worker's look for customers who left (and came back by writing): a queued one's conversation is abandoned,
 * an agent holding one is told. Each conversation is decided again under its row lock, so concurrent sweeps (several
 * workers) and a heartbeat arriving meanwhile are safe.
 */
export async function sweepCustomerPresence(db: Db, now = new Date()): Promise<PresenceSweep> {
  const leftBefore = new Date(now.getTime() - CUSTOMER_LEAVE_GRACE_SECONDS * 1000);
  const silentBefore = new Date(now.getTime() - CUSTOMER_GONE_AFTER_SECONDS * 1000);
  const [suspects, back] = await Promise.all([
    db.conversation.findMany({
      where: {
        status: { in: ["QUEUED", "ACTIVE", "PAUSED"] },
        channel: "WEB",
        customerGoneAt: null,
        OR: [{ customerLeftAt: { lte: leftBefore } }, { customerSeenAt: { lte: silentBefore } }],
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: SWEEP_BATCH,
    }),
    db.conversation.findMany({
      where: { status: { in: ["QUEUED", "ACTIVE", "PAUSED"] }, channel: "WEB", customerGoneAt: { not: null } },
      select: { id: true, customerGoneAt: true, lastCustomerMessageAt: true },
      orderBy: { id: "asc" },
      take: SWEEP_BATCH,
    }),
  ]);
  const outcome: PresenceSweep = { abandoned: [], gone: [], returned: [] };
  for (const { id } of suspects) {
    const result = await settleGone(db, id, now).catch((error: unknown) => {
      logger.warn({ err: error, conversationId: id }, "customer presence: could not settle a departure");
      return null;
    });
    if (result) outcome[result].push(id);
  }
  // came back by writing (without a heartbeat, as after the widget's page was restored)
  for (const row of back) {
    if (!row.lastCustomerMessageAt || !row.customerGoneAt || row.lastCustomerMessageAt <= row.customerGoneAt) continue;
    const returned = await runUnitOfWork(db, async (uow) => {
      await lockConversation(uow.tx, row.id);
      const conversation = await readPresence(uow.tx, row.id);
      if (!OPEN_STATUSES.includes(conversation.status) || conversation.customerGoneAt === null || isCustomerGone(conversation, now)) return false;
      await noteCustomerReturned(uow, conversation, now);
      return true;
    });
    if (returned) outcome.returned.push(row.id);
  }
  return outcome;
}

async function settleGone(db: Db, conversationId: number, now: Date): Promise<"abandoned" | "gone" | null> {
  return runUnitOfWork(db, async (uow) => {
    const locked = await lockConversation(uow.tx, conversationId);
    const conversation = await readPresence(uow.tx, conversationId);
    if (conversation.customerGoneAt !== null || !isCustomerGone(conversation, now)) return null;
    if (locked.status === "QUEUED") {
      await abandonLocked(uow, locked, now, { reason: "customer_left" });
      await uow.tx.conversation.update({ where: { id: conversationId }, data: { customerGoneAt: now } });
      return "abandoned";
    }
    if (locked.status !== "ACTIVE" && locked.status !== "PAUSED") return null;
    await noteCustomerGone(uow, conversation, now);
    return "gone";
  });
}
