/** Arrivals by Beijing day and hour: conversations created per hour, for the week heatmap. */
import type { Db } from "@kefu/db/client";
import { teamFilter, toCount, type MetricScope } from "./sql.ts";
import { DAY_MS, shanghaiDate, shanghaiDayStart } from "./time.ts";

export interface HeatmapDay {
  /** Beijing date, "YYYY-MM-DD" */
  date: string;
  /** conversations created in each Beijing hour 0–23 */
  hours: number[];
  total: number;
}

/** The last `days` Beijing days up to now, oldest first (today is the last row, filled up to this hour). */
export async function createdByHour(db: Db, options: { now?: Date; days?: number } & Pick<MetricScope, "teamId"> = {}): Promise<HeatmapDay[]> {
  const now = options.now ?? new Date();
  const days = options.days ?? 7;
  const from = new Date(shanghaiDayStart(now).getTime() - (days - 1) * DAY_MS);
  const rows = await db.$queryRaw<{ day: string; hour: unknown; n: unknown }[]>`
    SELECT DATE_FORMAT(DATE_ADD(c.createdAt, INTERVAL 8 HOUR), '%Y-%m-%d') AS day,
      HOUR(DATE_ADD(c.createdAt, INTERVAL 8 HOUR)) AS hour, COUNT(*) AS n
    FROM \`Conversation\` c
    WHERE c.createdAt >= ${from} AND c.createdAt < ${now} ${teamFilter(options)}
    GROUP BY day, hour`;
  const result: HeatmapDay[] = Array.from({ length: days }, (_, i) => ({
    date: shanghaiDate(new Date(from.getTime() + i * DAY_MS)),
    hours: Array.from({ length: 24 }, () => 0),
    total: 0,
  }));
  const byDate = new Map(result.map((day) => [day.date, day]));
  for (const row of rows) {
    const day = byDate.get(row.day);
    const hour = toCount(row.hour);
    if (!day || hour < 0 || hour > 23) continue;
    const n = toCount(row.n);
    day.hours[hour] = n;
    day.total += n;
  }
  return result;
}
