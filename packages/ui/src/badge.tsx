import type { ComponentProps } from "react";
import { cn } from "./cn";

const variants = {
  neutral: { badge: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  info: { badge: "bg-primary-50 text-primary-700 ring-primary-600/20", dot: "bg-primary-500" },
  success: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  warning: { badge: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  danger: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
} as const;

export type BadgeVariant = keyof typeof variants;

export interface BadgeProps extends ComponentProps<"span"> {
  variant?: BadgeVariant;
  /** Leading status dot (decorative). */
  dot?: boolean;
}

/** Small status label. Colour is never the only signal: the text says the status. */
export function Badge({ className, variant = "neutral", dot = false, children, ...props }: BadgeProps) {
  const style = variants[variant];
  return (
    <span
      className={cn(
        "inline-flex max-w-full shrink-0 items-center gap-1.5 rounded-md px-2 py-0.5 text-xs leading-5 font-medium whitespace-nowrap ring-1 ring-inset",
        style.badge,
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn("size-1.5 shrink-0 rounded-full", style.dot)} /> : null}
      {children}
    </span>
  );
}
