/**
 * API keys for channels and integrations (`Authorization: Bearer kf_<prefix>_<secret>`).
 * The whole key is shown once at creation; only its SHA-256 is stored, found by its prefix.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db, Prisma } from "@kefu/db/client";
import type { ApiKeyScope } from "../../contracts/integration.ts";
import { AppError } from "../../errors.ts";

export { API_KEY_SCOPES, type ApiKeyScope } from "../../contracts/integration.ts";

const KEY_PATTERN = /^kf_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,64})$/;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export async function createApiKey(db: Db, input: { name: string; scopes: ApiKeyScope[]; createdById: number }) {
  const prefix = randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12);
  const key = `kf_${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: { name: input.name, prefix, keyHash: sha256(key), scopes: [...new Set(input.scopes)] as Prisma.InputJsonValue, createdById: input.createdById },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
  });
  return { ...row, key };
}

export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({
    orderBy: { id: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { id: true, name: true } },
    },
  });
}

export async function revokeApiKey(db: Db, id: number) {
  const key = await db.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!key) throw new AppError("NOT_FOUND", { field: "id" });
  if (key.revokedAt) throw new AppError("ALREADY_DONE", { field: "id" });
  await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  invalidateApiKeys();
  return { id };
}

/**
 * Key rows found by prefix are kept in the process for API_KEY_TTL_MS, so a busy integration does not read its key
 * for every request. Revoking forgets them at once in the revoking process; other processes refuse the key within
 * the TTL. Unknown prefixes are not cached.
 */
export const API_KEY_TTL_MS = 5_000;
interface KeyRow {
  id: number;
  name: string;
  keyHash: string;
  scopes: Prisma.JsonValue;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}
const keyCaches = new WeakMap<Db, Map<string, { row: KeyRow; loadedAt: number; generation: number }>>();
let keysGeneration = 0;

export function invalidateApiKeys(): void {
  keysGeneration++;
}

async function keyByPrefix(db: Db, prefix: string): Promise<KeyRow | null> {
  let cache = keyCaches.get(db);
  if (!cache) keyCaches.set(db, (cache = new Map<string, { row: KeyRow; loadedAt: number; generation: number }>()));
  const cached = cache.get(prefix);
  if (cached && cached.generation === keysGeneration && Date.now() - cached.loadedAt < API_KEY_TTL_MS) return cached.row;
  const generation = keysGeneration;
  const row = await db.apiKey.findUnique({
    where: { prefix },
    select: { id: true, name: true, keyHash: true, scopes: true, revokedAt: true, lastUsedAt: true },
  });
  if (row && generation === keysGeneration) {
    if (cache.size > 10_000) cache.clear();
    cache.set(prefix, { row, loadedAt: Date.now(), generation });
  }
  return row;
}

/** The key's row when the presented key is valid, not revoked and holds `scope`; otherwise INVALID_API_KEY / FORBIDDEN. */
export async function verifyApiKey(db: Db, presented: string | null | undefined, scope: ApiKeyScope) {
  const match = KEY_PATTERN.exec(presented?.trim() ?? "");
  if (!match) throw new AppError("INVALID_API_KEY", { field: "authorization" });
  const row = await keyByPrefix(db, match[1]!);
  const expected = Buffer.from(row?.keyHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(sha256(presented!.trim()), "hex");
  if (!row || row.revokedAt || !timingSafeEqual(expected, actual)) throw new AppError("INVALID_API_KEY", { field: "authorization" });
  if (!(Array.isArray(row.scopes) && row.scopes.includes(scope))) throw new AppError("FORBIDDEN", { field: "authorization" });
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    // the cached row remembers the write, so it happens at most once a minute per process
    row.lastUsedAt = new Date();
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: row.lastUsedAt } });
  }
  return { id: row.id, name: row.name };
}

/** Reads `Authorization: Bearer …` (or `X-Api-Key`). */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) return authorization.slice(7);
  return headers.get("x-api-key");
}
