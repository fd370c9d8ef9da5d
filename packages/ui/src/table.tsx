import type { ComponentProps } from "react";
import { cn } from "./cn";

export interface TableProps extends ComponentProps<"table"> {
  /** Classes for the scroll container (the table scrolls sideways inside it, never the page). */
  containerClassName?: string;
  /** Border and rounded corners around the container (leave off inside a Card). */
  framed?: boolean;
  /**
   * Below the `md` breakpoint each row becomes a card: cells stack one per line, each headed by its `label`
   * (give every `TableCell` a `label`), so a phone never has to scroll a wide table sideways.
   */
  cards?: boolean;
}

/**
 * Table in a horizontally scrollable container. In flex/grid layouts the parents need `min-w-0`
 * so the container can shrink below the table's width.
 */
export function Table({ className, containerClassName, framed = false, cards = false, ...props }: TableProps) {
  return (
    <div
      className={cn(
        "relative w-full max-w-full min-w-0 overflow-x-auto",
        framed && "rounded-lg border border-slate-200 bg-white",
        cards && framed && "max-md:border-0 max-md:bg-transparent",
        containerClassName,
      )}
    >
      <table data-cards={cards ? "" : undefined} className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-slate-50 [&_tr]:border-b [&_tr]:border-slate-200 [&_tr]:hover:bg-transparent", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return <tfoot className={cn("border-t border-slate-200 bg-slate-50 font-medium", className)} {...props} />;
}

/** Row. Set `data-state="selected"` to highlight a selected row. */
export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("border-b border-slate-100 transition-colors hover:bg-slate-50/70 data-[state=selected]:bg-primary-50", className)} {...props} />;
}

export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn("h-10 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-slate-500 [&:has([role=checkbox])]:w-10", className)}
      {...props}
    />
  );
}

export interface TableCellProps extends ComponentProps<"td"> {
  /** The column's name, shown before the value when the table is shown as cards (`<Table cards>`) on a phone. */
  label?: string;
}

/** Cell; does not wrap by default (the table scrolls instead). Add `whitespace-normal` for long text. */
export function TableCell({ className, label, ...props }: TableCellProps) {
  return <td data-label={label} className={cn("px-3 py-2.5 align-middle whitespace-nowrap text-slate-700", className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("mt-3 text-sm text-slate-500", className)} {...props} />;
}

export interface TableEmptyProps extends ComponentProps<"td"> {
  /** Number of columns the message spans. */
  colSpan: number;
}

/** A full-width row for "no results" (put an `<EmptyState>` or plain text inside). */
export function TableEmpty({ className, colSpan, ...props }: TableEmptyProps) {
  return (
    <tr className="hover:bg-transparent">
      <td colSpan={colSpan} className={cn("px-3 py-10 text-center text-sm text-slate-500", className)} {...props} />
    </tr>
  );
}
