/** Who is writing on a channel: the customer behind a channel identity, and their latest conversation there. */
import type { Channel, Db, Prisma } from "@kefu/db/client";

export async function customerIdOnChannel(db: Db, channel: Channel, externalUserId: string): Promise<number | null> {
  const identity = await db.customerIdentity.findUnique({ where: { channel_externalUserId: { channel, externalUserId } }, select: { customerId: true } });
  return identity?.customerId ?? null;
}

export function latestConversationOnChannel<S extends Prisma.ConversationSelect>(db: Db, customerId: number, channel: Channel, select: S) {
  return db.conversation.findFirst({ where: { customerId, channel }, orderBy: { id: "desc" }, select });
}
