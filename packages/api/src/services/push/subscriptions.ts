import type { Db } from "@kefu/db/client";

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it (validated by contracts/push.ts). */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The devices one person receives alerts on; subscribing one more drops the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

/**
 * Saves the subscription for `userId`. The endpoint identifies the browser profile: when someone else signed in on
 * that browser subscribed before, the subscription now belongs to the current person.
 */
export async function savePushSubscription(db: Db, userId: number, input: PushSubscriptionInput) {
  const data = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth };
  return db.$transaction(async (tx) => {
    const saved = await tx.pushSubscription.upsert({
      where: { endpoint: input.endpoint },
      create: { endpoint: input.endpoint, ...data },
      update: data,
      select: { id: true, createdAt: true },
    });
    const surplus = await tx.pushSubscription.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: MAX_SUBSCRIPTIONS_PER_USER,
      select: { id: true },
    });
    if (surplus.length > 0) await tx.pushSubscription.deleteMany({ where: { id: { in: surplus.map((row) => row.id) } } });
    return { id: saved.id };
  });
}

/** Removes the current person's subscription for this browser; removing one that is already gone is not an error. */
export async function removePushSubscription(db: Db, userId: number, endpoint: string) {
  const { count } = await db.pushSubscription.deleteMany({ where: { endpoint, userId } });
  return { removed: count > 0 };
}

export async function isSubscribed(db: Db, userId: number, endpoint: string) {
  const row = await db.pushSubscription.findFirst({ where: { endpoint, userId }, select: { id: true } });
  return { subscribed: row !== null };
}
