/**
 * The built-in tickets: create (from a conversation or on their own), change status / priority / assignee / team /
 * due date, link conversations, list and read. Every change writes its history rows and records `ticket.created` /
 * `ticket.updated` in the same transaction; a ticket made while an external system is active is also pushed there
 * (the `tickets.push` outbox subscriber).
 */
import { randomUUID } from "node:crypto";
import type { Db, Prisma, TicketStatus } from "@kefu/db/client";
import type { z } from "zod";
import type { createTicketInput, listTicketsInput, updateTicketInput } from "../../contracts/ticket.ts";
import { TICKET_DESCRIPTION_MAX, TICKET_PREFILL_MESSAGES, TICKET_SUBJECT_MAX } from "../../contracts/ticket.ts";
import { runUnitOfWork, type Tx, type UnitOfWork } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { canViewConversation, type Actor } from "../conversation/index.ts";

export type TicketSource = "STAFF" | "EXTERNAL";

const ticketSelect = {
  id: true,
  subject: true,
  description: true,
  status: true,
  priority: true,
  type: true,
  dueAt: true,
  customFields: true,
  externalId: true,
  externalUrl: true,
  syncStatus: true,
  syncError: true,
  solvedAt: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true } },
  ticketSystem: { select: { id: true, name: true, kind: true } },
  conversations: { select: { conversationId: true }, orderBy: { conversationId: "asc" } },
} as const satisfies Prisma.TicketSelect;

type TicketRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

function present(row: TicketRow) {
  const { conversations, customFields, ...rest } = row;
  return {
    ...rest,
    customFields: (customFields && typeof customFields === "object" && !Array.isArray(customFields) ? customFields : {}) as Record<string, string>,
    conversationIds: conversations.map((link) => link.conversationId),
  };
}

async function assertStaff(db: Db | Tx, id: number | null, field: string) {
  if (id === null) return;
  const user = await db.user.findUnique({ where: { id }, select: { disabledAt: true, role: true } });
  if (!user || user.disabledAt) throw new AppError("NOT_FOUND", { field });
}

