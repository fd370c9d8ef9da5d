"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useTranslations } from "next-intl";
import { useState } from "react";

type Day = RouterOutputs["monitor"]["heatmap"]["days"][number];

const SHADES = ["bg-slate-100", "bg-primary-100", "bg-primary-200", "bg-primary-400", "bg-primary-600", "bg-primary-800"] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function shade(count: number, max: number): string {
  if (count === 0 || max === 0) return SHADES[0];
  return SHADES[Math.min(SHADES.length - 1, 1 + Math.floor((count / max) * (SHADES.length - 1.0001)))]!;
}

/** "03-18" from "2026-03-18". */
const shortDate = (date: string) => date.slice(5);

function downloadCsv(days: Day[], fileName: string, labels: { date: string; total: string }) {
  const header = [labels.date, ...HOURS.map((hour) => `${hour}`), labels.total];
  const lines = [header, ...days.map((day) => [day.date, ...day.hours.map(String), String(day.total)])].map((cells) => cells.join(","));
  // the byte-order mark lets Excel read the Chinese header as UTF-8
  const blob = new Blob([`\uFEFF${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

export function Heatmap({ days, loading }: { days: Day[] | undefined; loading: boolean }) {
  const t = useTranslations("monitor.heatmap");
  const [view, setView] = useState<"grid" | "table">("grid");
  if (loading || !days) return <Skeleton className="h-48 w-full" />;
  const max = Math.max(0, ...days.flatMap((day) => day.hours));

  return (
    <div className="grid gap-3" data-testid="heatmap">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <div role="group" className="inline-flex rounded-md border border-slate-200 p-0.5">
          <Button size="sm" variant={view === "grid" ? "secondary" : "ghost"} className="h-7" aria-pressed={view === "grid"} onClick={() => setView("grid")}>
            {t("showGrid")}
          </Button>
          <Button size="sm" variant={view === "table" ? "secondary" : "ghost"} className="h-7" aria-pressed={view === "table"} onClick={() => setView("table")}>
            {t("showTable")}
          </Button>
        </div>
        <Button size="sm" variant="outline" className="h-8" onClick={() => downloadCsv(days, t("csvName"), { date: t("date"), total: t("total") })}>
          {t("exportCsv")}
        </Button>
      </div>
      {view === "grid" ? (
        <div className="grid gap-1">
          <div className="grid grid-cols-[2.75rem_repeat(24,minmax(0,1fr))] gap-px" aria-hidden>
            <span />
            {HOURS.map((hour) => (
              <span key={hour} className="text-center text-[10px] leading-4 text-slate-500">
                {hour % 6 === 0 ? hour : ""}
              </span>
            ))}
          </div>
          {days.map((day) => (
            <div key={day.date} className="grid grid-cols-[2.75rem_repeat(24,minmax(0,1fr))] items-center gap-px">
              <span className="text-xs text-slate-500 tabular-nums">{shortDate(day.date)}</span>
              {day.hours.map((count, hour) => (
                <span
                  key={hour}
                  role="img"
                  aria-label={t("cell", { date: day.date, hour, count })}
                  title={t("cell", { date: day.date, hour, count })}
                  className={cn("h-5 min-w-0 rounded-[2px] sm:h-6", shade(count, max))}
                />
              ))}
            </div>
          ))}
          <div className="flex items-center justify-end gap-1 text-[10px] text-slate-500" aria-hidden>
            {t("less")}
            {SHADES.map((color) => (
              <span key={color} className={cn("size-3 rounded-[2px]", color)} />
            ))}
            {t("more")}
          </div>
        </div>
      ) : (
        <Table framed containerClassName="max-h-80">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{t("date")}</TableHead>
              {HOURS.map((hour) => (
                <TableHead key={hour} className="px-1.5 text-right">
                  {hour}
                </TableHead>
              ))}
              <TableHead className="text-right">{t("total")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {days.map((day) => (
              <TableRow key={day.date}>
                <TableHead scope="row" className="text-slate-700">
                  {day.date}
                </TableHead>
                {day.hours.map((count, hour) => (
                  <TableCell key={hour} className="px-1.5 text-right tabular-nums">
                    {count}
                  </TableCell>
                ))}
                <TableCell className="text-right font-medium tabular-nums">{day.total}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
