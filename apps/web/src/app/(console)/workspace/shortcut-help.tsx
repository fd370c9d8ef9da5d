"use client";

import { Button } from "@kefu/ui/button";
import { KeyboardShortcut } from "@kefu/ui/keyboard-shortcut";
import { Popover, PopoverContent, PopoverTrigger } from "@kefu/ui/popover";
import { useTranslations } from "next-intl";

export function ShortcutHelp() {
  const t = useTranslations("workspace.shortcuts");
  const rows: [string[], string][] = [
    [["Alt", "1…4"], t("tabs")],
    [["J"], t("next")],
    [["K"], t("previous")],
    [["/"], t("knowledge")],
    [["Enter"], t("send")],
    [["Ctrl", "Enter"], t("send")],
    [["Shift", "Enter"], t("newline")],
    [["/", "…"], t("canned")],
  ];
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="icon" aria-label={t("open")} title={t("open")}>
          ?
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-72">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("title")}</h2>
        <dl className="space-y-1.5 text-sm">
          {rows.map(([keys, label]) => (
            <div key={keys.join("+")} className="flex items-center justify-between gap-3">
              <dt className="text-slate-600">{label}</dt>
              <dd>
                <KeyboardShortcut keys={keys} />
              </dd>
            </div>
          ))}
        </dl>
      </PopoverContent>
    </Popover>
  );
}
