"use client";

import { cn } from "@kefu/ui/cn";
import { EmptyState } from "@kefu/ui/empty-state";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Skeleton } from "@kefu/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { clockTime, useDuration, useShowAll } from "./hooks";
import { ShowMore } from "./show-more";

const SPAN_COLOUR = { ONLINE: "bg-emerald-500", BUSY: "bg-amber-500", AWAY: "bg-sky-400" } as const;
const DAY_MS = 24 * 3_600_000;
const MAX_DAYS_BACK = 366;

/** "YYYY-MM-DD" in Beijing time, `daysBack` days before today. */
export function beijingDate(daysBack = 0, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 - daysBack * DAY_MS).toISOString().slice(0, 10);
}

export function PresenceTimeline() {
  const t = useTranslations();
  const tt = useTranslations("monitor.timeline");
  const trpc = useTRPC();
  const errors = useApiErrors();
  const duration = useDuration({ coarse: true });
  const [date, setDate] = useState(() => beijingDate());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const timeline = useQuery(trpc.monitor.presenceTimeline.queryOptions({ date }, { enabled: valid, staleTime: 60_000 }));
  const fieldError = timeline.error ? (errors.fieldErrors(timeline.error).date ?? errors.message(timeline.error)) : undefined;

  const data = timeline.data;
  const dayStart = data ? new Date(data.from).getTime() : 0;
  const position = (at: Date | string) => ((new Date(at).getTime() - dayStart) / DAY_MS) * 100;
  const present = (data?.agents ?? []).filter((agent) => agent.spans.length > 0);
  const list = useShowAll(present, 10);
  const agents = list.visible;

  return (
    <div className="grid gap-3" data-testid="presence-timeline">
      <Field label={tt("date")} htmlFor="timeline-date" error={fieldError} className="max-w-48">
        <Input
          id="timeline-date"
          type="date"
          value={date}
          min={beijingDate(MAX_DAYS_BACK)}
          max={beijingDate()}
          onChange={(event) => setDate(event.target.value)}
        />
      </Field>
      <div className="flex flex-wrap gap-3 text-xs text-slate-600" aria-label={tt("legend")}>
        {(["ONLINE", "BUSY", "AWAY"] as const).map((presence) => (
          <span key={presence} className="inline-flex items-center gap-1">
            <span aria-hidden className={cn("size-2.5 rounded-sm", SPAN_COLOUR[presence])} />
            {t(`presence.${presence}`)}
          </span>
        ))}
      </div>
      {timeline.isPending && valid ? (
        <Skeleton className="h-32 w-full" />
      ) : agents.length === 0 ? (
        !fieldError ? (
          <EmptyState bordered title={tt("empty")} />
        ) : null
      ) : (
        <ul className="grid gap-3">
          <li aria-hidden className="grid grid-cols-[minmax(0,1fr)] sm:grid-cols-[8rem_minmax(0,1fr)_9rem] sm:gap-3">
            <span className="hidden sm:block" />
            <span className="relative h-4 text-[10px] text-slate-500">
              {[0, 6, 12, 18, 24].map((hour) => (
                <span
                  key={hour}
                  className={cn("absolute", hour === 24 ? "-translate-x-full" : hour > 0 ? "-translate-x-1/2" : "")}
                  style={{ left: `${(hour / 24) * 100}%` }}
                >
                  {hour}
                </span>
              ))}
            </span>
          </li>
          {agents.map((agent) => (
            <li key={agent.userId} className="grid gap-1 sm:grid-cols-[8rem_minmax(0,1fr)_9rem] sm:items-center sm:gap-3" data-user-id={agent.userId}>
              <span className="truncate text-sm font-medium text-slate-800">{agent.name}</span>
              <span className="relative h-4 overflow-hidden rounded bg-slate-100">
                {agent.spans.map((span, index) => (
                  <span
                    key={index}
                    role="img"
                    aria-label={tt("span", { presence: t(`presence.${span.presence}`), from: clockTime(span.startedAt), to: clockTime(span.endedAt) })}
                    title={tt("span", { presence: t(`presence.${span.presence}`), from: clockTime(span.startedAt), to: clockTime(span.endedAt) })}
                    className={cn("absolute inset-y-0", SPAN_COLOUR[span.presence])}
                    style={{ left: `${position(span.startedAt)}%`, width: `${Math.max(0.3, position(span.endedAt) - position(span.startedAt))}%` }}
                  />
                ))}
              </span>
              <span className="text-xs text-slate-600 tabular-nums">
                {tt("onlineTime", { time: duration(agent.onlineSeconds) ?? "" })}
                {agent.busySeconds > 0 ? ` · ${tt("busyTime", { time: duration(agent.busySeconds) ?? "" })}` : ""}
                {agent.awaySeconds > 0 ? ` · ${tt("awayTime", { time: duration(agent.awaySeconds) ?? "" })}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ShowMore hidden={list.hidden} all={list.all} total={present.length} onChange={list.setAll} />
    </div>
  );
}