async function assertTeam(db: Db | Tx, id: number | null, field: string) {
  if (id === null) return;
  if (!(await db.team.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("NOT_FOUND", { field });
}

async function assertConversationsVisible(db: Db, actor: Actor, ids: readonly number[], field: string) {
  for (const id of ids) {
    const conversation = await db.conversation.findUnique({ where: { id }, select: { id: true, assigneeId: true, teamId: true } });
    if (!conversation) throw new AppError("NOT_FOUND", { field });
    if (!(await canViewConversation(db, actor, conversation))) throw new AppError("FORBIDDEN", { field });
  }
}

export interface ChangeLine {
  field: string;
  from: string | null;
  to: string | null;
}

/** Writes the history lines and records the event. */
export async function recordChange(
  uow: UnitOfWork,
  ticket: { id: number; status: TicketStatus },
  type: "ticket.created" | "ticket.updated",
  lines: readonly ChangeLine[],
  actorId: number | null,
  source: TicketSource,
  push = false,
) {
  let changeId = 0;
  for (const line of lines) {
    const row = await uow.tx.ticketChange.create({
      data: { ticketId: ticket.id, actorId, source, field: line.field, fromValue: line.from, toValue: line.to },
      select: { id: true },
    });
    if (changeId === 0) changeId = row.id;
  }
  const links = await uow.tx.ticketConversation.findMany({
    where: { ticketId: ticket.id },
    select: { conversationId: true },
    orderBy: { conversationId: "asc" },
  });
  uow.record({
    type,
    ticketId: ticket.id,
    changeId,
    status: ticket.status,
    changes: lines.map((line) => line.field),
    conversationIds: links.map((link) => link.conversationId),
    actorId,
    push,
    at: new Date().toISOString(),
  });
}

export async function createTicket(db: Db, actor: Actor, input: z.output<typeof createTicketInput>) {
  await assertStaff(db, input.assigneeId, "assigneeId");
  await assertTeam(db, input.teamId, "teamId");
  const conversationIds = [...new Set(input.conversationIds)];
  await assertConversationsVisible(db, actor, conversationIds, "conversationIds");
  const id = await runUnitOfWork(db, async (uow) => {
    const system = await uow.tx.ticketSystem.findFirst({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true } });
    const ticket = await uow.tx.ticket.create({
      data: {
        subject: input.subject,
        description: input.description,
        priority: input.priority,
        type: input.type,
        assigneeId: input.assigneeId,
        teamId: input.teamId,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        customFields: input.customFields,
        createdById: actor.id,
        ticketSystemId: system?.id ?? null,
        idempotencyKey: randomUUID(),
        syncStatus: system ? "PENDING" : "LOCAL",
        conversations: { create: conversationIds.map((conversationId) => ({ conversationId })) },
      },
      select: { id: true, status: true },
    });
    await recordChange(uow, ticket, "ticket.created", [{ field: "created", from: null, to: ticket.status }], actor.id, "STAFF", system !== null);
    return ticket.id;
  });
  return getTicket(db, id);
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Applies the given fields; a field given with its current value is no change. Nothing given that changes
 * anything is ALREADY_DONE. Also used by the external system's status callback (actor null, source EXTERNAL).
 */
export async function applyTicketUpdate(db: Db, actorId: number | null, source: TicketSource, input: z.output<typeof updateTicketInput>) {
  const result = await runUnitOfWork(db, async (uow) => {
    const [locked] = await uow.tx.$queryRaw<{ id: number }[]>`SELECT id FROM Ticket WHERE id = ${input.id} FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", { field: "id" });
    const current = await uow.tx.ticket.findUniqueOrThrow({
      where: { id: input.id },
      select: { id: true, status: true, priority: true, assigneeId: true, teamId: true, dueAt: true },
    });
    const data: Prisma.TicketUncheckedUpdateInput = {};
    const lines: ChangeLine[] = [];
    if (input.status !== undefined && input.status !== current.status) {
      data.status = input.status;
      data.solvedAt = input.status === "SOLVED" ? new Date() : null;
      lines.push({ field: "status", from: current.status, to: input.status });
    }
    if (input.priority !== undefined && input.priority !== current.priority) {
      data.priority = input.priority;
      lines.push({ field: "priority", from: current.priority, to: input.priority });
    }
    if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) {
      await assertStaff(uow.tx, input.assigneeId, "assigneeId");
      data.assigneeId = input.assigneeId;
      lines.push({ field: "assigneeId", from: current.assigneeId?.toString() ?? null, to: input.assigneeId?.toString() ?? null });
    }
    if (input.teamId !== undefined && input.teamId !== current.teamId) {
      await assertTeam(uow.tx, input.teamId, "teamId");
      data.teamId = input.teamId;
      lines.push({ field: "teamId", from: current.teamId?.toString() ?? null, to: input.teamId?.toString() ?? null });
    }
    if (input.dueAt !== undefined) {
      const next = input.dueAt ? new Date(input.dueAt) : null;
      if (iso(next) !== iso(current.dueAt)) {
        data.dueAt = next;
        lines.push({ field: "dueAt", from: iso(current.dueAt), to: iso(next) });
      }
    }
    if (lines.length === 0) return null;
    const updated = await uow.tx.ticket.update({ where: { id: input.id }, data, select: { id: true, status: true } });
    await recordChange(uow, updated, "ticket.updated", lines, actorId, source);
    return updated.id;
  });
  if (result === null) throw new AppError("ALREADY_DONE", { field: "id" });
  return getTicket(db, result);
}

export function updateTicket(db: Db, actor: Actor, input: z.output<typeof updateTicketInput>) {
  return applyTicketUpdate(db, actor.id, "STAFF", input);
}

/** Links one more conversation to a ticket (linking it again is ALREADY_DONE). */
export async function linkTicketConversation(db: Db, actor: Actor, input: { id: number; conversationId: number }) {
  await assertConversationsVisible(db, actor, [input.conversationId], "conversationId");
  await runUnitOfWork(db, async (uow) => {
    const ticket = await uow.tx.ticket.findUnique({ where: { id: input.id }, select: { id: true, status: true } });
    if (!ticket) throw new AppError("NOT_FOUND", { field: "id" });
    const existing = await uow.tx.ticketConversation.findUnique({
      where: { ticketId_conversationId: { ticketId: input.id, conversationId: input.conversationId } },
    });
    if (existing) throw new AppError("ALREADY_DONE", { field: "conversationId" });
    await uow.tx.ticketConversation.create({ data: { ticketId: input.id, conversationId: input.conversationId } });
    await recordChange(uow, ticket, "ticket.updated", [{ field: "conversation", from: null, to: String(input.conversationId) }], actor.id, "STAFF");
  });
  return getTicket(db, input.id);
}

export async function getTicket(db: Db, id: number) {
  const row = await db.ticket.findUnique({ where: { id }, select: ticketSelect });
  if (!row) throw new AppError("NOT_FOUND", { field: "id" });
  return present(row);
}

/** One ticket with its history, newest change first. */
export async function getTicketDetail(db: Db, id: number) {
  const ticket = await getTicket(db, id);
  const history = await db.ticketChange.findMany({
    where: { ticketId: id },
    orderBy: { id: "desc" },
    take: 200,
    select: { id: true, source: true, field: true, fromValue: true, toValue: true, createdAt: true, actor: { select: { id: true, name: true } } },
  });
  return { ...ticket, history };
}

const PRIORITY_ORDER: Prisma.TicketOrderByWithRelationInput[] = [{ priority: "desc" }, { id: "desc" }];

export async function listTickets(db: Db, actor: Actor, input: z.output<typeof listTicketsInput>) {
  const where: Prisma.TicketWhereInput = {};
  if (input.status) where.status = input.status;
  if (input.priority) where.priority = input.priority;
  if (input.assignee === "me") where.assigneeId = actor.id;
  else if (input.assignee === "none") where.assigneeId = null;
  else if (typeof input.assignee === "number") where.assigneeId = input.assignee;
  const orderBy: Prisma.TicketOrderByWithRelationInput[] =
    input.sort === "created"
      ? [{ createdAt: "desc" }, { id: "desc" }]
      : input.sort === "due"
        ? [{ dueAt: { sort: "asc", nulls: "last" } }, { id: "desc" }]
        : input.sort === "priority"
          ? PRIORITY_ORDER
          : [{ updatedAt: "desc" }, { id: "desc" }];
  const [total, rows] = await Promise.all([
    db.ticket.count({ where }),
    db.ticket.findMany({ where, orderBy, skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: ticketSelect }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, items: rows.map(present) };
}

/** The tickets of one conversation the actor may see, newest first. */
export async function listConversationTickets(db: Db, actor: Actor, conversationId: number) {
  await assertConversationsVisible(db, actor, [conversationId], "conversationId");
  const rows = await db.ticket.findMany({ where: { conversations: { some: { conversationId } } }, orderBy: { id: "desc" }, take: 50, select: ticketSelect });
  return rows.map(present);
}

/**
 * What the new-ticket form starts with: the conversation's subject (or the customer's first words) and the
 * customer's latest messages, oldest first, as the description.
 */
export async function ticketDraftFromConversation(db: Db, actor: Actor, conversationId: number) {
  await assertConversationsVisible(db, actor, [conversationId], "conversationId");
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { id: true, subject: true, teamId: true, customer: { select: { name: true } } },
  });
  const messages = await db.message.findMany({
    where: { conversationId, senderType: "CUSTOMER", kind: "TEXT" },
    orderBy: { id: "desc" },
    take: TICKET_PREFILL_MESSAGES,
    select: { body: true, createdAt: true },
  });
  const lines = messages
    .reverse()
    .map((message) => message.body.trim())
    .filter((body) => body.length > 0);
  const firstWords = lines[0] ?? "";
  const subjectSource = conversation.subject?.trim() || firstWords || `#${conversation.id}`;
  const subject = [...subjectSource.replace(/\s+/g, " ")].slice(0, Math.min(TICKET_SUBJECT_MAX, 60)).join("");
  // a draft the agent edits before sending: the oldest lines go first when the messages are longer than a ticket holds
  return {
    subject,
    description: lines.join("\n").slice(-TICKET_DESCRIPTION_MAX),
    customerName: conversation.customer.name,
    teamId: conversation.teamId,
  };
}

/** Who and which team a ticket can go to (the pickers of the ticket forms): active staff who work conversations, and the teams. */
export async function listTicketAssignees(db: Db) {
  const [staff, teams] = await Promise.all([
    db.user.findMany({
      where: { disabledAt: null, role: { in: ["ADMIN", "SUPERVISOR", "AGENT"] } },
      orderBy: [{ employeeNo: "asc" }],
      select: { id: true, name: true, employeeNo: true },
    }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { staff, teams };
}
