/** The staff member acting on conversations, and what their role lets them do. */
import type { Db, Role } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import type { Tx } from "../../domain-events/index.ts";
import { can } from "../../permissions.ts";

/** The staff member acting (a session user or anything with its id and role). */
export interface Actor {
  id: number;
  role: Role;
}

export function canSupervise(actor: Actor): boolean {
  return can(actor.role, "conversation.supervise");
}

/** Acting on a conversation: its assignee, or anyone with `conversation.supervise`. */
export function assertCanAct(actor: Actor, conversation: { assigneeId: number | null }): void {
  if (conversation.assigneeId !== actor.id && !canSupervise(actor)) throw new AppError("FORBIDDEN", { field: "id" });
}

export async function teamIdsOf(db: Db | Tx, userId: number): Promise<number[]> {
  const rows = await db.teamMember.findMany({ where: { userId }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}
