import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Placeholder block while loading; size it with classes (e.g. `h-4 w-32`). Mark the loading region `aria-busy`. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/80 motion-reduce:animate-none", className)} {...props} />;
}
