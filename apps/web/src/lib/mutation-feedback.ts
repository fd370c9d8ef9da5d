"use client";

import { toast } from "@kefu/ui/toast";
import { useCallback, useState } from "react";
import { useApiErrors } from "./trpc-errors";

export type FieldErrors = Record<string, string>;

export interface Feedback<T> {
  /** Title of the success toast; none when omitted. */
  success?: string | ((result: T) => string);
  /** Runs after a success (after the toast), e.g. to refresh a list or close a dialog. */
  onSuccess?: (result: T) => unknown;
  /** False when the failure is shown in place (e.g. under the field) instead of as a toast. */
  errorToast?: boolean;
  /** Runs after a failure, after the error toast, with the failure's field errors (e.g. to put them on a form). */
  onError?: (error: unknown, fields: FieldErrors) => unknown;
}

export interface MutationFeedbackOptions {
  /** Key field errors by the innermost path segment instead of the top-level input key (nested inputs). */
  leafKeys?: boolean;
}

/**
 * The confirm → mutate → toast → field errors pattern of the console's views, in one place.
 *
 * `run(action, feedback)` clears the field errors, awaits `action` (usually a `mutateAsync` call), then on success
 * shows the success toast and calls `onSuccess`; on failure it shows the translated error as a toast, keeps the
 * field errors (read them from `fieldErrors`) and calls `onError`. It resolves to the result, or `undefined` after a
 * failure, and never rejects. `confirm` is the same but rejects after a failure, which is what `ConfirmDialog`'s
 * `onConfirm` wants: the dialog stays open.
 */
export function useMutationFeedback(options: MutationFeedbackOptions = {}) {
  const { message, fieldErrors: fieldErrorsOf } = useApiErrors();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const leafKeys = options.leafKeys ?? false;

  const confirm = useCallback(
    async <T>(action: () => Promise<T>, feedback: Feedback<T> = {}): Promise<T> => {
      setFieldErrors({});
      let result: T;
      try {
        result = await action();
      } catch (error) {
        const fields = fieldErrorsOf(error, { leafKeys });
        setFieldErrors(fields);
        if (feedback.errorToast !== false) toast({ title: message(error), variant: "error" });
        await feedback.onError?.(error, fields);
        throw error;
      }
      const title = typeof feedback.success === "function" ? feedback.success(result) : feedback.success;
      if (title) toast({ title, variant: "success" });
      await feedback.onSuccess?.(result);
      return result;
    },
    [message, fieldErrorsOf, leafKeys],
  );

  const run = useCallback(
    <T>(action: () => Promise<T>, feedback: Feedback<T> = {}): Promise<T | undefined> => confirm(action, feedback).catch(() => undefined),
    [confirm],
  );

  const resetFieldErrors = useCallback(() => setFieldErrors({}), []);

  return { run, confirm, fieldErrors, setFieldErrors, resetFieldErrors, message, fieldErrorsOf };
}
