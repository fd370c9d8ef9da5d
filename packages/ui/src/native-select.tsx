import type { ComponentProps } from "react";
import { cn } from "./cn";
import { ChevronDownIcon } from "./icons";
import { controlBase } from "./styles";

export interface NativeSelectProps extends ComponentProps<"select"> {
  /** Classes for the `<select>` element itself; `className` goes on the wrapper (width, margins). */
  selectClassName?: string;
}

/**
 * A styled native `<select>`: pass `<option>`s as children. Best for simple forms and filters
 * (native picker on phones; Playwright drives it with `selectOption`).
 */
export function NativeSelect({ className, selectClassName, children, ...props }: NativeSelectProps) {
  return (
    <div className={cn("relative w-full", className)}>
      <select className={cn(controlBase, "h-9 cursor-pointer appearance-none py-1 pr-9 pl-3", selectClassName)} {...props}>
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-slate-500" />
    </div>
  );
}
