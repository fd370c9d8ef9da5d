"use client";

import type { AppErrorCode, FieldIssue } from "@kefu/api/client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { issueOfParams, issueSentence, ruleText, type Translate } from "./validation-text";

interface ErrorData {
  appCode?: AppErrorCode;
  field?: string;
  params?: Record<string, string | number>;
  fieldIssues?: FieldIssue[];
  httpStatus?: number;
}

function dataOf(error: unknown): ErrorData | null {
  if (error && typeof error === "object" && "data" in error) return (error as { data?: ErrorData }).data ?? null;
  return null;
}

/**
 * The first invalid field of an INVALID_INPUT error: from the schema's issues, or from a service's `parseInput`
 * (`field` with the rule and bounds in `params`).
 */
function firstIssue(data: ErrorData): FieldIssue | null {
  return data.fieldIssues?.[0] ?? (data.field ? issueOfParams(data.field, data.params) : null);
}

/** Translates API errors: a message for a toast and one message per invalid field. */
export function useApiErrors() {
  const t = useTranslations();
  const formatParams = useCallback((params?: Record<string, string | number>) => {
    const out: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(params ?? {})) {
      out[key] = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value).toLocaleString() : value;
    }
    return out;
  }, []);

  const message = useCallback(
    (error: unknown): string => {
      const data = dataOf(error);
      if (!data) return t("errors.network");
      const invalid = data.appCode === "INVALID_INPUT" ? firstIssue(data) : null;
      if (invalid) return issueSentence(t, invalid);
      if (data.appCode && t.has(`errors.${data.appCode}`)) return t(`errors.${data.appCode}`, formatParams(data.params));
      if (data.httpStatus === 403) return t("errors.FORBIDDEN");
      if (data.httpStatus === 404) return t("errors.NOT_FOUND");
      return t("errors.generic");
    },
    [t, formatParams],
  );

  const translate = t as unknown as Translate;
  /** The rule an invalid field broke, to show next to the field. */
  const issueText = useCallback((issue: FieldIssue): string => ruleText(translate, issue), [translate]);

  const fieldErrors = useCallback(
    /** One message per field, keyed by the top-level input key (or, with `leafKeys`, the innermost one). */
    (error: unknown, options: { leafKeys?: boolean } = {}): Record<string, string> => {
      const data = dataOf(error);
      if (!data) return {};
      const out: Record<string, string> = {};
      for (const issue of data.fieldIssues ?? []) {
        const parts = issue.path.split(".");
        out[(options.leafKeys ? parts.at(-1) : parts[0])!] ??= issueText(issue);
      }
      if (data.field && data.appCode && data.appCode !== "INVALID_INPUT") out[data.field] = message(error);
      const checked = data.appCode === "INVALID_INPUT" && !data.fieldIssues?.length ? firstIssue(data) : null;
      if (checked) out[(options.leafKeys ? checked.path.split(".").at(-1) : checked.path.split(".")[0])!] ??= issueText(checked);
      return out;
    },
    [issueText, message],
  );

  return { message, fieldErrors, issueText };
}
