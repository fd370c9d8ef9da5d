import type { Db, Presence } from "@kefu/db/client";
import { triggerRouting } from "../conversation/routing.ts";

/** Closes the open presence interval and opens one for the new presence (the presence timeline). */
export async function recordPresenceChange(db: Db, userId: number, presence: Presence, at = new Date()) {
  await db.$transaction(async (tx) => {
    const open = await tx.presenceInterval.findFirst({ where: { userId, endedAt: null }, orderBy: { id: "desc" }, select: { id: true, presence: true } });
    if (open?.presence === presence) return;
    if (open) await tx.presenceInterval.updateMany({ where: { userId, endedAt: null }, data: { endedAt: at } });
    await tx.presenceInterval.create({ data: { userId, presence, startedAt: at, endedAt: presence === "OFFLINE" ? at : null } });
  });
}

export async function setPresence(db: Db, userId: number, presence: Presence) {
  const user = await db.user.update({ where: { id: userId }, data: { presence, presenceChangedAt: new Date() }, select: { id: true, presence: true } });
  await recordPresenceChange(db, userId, presence);
  // an agent coming online has free slots: the queue may move
  if (presence === "ONLINE") await triggerRouting(db);
  return user;
}
