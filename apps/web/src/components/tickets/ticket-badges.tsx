"use client";

import type { TICKET_PRIORITIES, TicketStatusName } from "@kefu/api/contracts/ticket";
import { Badge, type BadgeVariant } from "@kefu/ui/badge";
import { useTranslations } from "next-intl";

const STATUS_VARIANT: Record<TicketStatusName, BadgeVariant> = { OPEN: "info", PENDING: "warning", SOLVED: "success" };
const PRIORITY_VARIANT: Record<(typeof TICKET_PRIORITIES)[number], BadgeVariant> = { LOW: "neutral", NORMAL: "neutral", HIGH: "warning", URGENT: "danger" };

export function TicketStatusBadge({ status }: { status: TicketStatusName }) {
  const t = useTranslations("tickets");
  return (
    <Badge variant={STATUS_VARIANT[status]} data-testid="ticket-status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function TicketPriorityBadge({ priority }: { priority: (typeof TICKET_PRIORITIES)[number] }) {
  const t = useTranslations("tickets");
  return <Badge variant={PRIORITY_VARIANT[priority]}>{t(`priority.${priority}`)}</Badge>;
}
