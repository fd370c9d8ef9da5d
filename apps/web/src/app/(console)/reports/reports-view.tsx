"use client";

import type { RouterOutputs } from "@kefu/api/client";
import {
  REPORT_DURATION_METRICS,
  REPORT_GRANULARITIES,
  REPORT_HOURLY_MAX_DAYS,
  REPORT_LOWER_IS_BETTER,
  REPORT_MAX_DAYS,
  REPORT_METRICS,
  REPORT_PERCENT_METRICS,
  reportDayCount,
  type ReportGranularity,
  type ReportMetric,
} from "@kefu/api/contracts/report-metrics";
import { Button } from "@kefu/ui/button";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { StatCard, type StatTrend } from "@kefu/ui/stat-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useDuration } from "../monitor/hooks";
import { drilldownHref } from "./drilldown";
import { beijingToday, customPeriod, PERIOD_PRESETS, periodOf, type PeriodChoice, type PeriodPreset } from "./period";

// the chart library loads after the first paint; the skeleton keeps the chart's place so nothing moves
const TrendChart = dynamic(() => import("./trend-chart"), { ssr: false, loading: () => <Skeleton className="h-full w-full" /> });

type Overview = RouterOutputs["report"]["overview"];
type Trend = RouterOutputs["report"]["trend"];
type Board = RouterOutputs["report"]["agents"];
type Channel = "WEB" | "WECHAT" | "APP" | "API";
const CHANNELS: Channel[] = ["WEB", "WECHAT", "APP", "API"];

/** The overview's cards, in reading order. */
const CARD_METRICS: ReportMetric[] = [
  "created",
  "botResolved",
  "handedOff",
  "assigned",
  "abandoned",
  "resolutionRate",
  "csat",
  "averageFirstResponseSeconds",
  "averageReplySeconds",
  "averageHandleSeconds",
];

interface Filters {
  teamId: number | "";
  agentId: number | "";
  channel: Channel | "";
}

function useShow() {
  const t = useTranslations("reports");
  const format = useFormatter();
  const duration = useDuration();
  return (metric: ReportMetric, value: number | null | undefined): string => {
    if (value === null || value === undefined) return t("noValue");
    if (REPORT_DURATION_METRICS.includes(metric)) return duration(value) ?? t("noValue");
    if (REPORT_PERCENT_METRICS.includes(metric)) return `${format.number(value, { maximumFractionDigits: 1 })}%`;
    return format.number(value);
  };
}

