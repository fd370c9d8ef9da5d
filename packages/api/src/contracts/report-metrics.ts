/**
 * The reports' metrics, limits and period arithmetic without any schema library: the report page imports these in
 * the browser at first paint, the input schemas (report.ts, which re-exports all of this) stay with the forms and
 * the server.
 */

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

/** A report period: Beijing calendar days, both ends included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** Days from `from` to `to`, both counted ("2026-11-01".."2026-11-30" is 30). */
export function reportDayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period of the same length just before [from, to]. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const days = reportDayCount(period.from, period.to);
  const shift = (date: string, by: number) => new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(period.from, -days), to: shift(period.from, -1) };
}
