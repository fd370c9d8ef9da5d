"use client";

import { useMutation } from "@tanstack/react-query";
import { LocaleSwitcher } from "~/components/locale-switcher";
import { useTRPC } from "~/trpc/react";

/** The language switch, also saved to the profile so it follows the person to other devices. */
export function LanguagePreference() {
  const trpc = useTRPC();
  const save = useMutation(trpc.auth.setLocale.mutationOptions());
  return <LocaleSwitcher onChange={(locale) => save.mutate({ locale })} />;
}
