"use client";

import { channels } from "@kefu/api/contracts/realtime";
import { useToast } from "@kefu/ui/toast";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "~/trpc/react";
import { useRealtimeEvent } from "./realtime-provider";

/** Open security alerts for admins, updated live from the `private-security` channel. */
export function SecurityAlertBadge() {
  const t = useTranslations("security");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const count = useQuery(trpc.audit.countOpenAlerts.queryOptions(undefined, { refetchInterval: 5 * 60_000 }));
  useRealtimeEvent(channels.security, "security.alert", (alert) => {
    void queryClient.invalidateQueries({ queryKey: trpc.audit.countOpenAlerts.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.audit.listAlerts.pathKey() });
    const type = t.has(`types.${alert.type}`) ? t(`types.${alert.type}` as "types.ACCOUNT_LOCKED") : alert.type;
    toast({ title: t("newAlert", { type }), variant: "error" });
  });
  const open = count.data ?? 0;
  return (
    <Link
      href="/security"
      data-testid="security-alert-badge"
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      aria-label={`${t("alerts")}: ${open}`}
    >
      {t("alerts")}
      <span className={open ? "ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white" : "ml-1 text-xs text-slate-400"}>{open}</span>
    </Link>
  );
}
