// `pnpm push:rotate-vapid`: replaces the web push key pair. Every browser subscription is removed with the old key;
// people turn alert pushes on again (the console does it by itself where notifications are still allowed).
import { getDb } from "@kefu/db/client";
import { rotateVapidKeys } from "../services/push/vapid.ts";

const db = getDb();
try {
  const { publicKey, removedSubscriptions } = await rotateVapidKeys(db);
  console.log(`New VAPID public key: ${publicKey}`);
  console.log(`Removed ${removedSubscriptions} push subscription(s) made for the old key.`);
} finally {
  await db.$disconnect();
}
