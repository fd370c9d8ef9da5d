"use client";

import { useState, type MouseEvent, type ReactElement, type ReactNode } from "react";
import { AlertDialog } from "radix-ui";
import { Button } from "./button";

export interface ConfirmDialogProps {
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /**
   * Runs on confirm. If it returns a promise the confirm button spins and the dialog closes when it
   * resolves; when it rejects the dialog stays open (handle the error, e.g. a toast, inside onConfirm).
   */
  onConfirm: () => void | Promise<unknown>;
  /** Red confirm button for irreversible actions. */
  destructive?: boolean;
  /** Element that opens the dialog (rendered with `asChild`, e.g. `<Button>`). Omit when controlled. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Extra content between the description and the buttons. */
  children?: ReactNode;
}

export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  destructive = false,
  trigger,
  open,
  onOpenChange,
  children,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const isOpen = open ?? uncontrolledOpen;

  function setOpen(next: boolean) {
    if (open === undefined) setUncontrolledOpen(next);
    onOpenChange?.(next);
  }

  function handleOpenChange(next: boolean) {
    if (pending && !next) return;
    setOpen(next);
  }

  function handleConfirm(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    const result = onConfirm();
    if (result instanceof Promise) {
      setPending(true);
      result.then(
        () => {
          setPending(false);
          setOpen(false);
        },
        () => setPending(false),
      );
    } else {
      setOpen(false);
    }
  }

  return (
    <AlertDialog.Root open={isOpen} onOpenChange={handleOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40 data-[state=open]:animate-fade-in data-[state=closed]:animate-fade-out motion-reduce:animate-none" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 text-slate-700 shadow-xl outline-none data-[state=open]:animate-dialog-in data-[state=closed]:animate-dialog-out motion-reduce:animate-none sm:p-6">
          <div className="grid gap-1.5">
            <AlertDialog.Title className="text-lg leading-7 font-semibold text-slate-900">{title}</AlertDialog.Title>
            {description ? <AlertDialog.Description className="text-sm text-slate-500">{description}</AlertDialog.Description> : null}
          </div>
          {children}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="outline" disabled={pending} className="w-full sm:w-auto">
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={destructive ? "danger" : "primary"} loading={pending} onClick={handleConfirm} className="w-full sm:w-auto">
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
