"use client";

import { Label } from "@kefu/ui/label";
import { Switch } from "@kefu/ui/switch";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import { cn } from "@kefu/ui/cn";
import { madeForKey, pushSupported, readyRegistration, subscribeThisDevice, subscriptionInput } from "~/lib/web-push-device";
import { useTRPC } from "~/trpc/react";

type PushState = "checking" | "unsupported" | "unavailable" | "denied" | "off" | "on";

/**
 * "开启告警推送": turns monitoring-alert pushes on or off for this device (asks for notification permission,
 * subscribes through the service worker with the server's VAPID key, registers the subscription). For people with
 * monitor.view; placed on the monitor and account pages.
 */
export function PushToggle({ className }: { className?: string }) {
  const t = useTranslations("push");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const id = useId();
  const [state, setState] = useState<PushState>("checking");
  const [busy, setBusy] = useState(false);
  const { mutateAsync: saveSubscription } = useMutation(trpc.push.subscribe.mutationOptions());
  const { mutateAsync: removeSubscription } = useMutation(trpc.push.unsubscribe.mutationOptions());

  const publicKey = useCallback(
    async () => (await queryClient.fetchQuery(trpc.push.vapidPublicKey.queryOptions(undefined, { staleTime: 60_000 }))).publicKey,
    [queryClient, trpc],
  );

  useEffect(() => {
    let cancelled = false;
    const settle = (next: PushState) => {
      if (!cancelled) setState(next);
    };
    void (async () => {
      if (!pushSupported()) return settle("unsupported");
      const registration = await readyRegistration();
      if (!registration) return settle("unavailable");
      if (Notification.permission === "denied") return settle("denied");
      const subscription = await registration.pushManager.getSubscription();
      if (!subscription || Notification.permission !== "granted") return settle("off");
      // Keep the server in step: after a key rotation, or when the push service dropped the old subscription.
      const key = await publicKey();
      if (!madeForKey(subscription, key)) {
        await saveSubscription(subscriptionInput(await subscribeThisDevice(registration, key)));
      } else {
        const { subscribed } = await queryClient.fetchQuery(trpc.push.status.queryOptions({ endpoint: subscription.endpoint }, { staleTime: 0 }));
        if (!subscribed) await saveSubscription(subscriptionInput(subscription));
      }
      settle("on");
    })().catch(() => settle("off"));
    return () => {
      cancelled = true;
    };
  }, [publicKey, queryClient, saveSubscription, trpc]);

  const turnOn = async () => {
    const permission = await Notification.requestPermission();
    if (permission === "denied") return setState("denied");
    if (permission !== "granted") return toast({ title: t("permissionDismissed"), variant: "info" });
    const registration = await readyRegistration();
    if (!registration) return setState("unavailable");
    const subscription = await subscribeThisDevice(registration, await publicKey());
    await saveSubscription(subscriptionInput(subscription));
    setState("on");
    toast({ title: t("enabled"), variant: "success" });
  };

  const turnOff = async () => {
    const registration = await readyRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    if (subscription) {
      await removeSubscription({ endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    setState("off");
    toast({ title: t("disabled"), variant: "success" });
  };

  const onChange = (checked: boolean) => {
    setBusy(true);
    (checked ? turnOn() : turnOff()).catch(() => toast({ title: t("failed"), variant: "error" })).finally(() => setBusy(false));
  };

  const problem = state === "unsupported" || state === "unavailable" || state === "denied" ? t(state) : null;
  return (
    <div className={cn("space-y-1", className)} data-testid="push-toggle" data-state={state}>
      <div className="flex items-center justify-between gap-3">
        <Label htmlFor={id}>{t("toggle")}</Label>
        <Switch
          id={id}
          checked={state === "on"}
          disabled={busy || state === "checking" || problem !== null}
          onCheckedChange={onChange}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <p id={`${id}-hint`} className={cn("text-xs", problem ? "text-amber-700" : "text-slate-500")}>
        {problem ?? t("description")}
      </p>
    </div>
  );
}
