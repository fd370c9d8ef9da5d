"use client";

import { Button } from "@kefu/ui/button";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { forgetMonitorSnapshot } from "~/lib/monitor-snapshot";
import { pushSupported } from "~/lib/web-push-device";
import { useTRPC } from "~/trpc/react";

/** Signing out must not wait on a slow network for the device clean-up. */
const CLEAN_UP_WITHIN_MS = 3_000;

export function SignOutButton() {
  const t = useTranslations("nav");
  const trpc = useTRPC();
  const [leaving, setLeaving] = useState(false);
  const { mutateAsync: removeSubscription } = useMutation(trpc.push.unsubscribe.mutationOptions());

  /**
   * What this device keeps for the person goes with them: the offline copies of their pages, the monitor snapshot,
   * and alert pushes (the next person on this browser turns them on for themselves).
   */
  const forgetThisDevice = async () => {
    forgetMonitorSnapshot();
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.controller?.postMessage({ type: "KEFU_SIGNED_OUT" });
    if (!pushSupported()) return;
    const registration = await navigator.serviceWorker.getRegistration("/");
    const subscription = await registration?.pushManager.getSubscription();
    if (!subscription) return;
    await removeSubscription({ endpoint: subscription.endpoint }).catch(() => undefined);
    await subscription.unsubscribe();
  };

  const leave = async () => {
    setLeaving(true);
    // next-auth's client is only needed here: loaded on the click, alongside the device clean-up
    const nextAuth = import("next-auth/react");
    await Promise.race([forgetThisDevice().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLEAN_UP_WITHIN_MS))]);
    const { signOut } = await nextAuth;
    await signOut({ callbackUrl: "/sign-in" });
  };

  return (
    <Button variant="ghost" size="sm" loading={leaving} onClick={() => void leave()}>
      {t("signOut")}
    </Button>
  );
}
