"use client";

import { Button } from "@kefu/ui/button";
import { useTranslations } from "next-intl";

/** "Show all (n)" under a shortened list, and "show fewer" once opened. */
export function ShowMore({ hidden, all, total, onChange }: { hidden: number; all: boolean; total: number; onChange: (all: boolean) => void }) {
  const t = useTranslations("monitor");
  if (!all && hidden === 0) return null;
  return (
    <div className="flex justify-center">
      <Button size="sm" variant="ghost" onClick={() => onChange(!all)}>
        {all ? t("showFewer") : t("showAll", { count: total })}
      </Button>
    </div>
  );
}
