"use client";

import { channels } from "@kefu/api/contracts/realtime";
import type { Presence } from "@kefu/db";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const PRESENCES: Presence[] = ["ONLINE", "BUSY", "AWAY", "OFFLINE"];

/** One's own presence; it follows changes made elsewhere (another tab, a supervisor on the monitor, signing out). */
export function PresenceSwitcher({ userId, initial }: { userId: number; initial: Presence }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const feedback = useMutationFeedback();
  const [presence, setPresence] = useState(initial);
  useRealtimeEvent(channels.agent(userId), "presence.changed", (change) => {
    if (change.userId === userId) setPresence(change.presence);
  });
  const mutation = useMutation(trpc.auth.setPresence.mutationOptions());
  return (
    <NativeSelect
      aria-label={t("home.presence")}
      className="w-40"
      value={presence}
      disabled={mutation.isPending}
      onChange={(event) =>
        void feedback.run(() => mutation.mutateAsync({ presence: event.target.value as Presence }), {
          success: t("account.presenceSaved"),
          onSuccess: (result) => setPresence(result.presence),
        })
      }
    >
      {PRESENCES.map((value) => (
        <option key={value} value={value}>
          {t(`presence.${value}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
