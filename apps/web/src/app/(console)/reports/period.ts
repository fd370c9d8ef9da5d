/**
 * The report's periods in Beijing days (the operation's calendar, docs/architecture.md "Reports"): the presets, and
 * what each is compared with — the previous calendar month for the month presets (the same days of it for "this
 * month so far"), else the same number of days just before.
 */
import { previousPeriod } from "@kefu/api/contracts/report-metrics";

export const PERIOD_PRESETS = ["today", "last7", "last30", "thisMonth", "lastMonth", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

export interface PeriodChoice extends Period {
  compareFrom: string;
  compareTo: string;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last day of the month of "YYYY-MM-DD". */
function monthEnd(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function monthBefore(date: string): string {
  return monthStart(addDays(monthStart(date), -1));
}

export function periodOf(preset: Exclude<PeriodPreset, "custom">, today: string): PeriodChoice {
  const plain = (period: Period): PeriodChoice => {
    const before = previousPeriod(period);
    return { ...period, compareFrom: before.from, compareTo: before.to };
  };
  switch (preset) {
    case "today":
      return plain({ from: today, to: today });
    case "last7":
      return plain({ from: addDays(today, -6), to: today });
    case "last30":
      return plain({ from: addDays(today, -29), to: today });
    case "thisMonth": {
      const from = monthStart(today);
      const compareFrom = monthBefore(today);
      const days = Number(today.slice(8, 10));
      const compareTo = [addDays(compareFrom, days - 1), monthEnd(compareFrom)].sort()[0]!;
      return { from, to: today, compareFrom, compareTo };
    }
    case "lastMonth": {
      const from = monthBefore(today);
      const compareFrom = monthBefore(from);
      return { from, to: monthEnd(from), compareFrom, compareTo: monthEnd(compareFrom) };
    }
  }
}

/** A custom period is compared with the same number of days just before. */
export function customPeriod(from: string, to: string): PeriodChoice {
  const before = previousPeriod({ from, to });
  return { from, to, compareFrom: before.from, compareTo: before.to };
}
