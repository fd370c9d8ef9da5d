/**
 * 数据报表: the period, filters and figures of the reports (docs/architecture.md, "Reports"). Periods are Beijing
 * calendar days, inclusive at both ends; the previous period is the same number of days just before.
 */
import { z } from "zod";
import { channelSchema } from "./conversation.ts";

/** The longest period a report covers (a year, leap day included). */
export const REPORT_MAX_DAYS = 366;
/** Hourly trends cover at most this many days (24 points a day). */
export const REPORT_HOURLY_MAX_DAYS = 31;
/** A rebuild of the rollups covers at most this many days at once. */
export const REPORT_REBUILD_MAX_DAYS = 3_660;

export const REPORT_GRANULARITIES = ["hour", "day", "week", "month"] as const;
export type ReportGranularity = (typeof REPORT_GRANULARITIES)[number];

/** The figures a trend can draw; each is defined once in services/metrics. */
export const REPORT_METRICS = [
  "created",
  "botResolved",
  "handedOff",
  "assigned",
  "abandoned",
  "resolved",
  "resolutionRate",
  "csat",
  "averageFirstResponseSeconds",
  "averageReplySeconds",
  "averageHandleSeconds",
  "averageWaitSeconds",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Figures in seconds (shown as durations) and in percent. */
export const REPORT_DURATION_METRICS: readonly ReportMetric[] = [
  "averageFirstResponseSeconds",
  "averageReplySeconds",
  "averageHandleSeconds",
  "averageWaitSeconds",
];
export const REPORT_PERCENT_METRICS: readonly ReportMetric[] = ["resolutionRate", "csat"];
/** Figures where a fall is good news (a shorter wait), for the colour of the change. */
export const REPORT_LOWER_IS_BETTER: readonly ReportMetric[] = [...REPORT_DURATION_METRICS, "abandoned"];

const idSchema = z.number().int().positive();

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days from `from` to `to`, both counted ("2026-11-01".."2026-11-30" is 30). */
export function reportDayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const reportDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isRealDate, "must be a real calendar date");

const filterShape = {
  from: reportDateSchema,
  to: reportDateSchema,
  teamId: idSchema.optional(),
  agentId: idSchema.optional(),
  channel: channelSchema.optional(),
  /** the period to compare with (both or neither); by default the same number of days just before */
  compareFrom: reportDateSchema.optional(),
  compareTo: reportDateSchema.optional(),
};

type Period = { from: string; to: string };

function checkPeriod(value: Period, ctx: z.RefinementCtx, maxDays = REPORT_MAX_DAYS, field = "to") {
  if (!isRealDate(value.from) || !isRealDate(value.to)) return;
  if (value.to < value.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  else if (reportDayCount(value.from, value.to) > maxDays) ctx.addIssue({ code: "custom", path: [field], message: `at most ${maxDays} days` });
}

function checkComparison(value: { compareFrom?: string; compareTo?: string }, ctx: z.RefinementCtx) {
  if ((value.compareFrom === undefined) !== (value.compareTo === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [value.compareFrom === undefined ? "compareFrom" : "compareTo"],
      message: "give both ends of the comparison or neither",
    });
    return;
  }
  if (value.compareFrom === undefined || value.compareTo === undefined || !isRealDate(value.compareFrom) || !isRealDate(value.compareTo)) return;
  if (value.compareTo < value.compareFrom) ctx.addIssue({ code: "custom", path: ["compareTo"], message: "must not be before compareFrom" });
  else if (reportDayCount(value.compareFrom, value.compareTo) > REPORT_MAX_DAYS)
    ctx.addIssue({ code: "custom", path: ["compareTo"], message: `at most ${REPORT_MAX_DAYS} days` });
}

export const reportFilterInput = z.object(filterShape).superRefine((value, ctx) => {
  checkPeriod(value, ctx);
  checkComparison(value, ctx);
});
export type ReportFilterInput = z.infer<typeof reportFilterInput>;

export const reportTrendInput = z
  .object({ ...filterShape, metric: z.enum(REPORT_METRICS), granularity: z.enum(REPORT_GRANULARITIES) })
  .superRefine((value, ctx) => {
    checkPeriod(value, ctx);
    checkComparison(value, ctx);
    if (value.granularity === "hour") checkPeriod(value, ctx, REPORT_HOURLY_MAX_DAYS, "granularity");
  });
export type ReportTrendInput = z.infer<typeof reportTrendInput>;

export const reportRebuildInput = z
  .object({ from: reportDateSchema, to: reportDateSchema })
  .superRefine((value, ctx) => checkPeriod(value, ctx, REPORT_REBUILD_MAX_DAYS));
export type ReportRebuildInput = z.infer<typeof reportRebuildInput>;

/** The period a report compares with: the one asked for, else the same number of days just before [from, to]. */
export function comparisonPeriod(input: Period & { compareFrom?: string; compareTo?: string }): Period {
  return input.compareFrom && input.compareTo ? { from: input.compareFrom, to: input.compareTo } : previousPeriod(input);
}

/** The period of the same length just before [from, to]. */
export function previousPeriod(period: Period): Period {
  const days = reportDayCount(period.from, period.to);
  const shift = (date: string, by: number) => new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(period.from, -days), to: shift(period.from, -1) };
}
