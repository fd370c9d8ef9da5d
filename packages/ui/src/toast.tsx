"use client";

import { lazy, Suspense, useSyncExternalStore, type ReactNode } from "react";

// Radix's toast code and the toasts' markup load with the first toast (the store below is all a page needs before)
const ToastRegion = lazy(() => import("./toast-region"));

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

export interface ToastItem extends ToastOptions {
  id: string;
  open: boolean;
}

const MAX_TOASTS = 5;
const EMPTY: ToastItem[] = [];
let items: ToastItem[] = EMPTY;
let counter = 0;
const listeners = new Set<() => void>();

/** set by the first toast: from then on the region stays mounted */
let everShown = false;

function setItems(next: ToastItem[]) {
  items = next;
  if (next.length > 0) everShown = true;
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

/**
 * Mount once near the root of the client tree (it may wrap the app or stand alone). The toasts' region is added
 * when the first toast is shown and stays from then on.
 */
export function Toaster({ label, viewportLabel, closeLabel, duration = 5000, children }: ToasterProps) {
  const list = useSyncExternalStore(
    subscribe,
    () => items,
    () => EMPTY,
  );
  const shown = useSyncExternalStore(
    subscribe,
    () => everShown,
    () => false,
  );
  return (
    <>
      {children}
      {shown ? (
        <Suspense fallback={null}>
          <ToastRegion list={list} label={label} viewportLabel={viewportLabel} closeLabel={closeLabel} duration={duration} dismissToast={dismissToast} />
        </Suspense>
      ) : null}
    </>
  );
}
