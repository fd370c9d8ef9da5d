"use client";

import { channels } from "@kefu/api/contracts/realtime";
import type { Presence } from "@kefu/db";
import { NativeSelect } from "@kefu/ui/native-select";
import { useToast } from "@kefu/ui/toast";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

const PRESENCES: Presence[] = ["ONLINE", "BUSY", "AWAY", "OFFLINE"];

/** One's own presence; it follows changes made elsewhere (another tab, a supervisor on the monitor, signing out). */
export function PresenceSwitcher({ userId, initial }: { userId: number; initial: Presence }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { toast } = useToast();
  const errors = useApiErrors();
  const [presence, setPresence] = useState(initial);
  useRealtimeEvent(channels.agent(userId), "presence.changed", (change) => {
    if (change.userId === userId) setPresence(change.presence);
  });
  const mutation = useMutation(
    trpc.auth.setPresence.mutationOptions({
      onSuccess: (result) => {
        setPresence(result.presence);
        toast({ title: t("account.presenceSaved"), variant: "success" });
      },
      onError: (error) => toast({ title: errors.message(error), variant: "error" }),
    }),
  );
  return (
    <NativeSelect
      aria-label={t("home.presence")}
      className="w-40"
      value={presence}
      disabled={mutation.isPending}
      onChange={(event) => mutation.mutate({ presence: event.target.value as Presence })}
    >
      {PRESENCES.map((value) => (
        <option key={value} value={value}>
          {t(`presence.${value}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
