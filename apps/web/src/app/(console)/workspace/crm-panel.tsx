"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCan } from "~/components/viewer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

type Lookup = RouterOutputs["crm"]["lookup"];
type Found = Extract<Lookup, { state: "FOUND" | "NOT_FOUND" }>;

/** The CRM's profile and recent orders for the conversation's customer, beside the customer panel. */
export function CrmPanel({ conversationId }: { conversationId: number }) {
  const t = useTranslations("crm.panel");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const canSync = useCan("customer.annotate");
  const lookup = useQuery({ ...trpc.crm.lookup.queryOptions({ conversationId }), staleTime: 60_000, retry: false });
  const sync = useMutation(trpc.crm.syncCustomer.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }) }));
  const refresh = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.crm.lookup.queryOptions({ conversationId, refresh: true })),
    onSuccess: (data) => queryClient.setQueryData(trpc.crm.lookup.queryKey({ conversationId }), data),
  });
  const data = lookup.data;
  if (lookup.isError) return null;

  return (
    <section aria-labelledby="crm-panel-title" className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="crm-panel">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="crm-panel-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t("title")}
        </h2>
        {data && data.state !== "NOT_CONFIGURED" ? (
          <Button size="sm" variant="ghost" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
            {t("refresh")}
          </Button>
        ) : null}
      </div>
      {!data ? (
        <div className="space-y-2" aria-label={t("loading")}>
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : data.state === "NOT_CONFIGURED" ? (
        <p className="text-slate-500" data-testid="crm-state" data-state={data.state}>
          {t("notConfigured")}
        </p>
      ) : data.state === "UNAVAILABLE" ? (
        <p className="text-amber-700" data-testid="crm-state" data-state={data.state}>
          {data.reason === "circuit_open" ? t("circuitOpen") : t("unavailable")}
        </p>
      ) : (
        <CrmAnswer data={data} />
      )}
      {canSync && data && data.state !== "NOT_CONFIGURED" ? (
        <Button
          size="sm"
          variant="outline"
          className="mt-2"
          disabled={sync.isPending}
          onClick={() =>
            void feedback.run(() => sync.mutateAsync({ customerId: data.customerId }), {
              success: (result) => (result.status === "SYNCED" ? t("synced") : t("syncQueued", { error: result.error ?? "" })),
            })
          }
        >
          {t("sync")}
        </Button>
      ) : null}
    </section>
  );
}

function CrmAnswer({ data }: { data: Found }) {
  const t = useTranslations("crm.panel");
  const format = useFormatter();
  const now = Date.now();
  // a currency code the browser does not know is shown as the CRM sent it
  const amountText = (amount: number | string, currency: string | undefined) => {
    if (typeof amount === "number" && currency)
      try {
        return format.number(amount, { style: "currency", currency });
      } catch {
        // falls through to the plain text
      }
    return `${amount}${currency ? ` ${currency}` : ""}`;
  };
  return (
    <div data-testid="crm-state" data-state={data.state}>
      {data.stale ? (
        <Badge variant="warning" className="mb-2" data-testid="crm-stale">
          {t("staleAge", { age: format.relativeTime(now - data.ageSeconds * 1000, now) })}
        </Badge>
      ) : null}
      {data.state === "NOT_FOUND" ? (
        <p className="text-slate-500">{t("notFound")}</p>
      ) : (
        <>
          <dl className="divide-y divide-slate-100" data-testid="crm-profile">
            {data.profile.map((field) => (
              <div key={field.crmField} className="flex justify-between gap-3 py-1">
                <dt className="shrink-0 text-slate-500">{field.label}</dt>
                <dd className="min-w-0 text-right break-words text-slate-900">{field.value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="mt-3 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("orders")}</h3>
          {data.orders.length === 0 ? (
            <p className="text-slate-500">{t("noOrders")}</p>
          ) : (
            <ul className="space-y-1" data-testid="crm-orders">
              {data.orders.map((order) => (
                <li key={order.id} className="rounded border border-slate-100 px-2 py-1">
                  <div className="flex justify-between gap-2">
                    <span className="min-w-0 truncate font-medium text-slate-900">{order.title ?? order.id}</span>
                    {order.amount !== undefined ? <span className="shrink-0 text-slate-900">{amountText(order.amount, order.currency)}</span> : null}
                  </div>
                  <div className="flex justify-between gap-2 text-xs text-slate-500">
                    <span>
                      {order.id}
                      {order.createdAt ? ` · ${order.createdAt}` : ""}
                    </span>
                    {order.status ? <span>{order.status}</span> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
