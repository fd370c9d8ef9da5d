"use client";

import type { ReportMetric } from "@kefu/api/contracts/report-metrics";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** metrics counted in whole conversations: no decimals on their axis */
const WHOLE_METRICS: ReportMetric[] = ["created", "resolved", "abandoned", "assigned", "handedOff", "botResolved"];

/**
 * The trend's line chart, current period against the previous one. A chunk of its own (recharts is the largest
 * library of the console): the report page loads it after its first paint.
 */
export default function TrendChart({
  data,
  metric,
  currentLabel,
  previousLabel,
  format,
}: {
  data: { label: string; value: number | null; previousValue: number | null }[];
  metric: ReportMetric;
  currentLabel: string;
  previousLabel: string;
  format: (value: number | null) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals={!WHOLE_METRICS.includes(metric)} />
        <Tooltip formatter={(value) => format(typeof value === "number" ? value : null)} />
        <Legend />
        <Line type="monotone" dataKey="value" name={currentLabel} stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="previousValue" name={previousLabel} stroke="#94a3b8" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
