"use client";

import { Button } from "@kefu/ui/button";
import { useTranslations } from "next-intl";
import type { WidgetConversation } from "./widget-api";

/** While queued: the place in the queue, the expected wait and a way out. */
export function QueueBanner({ conversation, onLeave }: { conversation: WidgetConversation | null; onLeave: () => void }) {
  const t = useTranslations("widget");
  const waitMinutes = conversation?.expectedWaitSeconds != null ? Math.max(1, Math.round(conversation.expectedWaitSeconds / 60)) : null;
  return (
    <section role="status" aria-live="polite" className="flex items-center justify-between gap-3 border-b border-primary-100 bg-primary-50 px-4 py-2 text-sm">
      <div className="min-w-0">
        <p className="font-medium text-primary-800">{t("queue.waiting")}</p>
        {conversation?.position != null && (
          <p className="text-xs text-primary-700">{t("queue.position", { position: conversation.position, ahead: conversation.position - 1 })}</p>
        )}
        <p className="text-xs text-primary-700">{waitMinutes !== null ? t("queue.wait", { minutes: waitMinutes }) : t("queue.waitUnknown")}</p>
      </div>
      <Button size="sm" variant="outline" onClick={onLeave}>
        {t("queue.leave")}
      </Button>
    </section>
  );
}
