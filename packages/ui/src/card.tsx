import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white text-slate-700 shadow-xs", className)} {...props} />;
}

export interface CardHeaderProps extends ComponentProps<"div"> {
  /** Right-aligned slot for buttons/links (wraps under the title on narrow cards). */
  actions?: ReactNode;
}

export function CardHeader({ className, actions, children, ...props }: CardHeaderProps) {
  return (
    <div className={cn("flex flex-wrap items-start justify-between gap-x-4 gap-y-2 p-4 pb-0 sm:p-5 sm:pb-0", className)} {...props}>
      <div className="grid min-w-0 flex-1 gap-1">{children}</div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export interface CardTitleProps extends ComponentProps<"h2"> {
  /** Heading level; defaults to h2 (page title is the h1). */
  as?: "h2" | "h3" | "h4" | "div";
}

export function CardTitle({ className, as: Heading = "h2", ...props }: CardTitleProps) {
  return <Heading className={cn("text-base leading-6 font-semibold text-slate-900", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("text-sm text-slate-500", className)} {...props} />;
}

/** Body. Use `className="p-0 sm:p-0"` around a full-bleed `<Table>`. */
export function CardContent({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("min-w-0 p-4 sm:p-5", className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-3 sm:px-5", className)} {...props} />;
}
