"use client";

import type { QaReviewStatusName } from "@kefu/api/contracts/qa";
import { Badge, type BadgeVariant } from "@kefu/ui/badge";
import { useTranslations } from "next-intl";

const STATUS_BADGE: Record<QaReviewStatusName, BadgeVariant> = { DRAFT: "neutral", SUBMITTED: "info", DISPUTED: "warning", FINAL: "success" };

export function ReviewStatusBadge({ status }: { status: QaReviewStatusName }) {
  const t = useTranslations("qaReviews");
  return <Badge variant={STATUS_BADGE[status]}>{t(`status.${status}`)}</Badge>;
}

/** A review's score as the screens show it: one decimal, or a dash without one. */
export function formatScore(total: number | null | undefined): string {
  return total === null || total === undefined ? "—" : total.toFixed(1);
}
