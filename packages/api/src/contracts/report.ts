/**
 * 数据报表: the period, filters and figures of the reports (docs/architecture.md, "Reports"). Periods are Beijing
 * calendar days, inclusive at both ends; the previous period is the same number of days just before.
 */
import { z } from "zod";
import { channelSchema } from "./conversation.ts";
import {
  previousPeriod,
  REPORT_GRANULARITIES,
  REPORT_HOURLY_MAX_DAYS,
  REPORT_MAX_DAYS,
  REPORT_METRICS,
  REPORT_REBUILD_MAX_DAYS,
  reportDayCount,
} from "./report-metrics.ts";

export * from "./report-metrics.ts";

const idSchema = z.number().int().positive();

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
