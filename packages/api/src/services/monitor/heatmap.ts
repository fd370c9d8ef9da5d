/** The week heatmap: conversations created per Beijing hour over the last 7 days (today up to now). */
import type { Db } from "@kefu/db/client";
import { createdByHour } from "../metrics/index.ts";
import { assertTeamExists } from "./overview.ts";

export async function monitorHeatmap(db: Db, input: { teamId?: number } = {}, now = new Date()) {
  await assertTeamExists(db, input.teamId);
  return { generatedAt: now, days: await createdByHour(db, { now, days: 7, teamId: input.teamId }) };
}
