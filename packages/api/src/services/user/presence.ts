import type { Db, Presence } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { triggerRouting } from "../conversation/index.ts";

/**
 * Closes the open presence interval and opens one for the new presence, OFFLINE included, so at any instant one
 * interval says where a person stood (as the seed writes them; the presence timeline and "agents online
 * yesterday at this hour" read them), and says so (presence.changed). Returns false when nothing changed.
 */
export async function recordPresenceChange(db: Db, userId: number, presence: Presence, at = new Date()): Promise<boolean> {
  return runUnitOfWork(db, async (uow) => {
    const { tx } = uow;
    // one presence change per person at a time, so two never leave two open intervals
    await tx.$queryRaw`SELECT id FROM \`User\` WHERE id = ${userId} FOR UPDATE`;
    const open = await tx.presenceInterval.findFirst({ where: { userId, endedAt: null }, orderBy: { id: "desc" }, select: { id: true, presence: true } });
    if (open?.presence === presence) return false;
    if (open) await tx.presenceInterval.updateMany({ where: { userId, endedAt: null }, data: { endedAt: at } });
    await tx.presenceInterval.create({ data: { userId, presence, startedAt: at } });
    uow.record({ type: "presence.changed", userId, presence, at: at.toISOString() });
    return true;
  });
}

export async function setPresence(db: Db, userId: number, presence: Presence) {
  const at = new Date();
  const user = await db.user.update({ where: { id: userId }, data: { presence, presenceChangedAt: at }, select: { id: true, presence: true } });
  await recordPresenceChange(db, userId, presence, at);
  // an agent coming online has free slots: the queue may move
  if (presence === "ONLINE") await triggerRouting(db);
  return user;
}
