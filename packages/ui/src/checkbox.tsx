"use client";

import type { ComponentProps } from "react";
import { Checkbox as CheckboxPrimitive } from "radix-ui";
import { cn } from "./cn";
import { CheckIcon, MinusIcon } from "./icons";

export type CheckboxProps = ComponentProps<typeof CheckboxPrimitive.Root>;

/**
 * Checkbox (Radix): `checked` is `boolean | "indeterminate"`, change with `onCheckedChange`.
 * Label it with `<Label htmlFor>` or by wrapping it in a `<label>`.
 */
export function Checkbox({ className, ...props }: CheckboxProps) {
  return (
    <CheckboxPrimitive.Root
      className={cn(
        "group peer grid size-4 shrink-0 cursor-pointer place-content-center rounded-[4px] border border-slate-400 bg-white text-white shadow-xs outline-none transition-colors hover:border-primary-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary-500 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 data-[state=checked]:border-primary-600 data-[state=checked]:bg-primary-600 data-[state=indeterminate]:border-primary-600 data-[state=indeterminate]:bg-primary-600",
        className,
      )}
      {...props}
    >
      <CheckboxPrimitive.Indicator className="grid place-content-center">
        <CheckIcon strokeWidth={3} className="hidden size-3 group-data-[state=checked]:block" />
        <MinusIcon strokeWidth={3} className="hidden size-3 group-data-[state=indeterminate]:block" />
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
