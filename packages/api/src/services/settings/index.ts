/**
 * Typed settings over the key/value `Setting` table. Each key has a zod schema with defaults,
 * so a missing row or an older shape still yields a complete, valid value.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { z } from "zod";

export const settingSchemas = {
  "security.session": z.object({
    idleMinutes: z.number().int().min(5).max(24 * 60).default(30),
    absoluteHours: z.number().int().min(1).max(24 * 30).default(12),
  }),
  "security.lockout": z.object({
    maxFailures: z.number().int().min(3).max(20).default(5),
    windowMinutes: z.number().int().min(1).max(24 * 60).default(15),
    lockMinutes: z.number().int().min(1).max(24 * 60).default(15),
  }),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  const parsed = settingSchemas[key].safeParse(row?.value ?? {});
  return (parsed.success ? parsed.data : settingSchemas[key].parse({})) as SettingValue<K>;
}

export async function updateSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>, actorId: number) {
  const parsed = settingSchemas[key].parse(value) as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key }, create: { key, value: parsed, updatedById: actorId }, update: { value: parsed, updatedById: actorId } });
  return parsed as SettingValue<K>;
}
