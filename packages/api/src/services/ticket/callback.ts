/**
 * The external system's status callback (`POST /api/v1/tickets/status`): the request names the system
 * (`x-kefu-ticket-system`), is signed with that system's callback secret (`x-kefu-signature: sha256=<hex HMAC-SHA256
 * of "<timestamp>.<body>">`) and dated (`x-kefu-timestamp`, Unix seconds, within the tolerance). Checked in that
 * order before the body is read: an unknown system, a stale timestamp or a wrong signature is UNAUTHORIZED; then
 * a malformed body is INVALID_INPUT naming the field. Nothing is written unless all of it holds.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@kefu/db/client";
import { EXTERNAL_TICKET_STATUSES, TICKET_CALLBACK_TOLERANCE_SECONDS, ticketStatusCallbackBody } from "../../contracts/ticket.ts";
import { AppError } from "../../errors.ts";
import { callbackSecretOf } from "./systems.ts";
import { applyTicketUpdate } from "./tickets.ts";

export function signTicketCallback(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex")}`;
}

export interface TicketCallbackRequest {
  systemId: string | null;
  timestamp: string | null;
  signature: string | null;
  body: string;
}

export async function receiveTicketStatusCallback(db: Db, request: TicketCallbackRequest, now = new Date()) {
  const systemId = request.systemId && /^\d{1,9}$/.test(request.systemId) ? Number(request.systemId) : null;
  const secret = systemId === null ? null : await callbackSecretOf(db, systemId);
  if (systemId === null || secret === null) throw new AppError("UNAUTHORIZED", { field: "x-kefu-ticket-system" });
  const timestamp = request.timestamp && /^\d{1,12}$/.test(request.timestamp) ? Number(request.timestamp) : null;
  if (timestamp === null || Math.abs(now.getTime() / 1000 - timestamp) > TICKET_CALLBACK_TOLERANCE_SECONDS)
    throw new AppError("UNAUTHORIZED", { field: "x-kefu-timestamp" });
  const expected = Buffer.from(signTicketCallback(secret, timestamp, request.body));
  const given = Buffer.from(request.signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("UNAUTHORIZED", { field: "x-kefu-signature" });

  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(request.body);
  } catch {
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: malformed JSON" });
  }
  const parsed = ticketStatusCallbackBody.safeParse(parsedJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    throw new AppError("INVALID_INPUT", { field, message: `${field}: ${issue?.message ?? "invalid"}` });
  }
  const status = EXTERNAL_TICKET_STATUSES[parsed.data.status];
  const ticket = await db.ticket.findUnique({
    where: { ticketSystemId_externalId: { ticketSystemId: systemId, externalId: parsed.data.externalId } },
    select: { id: true, status: true },
  });
  if (!ticket) throw new AppError("NOT_FOUND", { field: "externalId" });
  if (ticket.status === status) return { id: ticket.id, status, changed: false };
  try {
    await applyTicketUpdate(db, null, "EXTERNAL", { id: ticket.id, status });
  } catch (error) {
    // a concurrent callback got there first
    if (error instanceof AppError && error.code === "ALREADY_DONE") return { id: ticket.id, status, changed: false };
    throw error;
  }
  return { id: ticket.id, status, changed: true };
}
