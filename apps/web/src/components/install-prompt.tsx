"use client";

import { Button } from "@kefu/ui/button";
import { XIcon } from "@kefu/ui/icons";
import { useToast } from "@kefu/ui/toast";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

// the popover (and its positioning library) is only for iOS Safari: loaded when the hint is shown
const InstallHintPopover = dynamic(() => import("./install-hint-popover"), { ssr: false });

/** Chromium's install event (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const DISMISSED_KEY = "kefu.pwa.installDismissedAt";
/** A dismissed suggestion stays away this long. */
const DISMISS_FOR_MS = 90 * 24 * 3_600_000;

function isInstalled() {
  return window.matchMedia("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

function wasDismissed() {
  try {
    return Date.now() - Number(localStorage.getItem(DISMISSED_KEY) ?? 0) < DISMISS_FOR_MS;
  } catch {
    return false;
  }
}

/** Safari on iPhone / iPad installs only through Share → Add to Home Screen, and never fires an install event. */
function isIosSafari() {
  const ua = navigator.userAgent;
  const ios = /iPad|iPhone|iPod/.test(ua) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  return ios && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M12 3v12" />
      <path d="m7 10 5 5 5-5" />
      <path d="M5 21h14" />
    </svg>
  );
}

/**
 * "Install to home screen" in the console header: shown when the browser offers installation (or on iOS Safari,
 * with the steps), hidden once installed or dismissed (remembered on this device).
 */
export function InstallPrompt() {
  const t = useTranslations("pwa.install");
  const { toast } = useToast();
  const [installEvent, setInstallEvent] = useState<BeforeInstallPromptEvent | null>(null);
  const [iosHint, setIosHint] = useState(false);

  useEffect(() => {
    if (isInstalled() || wasDismissed()) return;
    setIosHint(isIosSafari());
    const onBeforeInstall = (event: Event) => {
      event.preventDefault();
      setInstallEvent(event as BeforeInstallPromptEvent);
    };
    const onInstalled = () => {
      setInstallEvent(null);
      setIosHint(false);
      toast({ title: t("installed"), variant: "success" });
    };
    window.addEventListener("beforeinstallprompt", onBeforeInstall);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onBeforeInstall);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, [t, toast]);

  const dismiss = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, String(Date.now()));
    } catch {
      // storage unavailable: the suggestion just comes back next time
    }
    setInstallEvent(null);
    setIosHint(false);
  };

  const install = async () => {
    if (!installEvent) return;
    await installEvent.prompt();
    const { outcome } = await installEvent.userChoice;
    // The event can be used once; a refusal counts as "not now".
    setInstallEvent(null);
    if (outcome === "dismissed") dismiss();
  };

  if (!installEvent && !iosHint) return null;
  const label = (
    <>
      <DownloadIcon />
      <span className="sm:hidden">{t("short")}</span>
      <span className="hidden sm:inline">{t("button")}</span>
    </>
  );
  return (
    <div className="flex items-center" data-testid="install-prompt">
      {installEvent ? (
        <Button variant="outline" size="sm" onClick={() => void install()} aria-label={t("button")}>
          {label}
        </Button>
      ) : (
        <InstallHintPopover label={label} />
      )}
      <Button variant="ghost" size="icon-sm" onClick={dismiss} aria-label={t("dismiss")} title={t("dismiss")}>
        <XIcon />
      </Button>
    </div>
  );
}
