/**
 * Encryption of sensitive fields at rest: AES-256-GCM with the key id stored
 * beside the cipher text so keys can rotate, and a keyed hash (HMAC-SHA256) for look-ups.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

export interface FieldKeys {
  /** key id → 32-byte key; the first entry encrypts, all of them decrypt */
  keys: [string, Buffer][];
  hashKey: Buffer;
}

/** Parses `kid1:base64key,kid2:base64key`. */
export function parseFieldKeys(encryptionKeys: string, hashKey: string): FieldKeys {
  const keys = encryptionKeys.split(",").map((entry): [string, Buffer] => {
    const [kid, material] = entry.trim().split(":");
    const key = Buffer.from(material ?? "", "base64");
    if (!kid || key.length !== 32) throw new Error("FIELD_ENCRYPTION_KEYS entries must be kid:<32 bytes in base64>");
    return [kid, key];
  });
  return { keys, hashKey: Buffer.from(hashKey, "utf8") };
}

export function encryptField(keys: FieldKeys, plain: string): string {
  const [kid, key] = keys.keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [kid, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function decryptField(keys: FieldKeys, stored: string): string {
  const [kid, iv, tag, data] = stored.split(":");
  const key = keys.keys.find(([id]) => id === kid)?.[1];
  if (!key || !iv || !tag || data === undefined) throw new Error(`Cannot decrypt field: unknown key id ${kid ?? "?"}`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

/** Digits only, with a leading +86 / 86 removed, so the same phone hashes the same way. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
}

export function hashLookup(keys: FieldKeys, value: string): string {
  return createHmac("sha256", keys.hashKey).update(value).digest("hex");
}

export function protectPhone(keys: FieldKeys, phone: string) {
  const normalized = normalizePhone(phone);
  return { phoneHash: hashLookup(keys, normalized), phoneEnc: encryptField(keys, normalized), phoneLast4: normalized.slice(-4) };
}

/**
 * 138****5678: the first 3 and the last 4 digits of the phone. Only `phoneLast4` is stored beside the cipher text,
 * so callers pass the decrypted phone; the mask is derived on the server and the plain phone stays there.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = normalizePhone(phone);
  return digits.length > 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : "****";
}

/** 3101**********1234: the first 4 and the last 4 characters of a 身份证号, what `Customer.idNumberMask` holds */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length > 8 ? `${idNumber.slice(0, 4)}${"*".repeat(idNumber.length - 8)}${idNumber.slice(-4)}` : "*".repeat(idNumber.length);
}

/** The key id a stored cipher text was encrypted with ("kid:iv:tag:data"). */
export function keyIdOf(stored: string): string {
  return stored.split(":", 1)[0]!;
}
