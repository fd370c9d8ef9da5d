"use client";

import { Button } from "@kefu/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@kefu/ui/popover";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** The install steps for iOS Safari behind the install button, in a chunk of its own (only iOS Safari needs it). */
export default function InstallHintPopover({ label }: { label: ReactNode }) {
  const t = useTranslations("pwa.install");
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" aria-label={t("button")}>
          {label}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" aria-label={t("iosTitle")}>
        <p className="font-medium text-slate-900">{t("iosTitle")}</p>
        <p className="mt-1 text-slate-600">{t("iosSteps")}</p>
      </PopoverContent>
    </Popover>
  );
}
