/** 访客无响应提醒 / 自动结束: the `conversation.idle` key, edited as one form on the settings page. */
import type { Db } from "@kefu/db/client";
import type { IdleSettingsInput } from "../../contracts/customer-presence.ts";
import { getSetting, settingSchemas, updateSetting } from "./index.ts";

/** The current values, the defaults, and who changed them last (null while untouched). */
export async function getIdleSettings(db: Db) {
  const [settings, row] = await Promise.all([
    getSetting(db, "conversation.idle"),
    db.setting.findUnique({ where: { key: "conversation.idle" }, select: { updatedAt: true, updatedBy: { select: { id: true, name: true } } } }),
  ]);
  return {
    settings,
    defaults: settingSchemas["conversation.idle"].parse({}),
    lastChange: row ? { at: row.updatedAt, by: row.updatedBy } : null,
  };
}

export function updateIdleSettings(db: Db, input: IdleSettingsInput, actorId: number) {
  return updateSetting(db, "conversation.idle", input, actorId);
}
