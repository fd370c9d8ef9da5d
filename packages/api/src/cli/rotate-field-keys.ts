// `pnpm --filter @kefu/api customers:rotate-keys`: re-encrypts customers' phones and 身份证号, staff phones, webhook
// secrets and ticket systems' tokens and callback secrets with the first key of FIELD_ENCRYPTION_KEYS. Put the new key first and keep the old one after it until this
// reports nothing left to rotate; interrupted, it picks up where it stopped.
import { getDb } from "@kefu/db/client";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { rotateFieldKeys } from "../services/customer/index.ts";

const db = getDb();
try {
  const keys = fieldKeysFromEnv();
  console.log(`Encrypting with key ${keys.keys[0]![0]}`);
  const totals = await rotateFieldKeys(db, keys, {
    onProgress: ({ table, scanned, rotated }) => console.log(`${table}: ${scanned} rows read, ${rotated} re-encrypted`),
  });
  for (const { table, scanned, rotated } of totals) console.log(`${table} done: ${scanned} rows, ${rotated} re-encrypted`);
} finally {
  await db.$disconnect();
}
