/**
 * The VAPID key pair (RFC 8292) every web push is signed with. Generated once, at the first start of the web app or
 * the worker (or the first use), and kept in the `push.vapid` setting with the private key encrypted by the field keys.
 * It is never regenerated: browsers' subscriptions are bound to the public key (rotation: README, `push:rotate-vapid`).
 */
import { createECDH } from "node:crypto";
import { decryptField, encryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { Db } from "@kefu/db/client";
import { settingSchemas } from "../settings/index.ts";

export const VAPID_SETTING_KEY = "push.vapid";

export interface VapidKeys {
  /** uncompressed P-256 point, base64url: what browsers get as `applicationServerKey` */
  publicKey: string;
  /** the 32-byte private scalar, base64url */
  privateKey: string;
}

export function generateVapidKeys(): VapidKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString("base64url"),
    // getPrivateKey drops leading zero bytes; the JWT signer expects exactly 32.
    privateKey: Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()])
      .subarray(-32)
      .toString("base64url"),
  };
}

async function readStoredKeys(db: Db): Promise<VapidKeys | null> {
  const row = await db.setting.findUnique({ where: { key: VAPID_SETTING_KEY }, select: { value: true } });
  if (!row) return null;
  const stored = settingSchemas[VAPID_SETTING_KEY].parse(row.value);
  if (!stored.publicKey || !stored.privateKeyEnc) throw new Error(`The ${VAPID_SETTING_KEY} setting is incomplete: delete it to generate a new key pair`);
  return { publicKey: stored.publicKey, privateKey: decryptField(fieldKeysFromEnv(), stored.privateKeyEnc) };
}

/**
 * The key pair, generated and stored when there is none. Safe under concurrency across processes: the insert of the
 * setting's primary key succeeds for exactly one caller, and every other caller reads the winner's keys.
 */
export async function ensureVapidKeys(db: Db): Promise<VapidKeys> {
  const existing = await readStoredKeys(db);
  if (existing) return existing;
  const generated = generateVapidKeys();
  const value = settingSchemas[VAPID_SETTING_KEY].parse({
    publicKey: generated.publicKey,
    privateKeyEnc: encryptField(fieldKeysFromEnv(), generated.privateKey),
    createdAt: new Date().toISOString(),
  });
  try {
    await db.setting.create({ data: { key: VAPID_SETTING_KEY, value } });
    return generated;
  } catch (error) {
    const winner = await readStoredKeys(db);
    if (winner) return winner;
    throw error;
  }
}

export async function vapidPublicKey(db: Db): Promise<string> {
  return (await ensureVapidKeys(db)).publicKey;
}

/**
 * Replaces the key pair: every stored subscription was made for the old public key and would be refused by the push
 * services, so they go too; browsers subscribe again with the new key the next time the person opens the console.
 */
export async function rotateVapidKeys(db: Db) {
  const removed = await db.$transaction(async (tx) => {
    await tx.setting.deleteMany({ where: { key: VAPID_SETTING_KEY } });
    return (await tx.pushSubscription.deleteMany({})).count;
  });
  const keys = await ensureVapidKeys(db);
  return { publicKey: keys.publicKey, removedSubscriptions: removed };
}
