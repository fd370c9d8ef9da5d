import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { MinusIcon, TrendDownIcon, TrendUpIcon } from "./icons";
import { Skeleton } from "./skeleton";

export interface StatTrend {
  /** Formatted change, e.g. "+12%" or "-3 分钟" (the sign is what screen readers hear). */
  value: ReactNode;
  direction: "up" | "down" | "flat";
  /** Whether the change is good. Defaults: up → positive, down → negative, flat → neutral. */
  tone?: "positive" | "negative" | "neutral";
}

export interface StatCardProps extends Omit<ComponentProps<"div">, "children"> {
  label: ReactNode;
  /** Formatted value, e.g. "1,284" or "32 秒". */
  value: ReactNode;
  /** Small text under the value, e.g. "较昨日" or "过去 24 小时". */
  hint?: ReactNode;
  trend?: StatTrend;
  /** Decorative icon at the top right. */
  icon?: ReactNode;
  /** Shows skeletons instead of value/hint. */
  loading?: boolean;
}

const toneClass = {
  positive: "bg-emerald-50 text-emerald-700",
  negative: "bg-red-50 text-red-700",
  neutral: "bg-slate-100 text-slate-600",
} as const;

const defaultTone = { up: "positive", down: "negative", flat: "neutral" } as const;

export function StatCard({ label, value, hint, trend, icon, loading = false, className, ...props }: StatCardProps) {
  const tone = trend ? (trend.tone ?? defaultTone[trend.direction]) : "neutral";
  const TrendIcon = trend?.direction === "up" ? TrendUpIcon : trend?.direction === "down" ? TrendDownIcon : MinusIcon;
  return (
    <div
      className={cn("relative min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:p-5", className)}
      aria-busy={loading || undefined}
      {...props}
    >
      {/* outside the list: a <dl> may hold only its terms and descriptions */}
      {icon ? (
        <span aria-hidden="true" className="absolute top-4 right-4 text-slate-400 sm:top-5 sm:right-5 [&_svg:not([class*='size-'])]:size-5">
          {icon}
        </span>
      ) : null}
      <dl className="grid gap-1">
        <dt className={cn("min-w-0 text-sm text-slate-500", icon && "pr-8")}>{label}</dt>
        <dd className="text-2xl leading-9 font-semibold tracking-tight text-slate-900 tabular-nums">
          {loading ? <Skeleton className="my-1.5 h-6 w-24" /> : value}
        </dd>
        {trend || hint ? (
          <dd className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            {loading ? (
              <Skeleton className="h-4 w-32" />
            ) : (
              <>
                {trend ? (
                  <span className={cn("inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium tabular-nums", toneClass[tone])}>
                    <TrendIcon className="size-3.5" />
                    {trend.value}
                  </span>
                ) : null}
                {hint ? <span>{hint}</span> : null}
              </>
            )}
          </dd>
        ) : null}
      </dl>
    </div>
  );
}
