"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { channels } from "@kefu/api/contracts/realtime";
import { Button } from "@kefu/ui/button";
import { CircleAlertIcon } from "@kefu/ui/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { useDuration } from "./hooks";

type AlertEvent = RouterOutputs["alert"]["active"][number];

/**
 * A short two-tone beep made with Web Audio (no sound file to download). Browsers keep audio locked until the
 * person interacts with the page, so the context is resumed on the first tap or key press.
 */
function useBeep() {
  const context = useRef<AudioContext | null>(null);
  const [locked, setLocked] = useState(false);

  const ensure = useCallback(() => {
    if (!context.current && typeof window !== "undefined" && "AudioContext" in window) context.current = new AudioContext();
    return context.current;
  }, []);

  useEffect(() => {
    const unlock = () => {
      const ctx = ensure();
      void ctx?.resume().then(() => setLocked(false));
    };
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
      void context.current?.close();
      context.current = null;
    };
  }, [ensure]);

  const beep = useCallback(() => {
    const ctx = ensure();
    if (!ctx) return;
    if (ctx.state !== "running") {
      setLocked(true);
      return;
    }
    const start = ctx.currentTime;
    [0, 0.25].forEach((offset, index) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = index === 0 ? 880 : 660;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.22);
    });
  }, [ensure]);

  const unlockAndBeep = useCallback(() => {
    const ctx = ensure();
    void ctx?.resume().then(() => {
      setLocked(false);
      beep();
    });
  }, [ensure, beep]);

  return { beep, locked, unlockAndBeep };
}

export function useAlertText() {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const duration = useDuration();
  return useCallback(
    (rule: { metric: AlertEvent["rule"]["metric"]; threshold: number; team: { name: string } | null }, value?: number) => {
      const condition = t(`condition.${rule.metric}`, { threshold: format.number(rule.threshold) });
      if (value === undefined) return condition;
      const shown =
        rule.metric === "LONGEST_WAIT_SECONDS"
          ? (duration(value) ?? "")
          : rule.metric === "CSAT_TODAY_BELOW"
            ? format.number(value / 100, { style: "percent", maximumFractionDigits: 1 })
            : format.number(value);
      return t("banner", { condition, scope: rule.team ? t("scope.team", { team: rule.team.name }) : t("scope.all"), value: shown });
    },
    [t, format, duration],
  );
}

/** Open, unacknowledged alerts on top of the monitor, with a sound when one arrives (or is open on load). */
export function AlertBanner() {
  const t = useTranslations("alerts");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const text = useAlertText();
  const { beep, locked, unlockAndBeep } = useBeep();
  const active = useQuery(trpc.alert.active.queryOptions(undefined, { refetchInterval: 30_000 }));
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.alert.active.queryKey() }), [queryClient, trpc]);

  useRealtimeEvent(channels.monitor, "alert.triggered", () => {
    refresh();
    beep();
  });
  useRealtimeEvent(channels.monitor, "alert.cleared", refresh);
  useRealtimeEvent(channels.monitor, "alert.acknowledged", refresh);
  useRealtimeReconnect(refresh);

  const unacknowledged = (active.data ?? []).filter((event) => !event.acknowledgedAt);
  const soundedOnLoad = useRef(false);
  useEffect(() => {
    if (soundedOnLoad.current || !active.data) return;
    soundedOnLoad.current = true;
    if (unacknowledged.length > 0) beep();
  }, [active.data, unacknowledged.length, beep]);

  const acknowledge = useMutation(trpc.alert.acknowledge.mutationOptions({ onSettled: refresh }));

  if (unacknowledged.length === 0) return null;
  return (
    <section
      role="alert"
      aria-label={t("bannerLabel")}
      className="grid gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      data-testid="alert-banner"
    >
      {unacknowledged.map((event) => (
        <div key={event.id} className="flex flex-wrap items-center justify-between gap-2" data-alert-event-id={event.id}>
          <span className="flex min-w-0 items-start gap-2">
            <CircleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span className="min-w-0 break-words">{text(event.rule, event.value)}</span>
          </span>
          <Button
            size="sm"
            variant="danger"
            loading={acknowledge.isPending && acknowledge.variables.id === event.id}
            onClick={() => void feedback.run(() => acknowledge.mutateAsync({ id: event.id }), { success: t("acknowledged") })}
          >
            {t("acknowledge")}
          </Button>
        </div>
      ))}
      {locked ? (
        <div>
          <Button size="sm" variant="outline" onClick={unlockAndBeep}>
            {t("enableSound")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
