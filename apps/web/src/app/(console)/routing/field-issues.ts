"use client";

import { ROUTING_ISSUES } from "@kefu/api/contracts/routing";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { FieldErrors } from "~/lib/mutation-feedback";

const KNOWN = new Set<string>(Object.values(ROUTING_ISSUES));

/** The routing contracts' cross-field issues (duplicate keyword, same team …) in words, by top-level field. */
export function useRoutingIssues() {
  const t = useTranslations("routingAdmin.issues");
  return useCallback(
    (error: unknown, fields: FieldErrors): FieldErrors => {
      const issues = (error as { data?: { fieldIssues?: { path: string; message: string }[] } } | null)?.data?.fieldIssues ?? [];
      const out = { ...fields };
      for (const issue of issues) if (KNOWN.has(issue.message)) out[issue.path.split(".")[0]!] = t(issue.message);
      return out;
    },
    [t],
  );
}
