import { Fragment, type ComponentProps } from "react";
import { cn } from "./cn";

const kbdClass =
  "inline-flex h-5 min-w-5 items-center justify-center rounded border border-slate-300 border-b-2 bg-slate-50 px-1 font-sans text-[11px] leading-none font-medium text-slate-600";

/** One key cap: `<Kbd>Esc</Kbd>`. */
export function Kbd({ className, ...props }: ComponentProps<"kbd">) {
  return <kbd className={cn(kbdClass, className)} {...props} />;
}

export interface KeyboardShortcutProps extends Omit<ComponentProps<"kbd">, "children"> {
  /** Keys pressed together, e.g. `["Ctrl", "Enter"]` or `["⌘", "K"]`. */
  keys: string[];
}

/** A key combination, rendered as nested `<kbd>` elements (HTML's markup for a shortcut). */
export function KeyboardShortcut({ keys, className, ...props }: KeyboardShortcutProps) {
  return (
    <kbd className={cn("inline-flex items-center gap-0.5 font-sans", className)} {...props}>
      {keys.map((key, index) => (
        <Fragment key={`${key}-${index}`}>
          {index > 0 ? (
            <span aria-hidden="true" className="text-[11px] text-slate-400">
              +
            </span>
          ) : null}
          <kbd className={kbdClass}>{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}
