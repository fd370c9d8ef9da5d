"use client";

import { Badge } from "@kefu/ui/badge";
import { Skeleton } from "@kefu/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { RoutingReason } from "~/components/routing-reason";
import { useCustomerName } from "~/lib/customer-name";
import { useTRPC } from "~/trpc/react";
import { LEVEL_BADGE, STATUS_BADGE } from "./conversation-types";
import { CustomerHistory } from "./customer-history";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function CustomerPanel({ conversationId }: { conversationId: number }) {
  const t = useTranslations("workspace");
  const format = useFormatter();
  const tv = useTranslations("agentScreen");
  const customerName = useCustomerName();
  const trpc = useTRPC();
  const detail = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const c = detail.data;
  if (!c)
    return (
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-20 w-full" />
      </section>
    );
  const none = t("customer.none");
  return (
    <section aria-labelledby="customer-panel-title" className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="customer-panel">
      <h2 id="customer-panel-title" className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t("customer.title")}
      </h2>
      <div className="mb-2 flex items-center gap-2">
        <span className="min-w-0 truncate text-base font-semibold text-slate-900">{customerName(c.customer)}</span>
        <Badge variant={LEVEL_BADGE[c.customer.level]}>{t(`level.${c.customer.level}`)}</Badge>
      </div>
      <dl className="divide-y divide-slate-100">
        <Row label={t("customer.phone")}>{c.customer.phoneLast4 ? `*******${c.customer.phoneLast4}` : none}</Row>
        {c.customer.city ? <Row label={t("customer.city")}>{c.customer.city}</Row> : null}
        <Row label={t("customer.channel")}>{t(`channel.${c.channel}`)}</Row>
        {c.customer.device ? <Row label={tv("device")}>{c.customer.device}</Row> : null}
        {c.customer.pageUrl ? (
          <Row label={tv("page")}>
            <a
              href={c.customer.pageUrl}
              target="_blank"
              rel="noreferrer noopener"
              className="break-all text-primary-700 hover:underline"
              data-testid="visitor-page"
            >
              {c.customer.pageUrl}
            </a>
          </Row>
        ) : null}
        <Row label={t("customer.pastConversations")}>{t("customer.pastCount", { count: c.customer.pastConversations })}</Row>
      </dl>
      <CustomerHistory customerId={c.customer.id} conversationId={c.id} tags={c.customer.tags} />
      <h3 className="mt-3 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("customer.conversation")}</h3>
      <dl className="divide-y divide-slate-100">
        <Row label={t("customer.status")}>
          <Badge variant={STATUS_BADGE[c.status]}>{t(`status.${c.status}`)}</Badge>
        </Row>
        <Row label={t("customer.team")}>{c.team?.name ?? none}</Row>
        {c.team ? <RoutingReason conversationId={c.id} teamId={c.team.id} className="block py-1 text-xs text-slate-500" /> : null}
        <Row label={t("customer.assignee")}>{c.assignee ? `${c.assignee.name}（${c.assignee.employeeNo}）` : none}</Row>
        <Row label={t("customer.queuedAt")}>{c.queuedAt ? format.dateTime(new Date(c.queuedAt), { dateStyle: "short", timeStyle: "short" }) : none}</Row>
      </dl>
    </section>
  );
}
