"use client";

import type { Presence } from "@kefu/db";
import { NativeSelect } from "@kefu/ui/native-select";
import { useToast } from "@kefu/ui/toast";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

const PRESENCES: Presence[] = ["ONLINE", "BUSY", "AWAY", "OFFLINE"];

export function PresenceSwitcher({ initial }: { initial: Presence }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { toast } = useToast();
  const errors = useApiErrors();
  const [presence, setPresence] = useState(initial);
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
