"use client";

import type { ComponentProps } from "react";
import { Popover as PopoverPrimitive } from "radix-ui";
import { cn } from "./cn";
import { floatingSurface } from "./styles";

/** Root: `open` / `defaultOpen` / `onOpenChange`, `modal`. */
export const Popover = PopoverPrimitive.Root;
/** Use `asChild` with a `<Button>`. */
export const PopoverTrigger = PopoverPrimitive.Trigger;
export const PopoverAnchor = PopoverPrimitive.Anchor;
/** Closes the popover; use `asChild` with a `<Button>`. */
export const PopoverClose = PopoverPrimitive.Close;

/** Floating panel (portal included). Give it `aria-label` when its content has no heading. */
export function PopoverContent({ className, align = "center", sideOffset = 6, ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        align={align}
        sideOffset={sideOffset}
        className={cn(
          floatingSurface,
          "max-h-(--radix-popover-content-available-height) w-72 max-w-[calc(100vw-1rem)] origin-(--radix-popover-content-transform-origin) overflow-y-auto p-4 text-sm",
          className,
        )}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
