"use client";

import type { ComponentProps } from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { cn } from "./cn";
import { XIcon } from "./icons";
import { focusRing } from "./styles";

/** Root: `open` / `defaultOpen` / `onOpenChange`. */
export const Dialog = DialogPrimitive.Root;
/** Use `asChild` with a `<Button>`. */
export const DialogTrigger = DialogPrimitive.Trigger;
/** Closes the dialog; use `asChild` with a `<Button>` (e.g. the footer's cancel button). */
export const DialogClose = DialogPrimitive.Close;

const widths = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-2xl", xl: "max-w-4xl" } as const;

export interface DialogContentProps extends ComponentProps<typeof DialogPrimitive.Content> {
  /** Accessible name of the × button (translated, e.g. "关闭"). */
  closeLabel: string;
  size?: keyof typeof widths;
  /** Hide the × button (the dialog still closes with Esc and outside click). */
  hideCloseButton?: boolean;
}

/** The modal panel (portal + overlay included). Put a `<DialogTitle>` inside — it is required for accessibility. */
export function DialogContent({ className, children, closeLabel, size = "md", hideCloseButton = false, ...props }: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/40 data-[state=open]:animate-fade-in data-[state=closed]:animate-fade-out motion-reduce:animate-none" />
      <DialogPrimitive.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 text-slate-700 shadow-xl outline-none data-[state=open]:animate-dialog-in data-[state=closed]:animate-dialog-out motion-reduce:animate-none sm:p-6",
          widths[size],
          className,
        )}
        {...props}
      >
        {children}
        {hideCloseButton ? null : (
          <DialogPrimitive.Close
            aria-label={closeLabel}
            className={cn(
              "absolute top-3 right-3 cursor-pointer rounded-md p-1.5 text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900",
              focusRing,
            )}
          >
            <XIcon />
          </DialogPrimitive.Close>
        )}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("grid gap-1.5 pr-8 text-left", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn("text-lg leading-7 font-semibold text-slate-900", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn("text-sm text-slate-500", className)} {...props} />;
}

/** Scrollable middle part for long forms (optional). */
export function DialogBody({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("grid gap-4", className)} {...props} />;
}

/** Buttons row: stacked full-width on phones (first child on top), right-aligned from `sm` up. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end [&>*]:w-full sm:[&>*]:w-auto", className)} {...props} />;
}
