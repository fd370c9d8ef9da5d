/**
 * `report.trend`: one figure per hour / day / week (Monday first) / month of Beijing time over the period, and the
 * period it is compared with bucket by bucket (aligned from the start), from StatsHourly (hours) or
 * StatsDaily.
 */
import type { Db } from "@kefu/db/client";
import { comparisonPeriod, type ReportGranularity, type ReportTrendInput } from "../../contracts/report.ts";
import { emptyCounters, FACT_COUNTERS, SHANGHAI_OFFSET_MS, type FactCounters } from "../metrics/index.ts";
import { countersOf, figuresOf, rollupFilter, sumColumns, windowOfDays } from "./figures.ts";

export interface TrendPoint {
  /** the bucket: "2026-11-18 09:00", "2026-11-18", the week's Monday "2026-11-16", "2026-11" */
  bucket: string;
  /** the first Beijing day of the bucket inside the period, and the last (for the drill-down) */
  from: string;
  to: string;
  value: number | null;
  /** the same position in the previous period */
  previousBucket: string | null;
  previousValue: number | null;
}

export interface ReportTrend {
  metric: ReportTrendInput["metric"];
  granularity: ReportGranularity;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  points: TrendPoint[];
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function bucketOfDay(date: string, granularity: Exclude<ReportGranularity, "hour">): string {
  if (granularity === "day") return date;
  if (granularity === "month") return date.slice(0, 7);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

interface Bucket {
  bucket: string;
  from: string;
  to: string;
  counters: FactCounters;
}

function add(into: FactCounters, from: FactCounters) {
  for (const name of FACT_COUNTERS) into[name] += from[name];
}

async function bucketsOf(db: Db, input: ReportTrendInput, period: { from: string; to: string }): Promise<Bucket[]> {
  const filter = rollupFilter(input);
  const buckets: Bucket[] = [];
  if (input.granularity === "hour") {
    const window = windowOfDays(period.from, period.to);
    const rows = await db.$queryRaw<({ bucket: Date } & Record<string, unknown>)[]>`
      SELECT bucket, ${sumColumns} FROM \`StatsHourly\`
      WHERE bucket >= ${window.from} AND bucket < ${window.to} ${filter} GROUP BY bucket`;
    const byHour = new Map(rows.map((row) => [row.bucket.getTime(), countersOf(row)]));
    for (let t = window.from.getTime(); t < window.to.getTime(); t += 3_600_000) {
      const local = new Date(t + SHANGHAI_OFFSET_MS).toISOString();
      const day = local.slice(0, 10);
      buckets.push({ bucket: `${day} ${local.slice(11, 16)}`, from: day, to: day, counters: byHour.get(t) ?? emptyCounters() });
    }
    return buckets;
  }
  const rows = await db.$queryRaw<({ day: Date } & Record<string, unknown>)[]>`
    SELECT day, ${sumColumns} FROM \`StatsDaily\`
    WHERE day >= ${period.from} AND day <= ${period.to} ${filter} GROUP BY day`;
  const byDay = new Map(rows.map((row) => [row.day.toISOString().slice(0, 10), countersOf(row)]));
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const key = bucketOfDay(day, input.granularity);
    let bucket = buckets.at(-1);
    if (!bucket || bucket.bucket !== key) {
      bucket = { bucket: key, from: day, to: day, counters: emptyCounters() };
      buckets.push(bucket);
    }
    bucket.to = day;
    const counters = byDay.get(day);
    if (counters) add(bucket.counters, counters);
  }
  return buckets;
}

export async function reportTrend(db: Db, input: ReportTrendInput): Promise<ReportTrend> {
  const before = comparisonPeriod(input);
  const [current, previous] = await Promise.all([bucketsOf(db, input, input), bucketsOf(db, input, before)]);
  return {
    metric: input.metric,
    granularity: input.granularity,
    period: { from: input.from, to: input.to },
    previousPeriod: before,
    points: current.map((bucket, index) => {
      const facing = previous[index];
      return {
        bucket: bucket.bucket,
        from: bucket.from,
        to: bucket.to,
        value: figuresOf(bucket.counters)[input.metric],
        previousBucket: facing?.bucket ?? null,
        previousValue: facing ? figuresOf(facing.counters)[input.metric] : null,
      };
    }),
  };
}
