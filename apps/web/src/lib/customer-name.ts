"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** What the console needs to name a customer: an anonymous visitor has a number (访客 1024) instead of a name. */
export interface NamedCustomer {
  name: string;
  visitorNo?: number | null;
}

/** Names a customer as the console shows them: their name, or 访客 / Visitor + their number when they gave none. */
export function useCustomerName(): (customer: NamedCustomer) => string {
  const t = useTranslations("agentScreen");
  return useCallback((customer) => (customer.visitorNo != null ? t("visitorName", { no: customer.visitorNo }) : customer.name), [t]);
}
