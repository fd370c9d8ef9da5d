"use client";

import type { ComponentProps } from "react";
import { Slot } from "radix-ui";
import { cn } from "./cn";
import { Spinner } from "./spinner";
import { focusRing } from "./styles";

const variants = {
  primary: "bg-primary-600 text-white shadow-xs hover:bg-primary-700 active:bg-primary-800",
  secondary: "bg-slate-100 text-slate-900 hover:bg-slate-200 active:bg-slate-300",
  outline: "border border-slate-300 bg-white text-slate-800 shadow-xs hover:border-slate-400 hover:bg-slate-50 hover:text-slate-900 active:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100 hover:text-slate-900 active:bg-slate-200",
  danger: "bg-red-600 text-white shadow-xs hover:bg-red-700 active:bg-red-800",
  link: "h-auto px-0 text-primary-600 underline-offset-4 hover:text-primary-700 hover:underline",
} as const;

const sizes = {
  sm: "h-8 gap-1.5 px-3",
  md: "h-9 px-4",
  lg: "h-11 px-6 text-base",
  icon: "size-9",
  "icon-sm": "size-8",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the single child (e.g. a Next `<Link>`) with button styles instead of a `<button>`. */
  asChild?: boolean;
  /** Shows a spinner and disables the button (ignored with `asChild`). */
  loading?: boolean;
}

/** Button. Defaults to `type="button"`; pass `type="submit"` in forms. Icon-only buttons need `aria-label`. */
export function Button({ className, variant = "primary", size = "md", asChild = false, loading = false, disabled, type, children, ...props }: ButtonProps) {
  const classes = cn(
    "inline-flex shrink-0 cursor-pointer select-none items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
    focusRing,
    sizes[size],
    variants[variant],
    className,
  );

  if (asChild) {
    return (
      <Slot.Root className={classes} aria-disabled={disabled === true || undefined} {...props}>
        {children}
      </Slot.Root>
    );
  }

  return (
    <button
      type={type ?? "button"}
      className={classes}
      disabled={disabled === true || loading}
      aria-busy={loading || undefined}
      data-loading={loading || undefined}
      {...props}
    >
      {loading ? <Spinner size="sm" /> : null}
      {children}
    </button>
  );
}
