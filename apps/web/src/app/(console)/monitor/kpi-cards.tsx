"use client";

import { StatCard, type StatTrend } from "@kefu/ui/stat-card";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useDuration } from "./hooks";
import type { Overview } from "./live-state";

type Kpis = Overview["today"]["kpis"];
/** whether more is better (up = positive), worse (up = negative) or neither */
type Direction = "higherIsBetter" | "lowerIsBetter" | "neutral";

interface KpiDefinition {
  key: string;
  label: string;
  today: number | null;
  yesterday: number | null;
  kind: "count" | "duration" | "percent";
  direction: Direction;
  hint?: ReactNode;
  testId?: string;
}

export function KpiCards({ overview, repliesWaiting, loading }: { overview: Overview | undefined; repliesWaiting: number | null; loading: boolean }) {
  const t = useTranslations("monitor");
  const format = useFormatter();
  const duration = useDuration();
  const today = overview?.today.kpis;
  const yesterday = overview?.yesterday.kpis;

  const show = (kind: KpiDefinition["kind"], value: number | null): string => {
    if (value === null) return t("noValue");
    if (kind === "duration") return duration(value) ?? t("noValue");
    if (kind === "percent") return `${format.number(value, { maximumFractionDigits: 1 })}%`;
    return format.number(value);
  };

  const pick = (get: (k: Kpis) => number | null) => ({ today: today ? get(today) : null, yesterday: yesterday ? get(yesterday) : null });
  const definitions: KpiDefinition[] = [
    { key: "queued", label: t("kpi.queued"), ...pick((k) => k.conversations.QUEUED), kind: "count", direction: "lowerIsBetter", testId: "kpi-queued" },
    { key: "longestWait", label: t("kpi.longestWait"), ...pick((k) => k.longestWaitSeconds), kind: "duration", direction: "lowerIsBetter" },
    {
      key: "active",
      label: t("kpi.active"),
      ...pick((k) => k.conversations.ACTIVE),
      kind: "count",
      direction: "neutral",
      hint: today ? t("agents.pausedCount", { count: today.conversations.PAUSED }) : undefined,
    },
    { key: "bot", label: t("kpi.bot"), ...pick((k) => k.conversations.BOT), kind: "count", direction: "neutral" },
    {
      key: "repliesWaiting",
      label: t("kpi.repliesWaiting"),
      today: repliesWaiting,
      yesterday: null,
      kind: "count",
      direction: "lowerIsBetter",
      testId: "kpi-replies-waiting",
    },
    {
      key: "agentsOnline",
      label: t("kpi.agentsOnline"),
      ...pick((k) => k.agents.ONLINE),
      kind: "count",
      direction: "higherIsBetter",
      hint: today ? t("agentsLine", { busy: today.agents.BUSY, away: today.agents.AWAY, offline: today.agents.OFFLINE }) : undefined,
    },
    {
      key: "resolved",
      label: t("kpi.resolved"),
      ...pick((k) => k.resolved),
      kind: "count",
      direction: "higherIsBetter",
      hint: today ? t("resolvedByBot", { count: today.resolvedByBot }) : undefined,
    },
    { key: "averageWait", label: t("kpi.averageWait"), ...pick((k) => k.averageWaitSeconds), kind: "duration", direction: "lowerIsBetter" },
    { key: "firstResponse", label: t("kpi.firstResponse"), ...pick((k) => k.averageFirstResponseSeconds), kind: "duration", direction: "lowerIsBetter" },
    { key: "replyTime", label: t("kpi.replyTime"), ...pick((k) => k.averageReplySeconds), kind: "duration", direction: "lowerIsBetter" },
    {
      key: "abandoned",
      label: t("kpi.abandoned"),
      ...pick((k) => k.abandoned),
      kind: "count",
      direction: "lowerIsBetter",
      hint:
        today?.abandonedPercent !== null && today?.abandonedPercent !== undefined
          ? t("abandonedRate", { percent: `${format.number(today.abandonedPercent)}%` })
          : undefined,
    },
    {
      key: "csat",
      label: t("kpi.csat"),
      ...pick((k) => k.csat),
      kind: "percent",
      direction: "higherIsBetter",
      hint: today ? t("csatResponses", { count: today.csatResponses }) : undefined,
    },
  ];

  const trendOf = (definition: KpiDefinition): StatTrend | undefined => {
    if (definition.today === null || definition.yesterday === null) return undefined;
    const difference = definition.today - definition.yesterday;
    const direction = difference > 0 ? "up" : difference < 0 ? "down" : "flat";
    const good =
      definition.direction === "neutral" || direction === "flat"
        ? "neutral"
        : (direction === "up") === (definition.direction === "higherIsBetter")
          ? "positive"
          : "negative";
    const magnitude = show(definition.kind, Math.abs(Math.round(difference * 10) / 10));
    return { value: `${difference > 0 ? "+" : difference < 0 ? "−" : "±"}${magnitude}`, direction, tone: good };
  };

  return (
    <section aria-label={t("sections.kpis")} className="grid grid-cols-2 gap-2 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4" data-testid="kpi-cards">
      {definitions.map((definition) => (
        <StatCard
          key={definition.key}
          className="p-3 sm:p-4"
          loading={loading}
          label={definition.label}
          value={<span data-testid={definition.testId}>{show(definition.kind, definition.today)}</span>}
          trend={trendOf(definition)}
          hint={
            <>
              {definition.yesterday !== null ? <span className="block">{t("vsYesterday", { value: show(definition.kind, definition.yesterday) })}</span> : null}
              {definition.hint ? <span className="block">{definition.hint}</span> : null}
            </>
          }
        />
      ))}
    </section>
  );
}
