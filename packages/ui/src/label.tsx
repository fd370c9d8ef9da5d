"use client";

import type { ComponentProps } from "react";
import { Label as LabelPrimitive } from "radix-ui";
import { cn } from "./cn";

export interface LabelProps extends ComponentProps<typeof LabelPrimitive.Root> {
  /** Shows a red asterisk (visual only; mark the control itself with `required`/`aria-required`). */
  required?: boolean;
}

export function Label({ className, required = false, children, ...props }: LabelProps) {
  return (
    <LabelPrimitive.Root
      className={cn(
        "inline-flex items-center gap-1 text-sm font-medium leading-5 text-slate-800 select-none peer-disabled:cursor-not-allowed peer-disabled:opacity-60",
        className,
      )}
      {...props}
    >
      {required ? (
        <span aria-hidden="true" className="text-red-600">
          *
        </span>
      ) : null}
      {children}
    </LabelPrimitive.Root>
  );
}
