"use client";

import { useTranslations } from "next-intl";
import { issueOfParams, issueSentence, type Translate } from "~/lib/validation-text";

/** Reads `CODE` or `CODE|{json params}` (how the server passes sign-in errors through next-auth). */
export function parseSignInError(error: string): { code: string; params: Record<string, string | number> } {
  const [code = "INVALID_CREDENTIALS", json] = error.split("|");
  try {
    return { code, params: json ? (JSON.parse(json) as Record<string, string | number>) : {} };
  } catch {
    return { code, params: {} };
  }
}

/** The words for a sign-in error the server passed through next-auth. */
export function useSignInErrorText() {
  const t = useTranslations();
  const translate = t as unknown as Translate;
  return (raw: string): string => {
    const { code, params } = parseSignInError(raw);
    if (code === "INVALID_CREDENTIALS" && typeof params.remaining === "number")
      return t("errors.INVALID_CREDENTIALS_REMAINING", { remaining: params.remaining });
    if (code === "ACCOUNT_LOCKED" && typeof params.until === "string")
      return t("errors.ACCOUNT_LOCKED", { until: new Date(params.until).toLocaleTimeString() });
    if (code === "RATE_LIMITED") return t("errors.RATE_LIMITED", { seconds: params.seconds ?? 60 });
    if (code === "ACCOUNT_DISABLED") return t("errors.ACCOUNT_DISABLED");
    if (code === "INVALID_INPUT" && typeof params.field === "string") return issueSentence(translate, issueOfParams(params.field, params));
    return t("errors.INVALID_CREDENTIALS");
  };
}
