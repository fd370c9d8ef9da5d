"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { StatCard } from "@kefu/ui/stat-card";
import { useEffect, useState } from "react";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "~/i18n/locales";
import { readMonitorSnapshot, type MonitorSnapshotSummary, type SnapshotFigure } from "~/lib/monitor-snapshot";
import type zhCN from "~/messages/pwa.zh-CN.json";

type OfflineStrings = typeof zhCN.pwa.offline;

function fill(template: string, values: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

function cookieLocale(): Locale | null {
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`).exec(document.cookie);
  return match ? resolveLocale(decodeURIComponent(match[1]!)) : null;
}

function formatFigure(strings: OfflineStrings, locale: Locale, key: SnapshotFigure, value: number) {
  if (key !== "longestWaitSeconds") return new Intl.NumberFormat(locale).format(value);
  const seconds = Math.max(0, Math.round(value));
  return seconds < 60 ? fill(strings.seconds, { seconds }) : fill(strings.minutesSeconds, { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

function WifiOffIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="size-6"
    >
      <path d="M12 20h.01" />
      <path d="M8.5 16.43a5 5 0 0 1 7 0" />
      <path d="M5 12.86a10 10 0 0 1 5.17-2.69" />
      <path d="M19 12.86a10 10 0 0 0-2-1.39" />
      <path d="M2 8.82a15 15 0 0 1 4.18-2.65" />
      <path d="M22 8.82a15 15 0 0 0-11.29-3.76" />
      <path d="m2 2 20 20" />
    </svg>
  );
}

export function OfflineView({ initialLocale, strings }: { initialLocale: Locale; strings: Record<Locale, OfflineStrings> }) {
  const [locale, setLocale] = useState(initialLocale);
  const [snapshot, setSnapshot] = useState<MonitorSnapshotSummary | null | undefined>(undefined);
  const t = strings[locale];

  useEffect(() => {
    // Browser-only state (cookie, localStorage): read after hydration so the server markup stays valid.
    setLocale(cookieLocale() ?? initialLocale);
    setSnapshot(readMonitorSnapshot(localStorage));
    const reload = () => window.location.reload();
    window.addEventListener("online", reload);
    return () => window.removeEventListener("online", reload);
  }, [initialLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.title;
  }, [locale, t.title]);

  const savedAt = snapshot?.savedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(snapshot.savedAt)
    : null;

  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col gap-4 px-4 py-8" data-testid="offline-page">
      <Card>
        <CardContent className="flex flex-col gap-4 pt-6 sm:flex-row sm:items-start">
          <span className="flex size-12 shrink-0 items-center justify-center rounded-full bg-amber-50 text-amber-700">
            <WifiOffIcon />
          </span>
          <div className="min-w-0 space-y-3">
            <h1 className="text-xl font-semibold text-slate-900">{t.title}</h1>
            <p className="text-sm text-slate-600">{t.description}</p>
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                {/* a full navigation, so the service worker answers with the cached monitor page */}
                <a href="/monitor">{t.openMonitor}</a>
              </Button>
              <Button variant="outline" onClick={() => window.location.reload()}>
                {t.retry}
              </Button>
            </div>
          </div>
        </CardContent>
      </Card>

      <Card aria-labelledby="offline-snapshot-title" data-testid="offline-snapshot">
        <CardHeader
          actions={
            <Badge variant="warning" dot>
              {t.offlineBadge}
            </Badge>
          }
        >
          <CardTitle id="offline-snapshot-title">{t.snapshotTitle}</CardTitle>
          {savedAt ? <p className="text-sm text-slate-500">{fill(t.savedAt, { time: savedAt })}</p> : null}
        </CardHeader>
        <CardContent>
          {snapshot === undefined ? null : snapshot && snapshot.figures.length > 0 ? (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {snapshot.figures.map((figure) => (
                <StatCard key={figure.key} label={t.figures[figure.key]} value={formatFigure(t, locale, figure.key, figure.value)} data-figure={figure.key} />
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t.noSnapshot}</p>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
