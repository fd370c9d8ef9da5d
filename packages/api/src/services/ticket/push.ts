/**
 * The `tickets.push` outbox handler: one creation attempt in the external system for a ticket made while that
 * system was active. A failed attempt is written on the ticket (FAILED and the error, for admins) and thrown, so
 * the job is retried with backoff; every attempt sends the ticket's one idempotency key. A ticket that already has
 * its external id is left alone (a job run twice does nothing the second time).
 */
import type { Db } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { createExternalTicket, type CreatedExternally } from "./adapters.ts";
import { ticketSystemCredentials } from "./systems.ts";
import { recordChange } from "./tickets.ts";

export type PushOutcome = "synced" | "skipped";

export async function pushTicket(db: Db, ticketId: number, options: { timeoutMs?: number } = {}): Promise<PushOutcome> {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      subject: true,
      description: true,
      priority: true,
      type: true,
      customFields: true,
      idempotencyKey: true,
      externalId: true,
      ticketSystemId: true,
      conversations: { select: { conversationId: true }, orderBy: { conversationId: "asc" } },
    },
  });
  if (!ticket || ticket.externalId || ticket.ticketSystemId === null) return "skipped";
  const system = await ticketSystemCredentials(db, ticket.ticketSystemId);
  if (!system) return "skipped";
  let created: CreatedExternally;
  try {
    created = await createExternalTicket(
      system,
      {
        id: ticket.id,
        subject: ticket.subject,
        description: ticket.description,
        priority: ticket.priority,
        type: ticket.type,
        customFields: (ticket.customFields ?? {}) as Record<string, string>,
        idempotencyKey: ticket.idempotencyKey,
        conversationIds: ticket.conversations.map((link) => link.conversationId),
      },
      options.timeoutMs,
    );
  } catch (error) {
    await db.ticket.updateMany({
      where: { id: ticket.id, externalId: null },
      data: { syncStatus: "FAILED", syncError: (error as Error).message.slice(0, 1000) },
    });
    throw error;
  }
  await runUnitOfWork(db, async (uow) => {
    const updated = await uow.tx.ticket.updateMany({
      where: { id: ticket.id, externalId: null },
      data: { externalId: created.externalId, externalUrl: created.externalUrl, syncStatus: "SYNCED", syncError: null, syncedAt: new Date() },
    });
    if (updated.count === 0) return;
    const current = await uow.tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { id: true, status: true } });
    await recordChange(uow, current, "ticket.updated", [{ field: "external", from: null, to: created.externalId }], null, "EXTERNAL");
  });
  return "synced";
}
