/**
 * Message history, ordered by id. `afterId` is the gap-filling call of a client that reconnects: everything
 * after the last id it has, oldest first, in pages (`hasMore` says to ask again from the last id returned).
 * Without `afterId` the latest messages come back (`beforeId` pages further into the past).
 */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { assertCanView } from "./access.ts";
import type { Actor } from "./actor.ts";

export interface MessagePageInput {
  conversationId: number;
  afterId?: number;
  beforeId?: number;
  limit: number;
}

/** What a client needs to show a file (images always have a thumbnail); the storage keys stay on the server. */
const attachmentSelect = { id: true, fileName: true, mimeType: true, sizeBytes: true, width: true, height: true } satisfies Prisma.AttachmentSelect;

const staffMessageSelect = {
  id: true,
  conversationId: true,
  senderType: true,
  senderId: true,
  kind: true,
  body: true,
  clientId: true,
  kbArticleId: true,
  createdAt: true,
  sender: { select: { name: true, employeeNo: true } },
  attachment: { select: attachmentSelect },
} satisfies Prisma.MessageSelect;

const customerMessageSelect = {
  id: true,
  conversationId: true,
  senderType: true,
  kind: true,
  body: true,
  clientId: true,
  kbArticleId: true,
  createdAt: true,
  sender: { select: { name: true, employeeNo: true } },
  attachment: { select: attachmentSelect },
} satisfies Prisma.MessageSelect;

async function page<S extends Prisma.MessageSelect>(db: Db, where: Prisma.MessageWhereInput, input: MessagePageInput, select: S) {
  const limit = Math.min(Math.max(Math.trunc(input.limit), 1), 200);
  if (input.afterId !== undefined) {
    const rows = await db.message.findMany({ where: { ...where, id: { gt: input.afterId } }, orderBy: { id: "asc" }, take: limit + 1, select });
    return { items: rows.slice(0, limit), hasMore: rows.length > limit };
  }
  const rows = await db.message.findMany({
    where: { ...where, ...(input.beforeId !== undefined ? { id: { lt: input.beforeId } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    select,
  });
  return { items: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

/** Staff view: every message, internal notes included. */
export async function listMessages(db: Db, actor: Actor, input: MessagePageInput) {
  const conversation = await assertCanView(db, actor, input.conversationId);
  return page(db, { conversationId: conversation.id }, input, staffMessageSelect);
}

/** The customer's view (widget, channels): no internal notes; `customerId` must own the conversation. */
export async function listCustomerMessages(db: Db, input: MessagePageInput & { customerId?: number }) {
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true, customerId: true } });
  if (!conversation || (input.customerId !== undefined && conversation.customerId !== input.customerId)) throw new AppError("NOT_FOUND", { field: "id" });
  return page(db, { conversationId: conversation.id, kind: { not: "NOTE" } }, input, customerMessageSelect);
}
