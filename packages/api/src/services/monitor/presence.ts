/**
 * A supervisor sets an agent's presence from the monitor (an agent who walked away while ONLINE keeps receiving
 * conversations; one back at the desk can be put ONLINE). The same path as the agent's own switch: the presence
 * interval is written, routing runs when the agent goes ONLINE, and the monitor hears of it.
 */
import type { Db, Presence } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { can } from "../../permissions.ts";
import { setPresence } from "../user/index.ts";

export async function setAgentPresence(db: Db, input: { userId: number; presence: Presence }) {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, disabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", { field: "userId" });
  // only staff who take conversations have a presence that routing reads
  if (!can(user.role, "conversation.work")) throw new AppError("INVALID_INPUT", { field: "userId" });
  if (user.disabledAt) throw new AppError("AGENT_UNAVAILABLE", { field: "userId", params: { presence: "DISABLED" } });
  return setPresence(db, user.id, input.presence);
}
