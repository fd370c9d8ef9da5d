"use client";

import type { AppErrorCode, FieldIssue } from "@kefu/api/client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";

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
      if (data.appCode && t.has(`errors.${data.appCode}`)) return t(`errors.${data.appCode}`, formatParams(data.params));
      if (data.httpStatus === 403) return t("errors.FORBIDDEN");
      if (data.httpStatus === 404) return t("errors.NOT_FOUND");
      return t("errors.generic");
    },
    [t, formatParams],
  );

  const issueText = useCallback(
    (issue: FieldIssue): string => {
      const numeric = issue.message.includes("number") || issue.message.toLowerCase().includes("expected number");
      if (issue.code === "too_small" && issue.minimum !== undefined)
        return t(numeric ? "validation.too_small_number" : "validation.too_small", { minimum: issue.minimum });
      if (issue.code === "too_big" && issue.maximum !== undefined)
        return t(numeric ? "validation.too_big_number" : "validation.too_big", { maximum: issue.maximum });
      if (issue.code === "invalid_format") return t("validation.invalid_format");
      if (issue.code === "invalid_value") return t("validation.invalid_value");
      return t("validation.invalid_type");
    },
    [t],
  );

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
      return out;
    },
    [issueText, message],
  );

  return { message, fieldErrors, issueText };
}
