/**
 * The tickets' demo: tickets made from demo conversations as the ticket service writes them — subject from the
 * customer's first words, description from their latest messages, the conversation linked, a `created` history
 * line and one per later status change, local only (no external system is configured in the demo). Among them,
 * tickets on conversations agents hold right now, so the workspace's ticket panel shows some on first start.
 */
import type * as mariadb from "mariadb";
import { Random } from "./random.ts";

const HOUR = 3_600_000;
const PRIORITIES = ["LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "HIGH", "URGENT"] as const;
const TYPES = ["QUESTION", "PROBLEM", "PROBLEM", "INCIDENT", "TASK"] as const;
/** the draft's subject is at most this many characters (as the service drafts it) */
const SUBJECT_CHARS = 60;
const PREFILL_MESSAGES = 5;

interface ConversationRow {
  id: number;
  assigneeId: number | null;
  teamId: number | null;
  status: string;
  createdAt: Date;
}

/** A version-4 UUID, as the service's idempotency keys are, from the seeded generator (the same demo every time). */
function seededUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = "4";
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export async function writeDemoTickets(connection: mariadb.Connection, options: { actorId: number; now: number }) {
  const random = new Random(1414);
  const held = await connection.query<ConversationRow[]>(
    "SELECT id, assigneeId, teamId, status, createdAt FROM Conversation WHERE status IN ('ACTIVE', 'PAUSED') AND assigneeId IS NOT NULL ORDER BY id LIMIT 12",
  );
  const past = await connection.query<ConversationRow[]>(
    "SELECT id, assigneeId, teamId, status, createdAt FROM Conversation WHERE status = 'RESOLVED' AND assigneeId IS NOT NULL AND createdAt < ? ORDER BY createdAt DESC LIMIT 48",
    [new Date(options.now - 6 * HOUR)],
  );
  let written = 0;
  for (const [index, conversation] of [...held, ...past].entries()) {
    const messages = await connection.query<{ body: string }[]>(
      "SELECT body FROM Message WHERE conversationId = ? AND senderType = 'CUSTOMER' AND kind = 'TEXT' ORDER BY id DESC LIMIT ?",
      [conversation.id, PREFILL_MESSAGES],
    );
    const lines = messages
      .reverse()
      .map((message) => message.body.trim())
      .filter((body) => body.length > 0);
    if (lines.length === 0) continue;
    const subject = [...lines[0]!.replace(/\s+/g, " ")].slice(0, SUBJECT_CHARS).join("");
    const isHeld = index < held.length;
    const createdAt = new Date(isHeld ? options.now - random.int(5, 40) * 60_000 : new Date(conversation.createdAt).getTime() + random.int(5, 30) * 60_000);
    // held conversations' tickets are open; older ones moved on: pending, then solved for most
    const steps: ("PENDING" | "SOLVED")[] = isHeld ? [] : random.next() < 0.2 ? [] : random.next() < 0.35 ? ["PENDING"] : ["PENDING", "SOLVED"];
    const status = steps.at(-1) ?? "OPEN";
    const stepTimes = steps.map((_, i) => new Date(Math.min(options.now - 60_000, createdAt.getTime() + (i + 1) * random.int(2, 20) * HOUR)));
    const updatedAt = stepTimes.at(-1) ?? createdAt;
    const priority = random.pick(PRIORITIES);
    const type = random.pick(TYPES);
    const assigneeId = random.next() < 0.7 ? conversation.assigneeId : null;
    const dueAt = random.next() < 0.5 ? new Date(createdAt.getTime() + random.int(1, 5) * 24 * HOUR) : null;
    const customFields = random.next() < 0.4 ? { order_no: String(random.int(100_000, 999_999)) } : {};
    const result = await connection.query<{ insertId: bigint | number }>(
      "INSERT INTO `Ticket` (`subject`, `description`, `status`, `priority`, `type`, `assigneeId`, `teamId`, `dueAt`, `customFields`, `createdById`, `idempotencyKey`, `syncStatus`, `solvedAt`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'LOCAL', ?, ?, ?)",
      [
        subject,
        lines.join("\n"),
        status,
        priority,
        type,
        assigneeId,
        conversation.teamId,
        dueAt,
        JSON.stringify(customFields),
        conversation.assigneeId ?? options.actorId,
        seededUuid(random),
        status === "SOLVED" ? updatedAt : null,
        createdAt,
        updatedAt,
      ],
    );
    const ticketId = Number(result.insertId);
    await connection.query("INSERT INTO `TicketConversation` (`ticketId`, `conversationId`, `createdAt`) VALUES (?, ?, ?)", [
      ticketId,
      conversation.id,
      createdAt,
    ]);
    await connection.query(
      "INSERT INTO `TicketChange` (`ticketId`, `actorId`, `source`, `field`, `fromValue`, `toValue`, `createdAt`) VALUES (?, ?, 'STAFF', 'created', NULL, 'OPEN', ?)",
      [ticketId, conversation.assigneeId ?? options.actorId, createdAt],
    );
    let from = "OPEN";
    for (const [i, step] of steps.entries()) {
      await connection.query(
        "INSERT INTO `TicketChange` (`ticketId`, `actorId`, `source`, `field`, `fromValue`, `toValue`, `createdAt`) VALUES (?, ?, 'STAFF', 'status', ?, ?, ?)",
        [ticketId, assigneeId ?? options.actorId, from, step, stepTimes[i]],
      );
      from = step;
    }
    written++;
  }
  return written;
}
