"use client";

import { toNestErrors, validateFieldsNatively } from "@hookform/resolvers";
import { toFieldIssue } from "@kefu/api/contracts/rules";
import { toast } from "@kefu/ui/toast";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { FieldError, FieldValues, Path, Resolver, UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors } from "./mutation-feedback";
import { useApiErrors } from "./trpc-errors";

/**
 * A react-hook-form resolver that validates with an API procedure's own input schema: `toInput` turns the form's
 * values into the input the form will send, and each issue is worded exactly as the server's would be (one message
 * per top-level input key, like `useApiErrors().fieldErrors`; with `nested`, per full path, for forms whose fields
 * are named `group.key`). The form keeps its own values on success.
 */
export function useSchemaResolver<TForm extends FieldValues>(
  schema: z.ZodType,
  toInput: (values: TForm) => unknown,
  behaviour: { nested?: boolean } = {},
): Resolver<TForm> {
  const nested = behaviour.nested ?? false;
  const { issueText } = useApiErrors();
  return useCallback<Resolver<TForm>>(
    async (values, _context, options) => {
      const result = await schema.safeParseAsync(toInput(values));
      if (result.success) {
        if (options.shouldUseNativeValidation) validateFieldsNatively({}, options);
        return { values, errors: {} };
      }
      const errors: Record<string, FieldError> = {};
      for (const issue of result.error.issues) {
        const key = issue.path.length ? (nested ? issue.path.map(String).join(".") : String(issue.path[0])) : "root";
        errors[key] ??= { type: issue.code, message: issueText(toFieldIssue(issue)) };
      }
      return { values: {}, errors: toNestErrors<TForm>(errors, options) };
    },
    [schema, toInput, issueText, nested],
  );
}

/** Puts the field errors of a failed mutation (e.g. "this employee number is taken") on the form's fields. */
export function setFieldErrors<TForm extends FieldValues>(setError: UseFormSetError<TForm>, fields: FieldErrors) {
  for (const [name, message] of Object.entries(fields)) setError(name as Path<TForm>, { type: "server", message });
}

/** For `handleSubmit(onValid, onInvalid)`: the toast a server-side rejection of bad input shows, shown for the browser's. */
export function useInvalidInputToast(): () => void {
  const t = useTranslations("errors");
  return useCallback(() => {
    toast({ title: t("INVALID_INPUT"), variant: "error" });
  }, [t]);
}

/** A number field's text as the number the schema checks: empty or not a number is NaN, which the schema words as "enter a number". */
export function numberOrNaN(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
