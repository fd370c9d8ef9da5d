"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { WidgetIntent } from "./widget-api";

/**
 * The routing menu (意图菜单): the visitor says what their question is about with one tap, before or while the bot
 * answers; a person of the matching team takes it at hand-off. Hidden once picked, and when the admins turned it off.
 */
export function IntentMenu({ intents, onPick }: { intents: WidgetIntent[]; onPick: (intent: WidgetIntent) => void }) {
  const t = useTranslations("widgetIntents");
  const [picked, setPicked] = useState<number | null>(null);
  if (intents.length === 0 || picked !== null) return null;
  return (
    <nav aria-label={t("label")} className="border-t border-slate-200 bg-white px-3 pt-3" data-testid="intent-menu">
      <p className="mb-2 text-xs text-slate-600">{t("prompt")}</p>
      <ul className="flex flex-wrap gap-2">
        {intents.map((intent) => (
          <li key={intent.id}>
            <button
              type="button"
              className="rounded-full border border-primary-300 bg-primary-50 px-3 py-1 text-sm text-primary-700 hover:bg-primary-100 focus-visible:outline-2 focus-visible:outline-primary-500"
              onClick={() => {
                setPicked(intent.id);
                onPick(intent);
              }}
            >
              {intent.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
