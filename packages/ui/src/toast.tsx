"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cn } from "./cn";
import { CircleAlertIcon, CircleCheckIcon, InfoIcon, XIcon } from "./icons";
import { focusRing } from "./styles";

export type ToastVariant = "success" | "error" | "info";

export interface ToastOptions {
  title: string;
  description?: string;
  /** Defaults to "info". Errors are announced assertively, the others politely. */
  variant?: ToastVariant;
  /** Milliseconds before it closes; defaults to the Toaster's duration. */
  duration?: number;
  /** One follow-up action, e.g. undo. `altText` tells screen-reader users how to do it otherwise. */
  action?: { label: string; altText: string; onClick: () => void };
}

interface ToastItem extends ToastOptions {
  id: string;
  open: boolean;
}

const MAX_TOASTS = 5;
const EMPTY: ToastItem[] = [];
let items: ToastItem[] = EMPTY;
let counter = 0;
const listeners = new Set<() => void>();

function setItems(next: ToastItem[]) {
  items = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Shows a toast and returns its id. Works anywhere in client code (a `<Toaster>` must be mounted). */
export function toast(options: ToastOptions): string {
  counter += 1;
  const id = `toast-${counter}`;
  setItems([...items, { ...options, id, open: true }].slice(-MAX_TOASTS));
  return id;
}

/** Closes one toast, or all of them without an id. */
export function dismissToast(id?: string): void {
  const closing = items.filter((item) => item.open && (id === undefined || item.id === id));
  if (closing.length === 0) return;
  const ids = new Set(closing.map((item) => item.id));
  setItems(items.map((item) => (ids.has(item.id) ? { ...item, open: false } : item)));
  // Keep closed toasts mounted long enough for the exit animation, then drop them.
  window.setTimeout(() => setItems(items.filter((item) => !ids.has(item.id))), 1000);
}

/** `const { toast } = useToast(); toast({ title: t("saved"), variant: "success" })`. */
export function useToast(): { toast: typeof toast; dismiss: typeof dismissToast } {
  return { toast, dismiss: dismissToast };
}

export interface ToasterProps {
  /** Prefix read before each toast by screen readers, e.g. "通知". */
  label: string;
  /** Name of the toast region; `{hotkey}` is replaced by the focus shortcut (F8), e.g. "通知 ({hotkey})". */
  viewportLabel: string;
  /** Accessible name of each toast's × button, e.g. "关闭". */
  closeLabel: string;
  /** Default time on screen in ms (5000). */
  duration?: number;
  children?: ReactNode;
}

const variantStyle = {
  success: { Icon: CircleCheckIcon, icon: "text-emerald-600", bar: "before:bg-emerald-500" },
  error: { Icon: CircleAlertIcon, icon: "text-red-600", bar: "before:bg-red-500" },
  info: { Icon: InfoIcon, icon: "text-primary-600", bar: "before:bg-primary-500" },
} as const;

/** Mount once near the root of the client tree (it may wrap the app or stand alone). */
export function Toaster({ label, viewportLabel, closeLabel, duration = 5000, children }: ToasterProps) {
  const list = useSyncExternalStore(
    subscribe,
    () => items,
    () => EMPTY,
  );

  return (
    <ToastPrimitive.Provider label={label} duration={duration} swipeDirection="right">
      {children}
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
