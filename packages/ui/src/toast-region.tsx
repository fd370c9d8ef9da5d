"use client";

import { Toast as ToastPrimitive } from "radix-ui";
import { cn } from "./cn";
import { CircleAlertIcon, CircleCheckIcon, InfoIcon, XIcon } from "./icons";
import { focusRing } from "./styles";
import type { ToastItem } from "./toast";

const variantStyle = {
  success: { Icon: CircleCheckIcon, icon: "text-emerald-600", bar: "before:bg-emerald-500" },
  error: { Icon: CircleAlertIcon, icon: "text-red-600", bar: "before:bg-red-500" },
  info: { Icon: InfoIcon, icon: "text-primary-600", bar: "before:bg-primary-500" },
} as const;

/**
 * The toasts on screen and their region, in a chunk of its own: `Toaster` loads it when the first toast is shown,
 * so a page that shows none never loads Radix's toast code.
 */
export default function ToastRegion({
  list,
  label,
  viewportLabel,
  closeLabel,
  duration,
  dismissToast,
}: {
  list: ToastItem[];
  label: string;
  viewportLabel: string;
  closeLabel: string;
  duration: number;
  dismissToast: (id?: string) => void;
}) {
  return (
    <ToastPrimitive.Provider label={label} duration={duration} swipeDirection="right">
      {list.map((item) => {
        const variant = item.variant ?? "info";
        const style = variantStyle[variant];
        return (
          <ToastPrimitive.Root
            key={item.id}
            open={item.open}
            onOpenChange={(open) => {
              if (!open) dismissToast(item.id);
            }}
            duration={item.duration}
            type={variant === "error" ? "foreground" : "background"}
            data-kefu-toast={variant}
            className={cn(
              "pointer-events-auto relative flex w-full items-start gap-3 overflow-hidden rounded-lg border border-slate-200 bg-white py-3 pr-10 pl-4 text-slate-700 shadow-lg outline-none before:absolute before:inset-y-0 before:left-0 before:w-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary-500",
              "data-[state=open]:animate-toast-in data-[state=closed]:animate-toast-out data-[swipe=cancel]:translate-x-0 data-[swipe=cancel]:transition-[translate] data-[swipe=end]:animate-toast-swipe-out data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) motion-reduce:animate-none",
              style.bar,
            )}
          >
            <style.Icon className={cn("mt-0.5 size-5", style.icon)} />
            {/* Radix announces the text through its own live region; aria-live="off" avoids a double read. */}
            <div role="status" aria-live="off" aria-atomic="true" className="grid min-w-0 flex-1 gap-0.5">
              <ToastPrimitive.Title className="text-sm leading-6 font-medium break-words text-slate-900">{item.title}</ToastPrimitive.Title>
              {item.description ? (
                <ToastPrimitive.Description className="text-sm break-words text-slate-600">{item.description}</ToastPrimitive.Description>
              ) : null}
            </div>
            {item.action ? (
              <ToastPrimitive.Action
                altText={item.action.altText}
                onClick={item.action.onClick}
                className={cn(
                  "mt-0.5 shrink-0 cursor-pointer rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50",
                  focusRing,
                )}
              >
                {item.action.label}
              </ToastPrimitive.Action>
            ) : null}
            <ToastPrimitive.Close
              aria-label={closeLabel}
              className={cn(
                "absolute top-2.5 right-2.5 cursor-pointer rounded-md p-1 text-slate-400 transition-colors hover:bg-slate-100 hover:text-slate-700",
                focusRing,
              )}
            >
              <XIcon />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        );
      })}
      <ToastPrimitive.Viewport
        label={viewportLabel}
        className="fixed inset-x-0 bottom-0 z-[100] m-0 flex max-h-dvh list-none flex-col gap-2 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] outline-none sm:right-0 sm:left-auto sm:w-96"
      />
    </ToastPrimitive.Provider>
  );
}
