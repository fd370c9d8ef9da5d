import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps extends Omit<ComponentProps<"div">, "title"> {
  /** Decorative icon (an svg); shown in a soft circle. */
  icon?: ReactNode;
  title: ReactNode;
  /** Say what to do next. */
  description?: ReactNode;
  /** Call to action, e.g. a `<Button>`. */
  action?: ReactNode;
  /** Dashed border around the block (off inside tables/cards). */
  bordered?: boolean;
}

export function EmptyState({ icon, title, description, action, bordered = false, className, ...props }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-3 px-4 py-10 text-center",
        bordered && "rounded-lg border border-dashed border-slate-300",
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500 [&_svg:not([class*='size-'])]:size-6"
        >
          {icon}
        </div>
      ) : null}
      <div className="grid max-w-md gap-1">
        <p className="text-base font-medium text-slate-900">{title}</p>
        {description ? <p className="text-sm text-slate-500">{description}</p> : null}
      </div>
      {action ? <div className="mt-1 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
