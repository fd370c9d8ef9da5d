/**
 * An agent's capacity: presence, enabled, role and open conversations against maxConcurrent, read under the
 * agent's User row lock so capacity checks are serialised per agent (see routing.ts).
 */
import type { Role } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { can } from "../../permissions.ts";
import { HELD_STATUSES } from "./state-machine.ts";

export interface LockedAgent {
  id: number;
  name: string;
  employeeNo: string;
  role: Role;
  presence: string;
  disabledAt: Date | null;
  maxConcurrent: number;
  open: number;
}

async function readAgent(tx: Tx, userId: number): Promise<LockedAgent> {
  const [user, open] = await Promise.all([
    tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, name: true, employeeNo: true, role: true, presence: true, disabledAt: true, maxConcurrent: true },
    }),
    tx.conversation.count({ where: { assigneeId: userId, status: { in: [...HELD_STATUSES] } } }),
  ]);
  return { ...user, open };
}

/**
 * Locks an agent's User row and reads their presence and open conversations. Every transaction that adds to
 * an agent's open conversations holds this lock while it re-checks capacity, so nobody exceeds maxConcurrent.
 */
export async function lockAgent(tx: Tx, userId: number): Promise<LockedAgent | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`User\` WHERE id = ${userId} FOR UPDATE`;
  return rows.length ? readAgent(tx, userId) : null;
}

/** `lockAgent` without waiting: "busy" when another transaction holds the row (routing moves on to the next agent). */
export async function tryLockAgent(tx: Tx, userId: number): Promise<LockedAgent | "busy" | null> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`User\` WHERE id = ${userId} FOR UPDATE SKIP LOCKED`;
  if (rows.length) return readAgent(tx, userId);
  return (await tx.user.count({ where: { id: userId } })) ? "busy" : null;
}

/** Why a locked agent cannot take one more conversation, or null when they can. */
export function unavailability(agent: LockedAgent): AppError | null {
  if (agent.disabledAt || agent.presence !== "ONLINE" || !can(agent.role, "conversation.work"))
    return new AppError("AGENT_UNAVAILABLE", { field: "toUserId", params: { presence: agent.disabledAt ? "DISABLED" : agent.presence } });
  if (agent.open >= agent.maxConcurrent)
    return new AppError("AGENT_AT_CAPACITY", { field: "toUserId", params: { open: agent.open, max: agent.maxConcurrent } });
  return null;
}