function downloadCsv(fileName: string, rows: string[][]) {
  const escape = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  // the byte-order mark lets Excel read the Chinese header as UTF-8
  const blob = new Blob([`\uFEFF${rows.map((cells) => cells.map(escape).join(",")).join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

export function ReportsView() {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const today = beijingToday();
  const [preset, setPreset] = useState<PeriodPreset>("last7");
  const [custom, setCustom] = useState({ from: today, to: today });
  const [filters, setFilters] = useState<Filters>({ teamId: "", agentId: "", channel: "" });
  const [metric, setMetric] = useState<ReportMetric>("created");
  const [granularity, setGranularity] = useState<ReportGranularity>("day");

  const period: PeriodChoice = preset === "custom" ? customPeriod(custom.from, custom.to) : periodOf(preset, today);
  const days = reportDayCount(period.from, period.to);
  const customProblem =
    preset !== "custom" ? null : custom.to < custom.from ? t("customOrder") : days > REPORT_MAX_DAYS ? t("customTooLong", { days: REPORT_MAX_DAYS }) : null;
  const trendGranularity: ReportGranularity = granularity === "hour" && days > REPORT_HOURLY_MAX_DAYS ? "day" : granularity;
  const input = {
    ...period,
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
  };
  const enabled = customProblem === null;
  const overview = useQuery(trpc.report.overview.queryOptions(input, { enabled, placeholderData: keepPreviousData }));
  const trend = useQuery(trpc.report.trend.queryOptions({ ...input, metric, granularity: trendGranularity }, { enabled, placeholderData: keepPreviousData }));
  const board = useQuery(trpc.report.agents.queryOptions(input, { enabled, placeholderData: keepPreviousData }));
  const targets = useQuery(trpc.conversation.listTransferTargets.queryOptions(undefined, { staleTime: 60_000 }));
  const drill = { from: period.from, to: period.to, teamId: filters.teamId || undefined, channel: filters.channel || undefined };

  return (
    <div className="grid gap-4" data-testid="reports">
      <PageHeader title={t("title")} description={t("description")} />
      <section aria-label={t("periodLabel")} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3">
        <div role="group" aria-label={t("periodLabel")} className="flex flex-wrap gap-1.5">
          {PERIOD_PRESETS.map((p) => (
            <Button key={p} size="sm" variant={preset === p ? "secondary" : "outline"} aria-pressed={preset === p} onClick={() => setPreset(p)}>
              {t(`presets.${p}`)}
            </Button>
          ))}
        </div>
        {preset === "custom" ? (
          <div className="flex flex-wrap items-center gap-2">
            <Input
              type="date"
              className="w-40"
              aria-label={t("customFrom")}
              value={custom.from}
              max={today}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
            <span aria-hidden>–</span>
            <Input
              type="date"
              className="w-40"
              aria-label={t("customTo")}
              value={custom.to}
              max={today}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
            />
            {customProblem ? (
              <p role="alert" className="text-sm text-red-700">
                {customProblem}
              </p>
            ) : null}
          </div>
        ) : null}
        <p className="text-sm text-slate-600" data-testid="report-period">
          {t("periodLine", { from: period.from, to: period.to, compareFrom: period.compareFrom, compareTo: period.compareTo })}
        </p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          <NativeSelect
            aria-label={t("filterTeam")}
            value={filters.teamId}
            onChange={(e) => setFilters({ ...filters, teamId: e.target.value ? Number(e.target.value) : "" })}
          >
            <option value="">{t("allTeams")}</option>
            {(targets.data?.teams ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            aria-label={t("filterAgent")}
            value={filters.agentId}
            onChange={(e) => setFilters({ ...filters, agentId: e.target.value ? Number(e.target.value) : "" })}
          >
            <option value="">{t("allAgents")}</option>
            {(targets.data?.agents ?? []).map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            aria-label={t("filterChannel")}
            value={filters.channel}
            onChange={(e) => setFilters({ ...filters, channel: e.target.value as Channel | "" })}
          >
            <option value="">{t("allChannels")}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </section>
      <OverviewCards overview={overview.data} loading={!overview.data} drill={drill} />
      <TrendPanel
        trend={trend.data}
        metric={metric}
        onMetric={setMetric}
        granularity={trendGranularity}
        onGranularity={setGranularity}
        hourAllowed={days <= REPORT_HOURLY_MAX_DAYS}
        drill={drill}
      />
      <Leaderboard board={board.data} drill={drill} />
    </div>
  );
}

function OverviewCards({ overview, loading, drill }: { overview: Overview | undefined; loading: boolean; drill: Parameters<typeof drilldownHref>[0] }) {
  const t = useTranslations("reports");
  const format = useFormatter();
  const show = useShow();
  const trendOf = (metric: ReportMetric): StatTrend | undefined => {
    const change = overview?.change[metric];
    if (!change || change.delta === null) return undefined;
    const direction = change.delta > 0 ? "up" : change.delta < 0 ? "down" : "flat";
    const better = REPORT_LOWER_IS_BETTER.includes(metric) ? "down" : "up";
    const tone = direction === "flat" ? "neutral" : direction === better ? "positive" : "negative";
    const sign = change.delta > 0 ? "+" : change.delta < 0 ? "−" : "±";
    const value = REPORT_PERCENT_METRICS.includes(metric)
      ? t("points", { value: `${sign}${format.number(Math.abs(change.delta), { maximumFractionDigits: 1 })}` })
      : change.percent !== null
        ? `${sign}${format.number(Math.abs(change.percent), { maximumFractionDigits: 1 })}%`
        : `${sign}${show(metric, Math.abs(change.delta))}`;
    return { value, direction, tone };
  };
  return (
    <section aria-label={t("overview")} className="grid grid-cols-2 gap-2 sm:grid-cols-3 sm:gap-3 lg:grid-cols-5" data-testid="report-overview">
      {CARD_METRICS.map((metric) => (
        <Link
          key={metric}
          href={drilldownHref({ ...drill, metric })}
          className="rounded-lg focus-visible:ring-2 focus-visible:ring-primary-500 focus-visible:outline-none"
          data-testid={`report-card-${metric}`}
          aria-label={t("drillCard", { figure: t(`metrics.${metric}`) })}
        >
          <StatCard
            className="h-full p-3 hover:border-primary-300 sm:p-4"
            loading={loading}
            label={t(`metrics.${metric}`)}
            value={<span data-testid={`report-value-${metric}`}>{show(metric, overview?.current[metric])}</span>}
            trend={trendOf(metric)}
            hint={overview ? t("previousValue", { value: show(metric, overview.previous[metric]) }) : undefined}
          />
        </Link>
      ))}
    </section>
  );
}

function TrendPanel(props: {
  trend: Trend | undefined;
  metric: ReportMetric;
  onMetric: (metric: ReportMetric) => void;
  granularity: ReportGranularity;
  onGranularity: (granularity: ReportGranularity) => void;
  hourAllowed: boolean;
  drill: Parameters<typeof drilldownHref>[0];
}) {
  const t = useTranslations("reports");
  const show = useShow();
  const [view, setView] = useState<"chart" | "table">("chart");
  const { trend, metric } = props;
  const data = useMemo(() => (trend?.points ?? []).map((p) => ({ ...p, label: p.bucket.length > 10 ? p.bucket.slice(11) : p.bucket.slice(5) })), [trend]);
  const csv = () => {
    if (!trend) return;
    const header = [t("bucket"), t("current"), t("previousBucket"), t("previous")];
    downloadCsv(`${t("csvTrendName", { metric: t(`metrics.${metric}`) })}-${trend.period.from}-${trend.period.to}`, [
      header,
      ...trend.points.map((p) => [
        p.bucket,
        p.value === null ? "" : String(p.value),
        p.previousBucket ?? "",
        p.previousValue === null ? "" : String(p.previousValue),
      ]),
    ]);
  };
  return (
    <section aria-label={t("trend")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="report-trend">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t("trend")}</h2>
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect aria-label={t("metric")} className="w-40" value={metric} onChange={(e) => props.onMetric(e.target.value as ReportMetric)}>
            {REPORT_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            aria-label={t("granularity")}
            className="w-28"
            value={props.granularity}
            onChange={(e) => props.onGranularity(e.target.value as ReportGranularity)}
          >
            {REPORT_GRANULARITIES.map((g) => (
              <option key={g} value={g} disabled={g === "hour" && !props.hourAllowed}>
                {t(`granularities.${g}`)}
              </option>
            ))}
          </NativeSelect>
          <div role="group" className="inline-flex rounded-md border border-slate-200 p-0.5">
            <Button
              size="sm"
              variant={view === "chart" ? "secondary" : "ghost"}
              className="h-7"
              aria-pressed={view === "chart"}
              onClick={() => setView("chart")}
            >
              {t("showChart")}
            </Button>
            <Button
              size="sm"
              variant={view === "table" ? "secondary" : "ghost"}
              className="h-7"
              aria-pressed={view === "table"}
              onClick={() => setView("table")}
            >
              {t("showTable")}
            </Button>
          </div>
          <Button size="sm" variant="outline" className="h-8" onClick={csv} disabled={!trend}>
            {t("exportCsv")}
          </Button>
        </div>
      </div>
      {!trend ? (
        <Skeleton className="h-64 w-full" />
      ) : view === "chart" ? (
        <div className="h-64 w-full" data-testid="report-chart">
          <TrendChart data={data} metric={metric} currentLabel={t("current")} previousLabel={t("previous")} format={(value) => show(metric, value)} />
        </div>
      ) : (
        <div className="max-h-96 overflow-auto">
          <Table data-testid="report-trend-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("bucket")}</TableHead>
                <TableHead className="text-right">{t("current")}</TableHead>
                <TableHead className="text-right">{t("previous")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {trend.points.map((p) => (
                <TableRow key={p.bucket}>
                  <TableCell>
                    <Link
                      className="text-primary-700 underline-offset-2 hover:underline"
                      href={drilldownHref({ ...props.drill, from: p.from, to: p.to, metric })}
                    >
                      {p.bucket}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{show(metric, p.value)}</TableCell>
                  <TableCell className="text-right text-slate-500 tabular-nums">{show(metric, p.previousValue)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

const BOARD_METRICS: ReportMetric[] = ["assigned", "resolved", "averageFirstResponseSeconds", "averageReplySeconds", "averageHandleSeconds", "csat"];

function Leaderboard({ board, drill }: { board: Board | undefined; drill: Parameters<typeof drilldownHref>[0] }) {
  const t = useTranslations("reports");
  const show = useShow();
  const [by, setBy] = useState<"agents" | "teams">("agents");
  const rows = board ? board[by] : [];
  return (
    <section aria-label={t("leaderboard")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="report-leaderboard">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t("leaderboard")}</h2>
        <div role="group" className="inline-flex rounded-md border border-slate-200 p-0.5">
          {(["agents", "teams"] as const).map((b) => (
            <Button key={b} size="sm" variant={by === b ? "secondary" : "ghost"} className="h-7" aria-pressed={by === b} onClick={() => setBy(b)}>
              {t(`by.${b}`)}
            </Button>
          ))}
        </div>
      </div>
      {!board ? (
        <Skeleton className="h-40 w-full" />
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noRows")}</p>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t(by === "agents" ? "agent" : "team")}</TableHead>
                {BOARD_METRICS.map((m) => (
                  <TableHead key={m} className="text-right whitespace-nowrap">
                    {t(`metrics.${m}`)}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-testid={`report-${by}-${row.id}`}>
                  <TableCell className="whitespace-nowrap">
                    {by === "teams" ? (
                      <Link className="text-primary-700 underline-offset-2 hover:underline" href={drilldownHref({ ...drill, teamId: row.id || undefined })}>
                        {row.name || t("noTeam")}
                      </Link>
                    ) : (
                      row.name
                    )}
                  </TableCell>
                  {BOARD_METRICS.map((m) => (
                    <TableCell key={m} className="text-right tabular-nums">
                      {show(m, row.figures[m])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
