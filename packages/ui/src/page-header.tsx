import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export interface PageHeaderProps extends Omit<ComponentProps<"div">, "title"> {
  /** Rendered as the page's `<h1>`. */
  title: ReactNode;
  description?: ReactNode;
  /** Buttons on the right (below the title on phones). */
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions, className, ...props }: PageHeaderProps) {
  return (
    <div className={cn("flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6", className)} {...props}>
      <div className="grid min-w-0 gap-1">
        <h1 className="text-xl leading-8 font-semibold break-words text-slate-900 sm:text-2xl">{title}</h1>
        {description ? <p className="text-sm text-slate-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
