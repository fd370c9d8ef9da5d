/** `report.overview`: the period's figures against the previous period of the same length, with the change. */
import type { Db } from "@kefu/db/client";
import { comparisonPeriod, REPORT_METRICS, type ReportFilterInput, type ReportMetric } from "../../contracts/report.ts";
import { countersForDays, figuresOf, type ReportFigures } from "./figures.ts";

export interface ReportChange {
  /** current − previous (points for a percentage) */
  delta: number | null;
  /** (current − previous) ÷ previous × 100, one decimal; null when the previous figure is 0 or missing */
  percent: number | null;
}

export interface ReportOverview {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  current: ReportFigures;
  previous: ReportFigures;
  change: Record<ReportMetric, ReportChange>;
}

export function changeOf(current: number | null, previous: number | null): ReportChange {
  if (current === null || previous === null) return { delta: null, percent: null };
  const delta = Math.round((current - previous) * 10) / 10;
  return { delta, percent: previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10 };
}

export async function reportOverview(db: Db, filter: ReportFilterInput): Promise<ReportOverview> {
  const before = comparisonPeriod(filter);
  const [current, previous] = await Promise.all([countersForDays(db, filter), countersForDays(db, { ...filter, ...before })]);
  const now = figuresOf(current);
  const then = figuresOf(previous);
  const change = Object.fromEntries(REPORT_METRICS.map((metric) => [metric, changeOf(now[metric], then[metric])])) as Record<ReportMetric, ReportChange>;
  return { period: { from: filter.from, to: filter.to }, previousPeriod: before, current: now, previous: then, change };
}
