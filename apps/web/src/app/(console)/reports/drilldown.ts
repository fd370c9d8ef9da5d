/**
 * From a figure to the conversations behind it: the workspace's "all conversations" list with the same period
 * (created in those Beijing days), team, channel and, for outcome figures, the status they ended in.
 */
import type { ReportMetric } from "@kefu/api/contracts/report-metrics";

export interface DrilldownFilters {
  from: string;
  to: string;
  teamId?: number;
  channel?: string;
  metric?: ReportMetric;
}

const STATUS_OF: Partial<Record<ReportMetric, string>> = { resolved: "RESOLVED", botResolved: "RESOLVED", abandoned: "ABANDONED" };

export function drilldownHref(filters: DrilldownFilters): string {
  const params = new URLSearchParams({ view: "all", from: filters.from, to: filters.to });
  if (filters.teamId) params.set("teamId", String(filters.teamId));
  if (filters.channel) params.set("channel", filters.channel);
  const status = filters.metric ? STATUS_OF[filters.metric] : undefined;
  if (status) params.set("status", status);
  return `/workspace?${params.toString()}`;
}
