"use client";

import { Button } from "@kefu/ui/button";
import { Textarea } from "@kefu/ui/textarea";
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { MESSAGE_BODY_MAX } from "@kefu/api/contracts/limits";

/** The visitor's text box: Enter sends, Shift+Enter breaks the line; "talk to a person" while the bot answers. */
export function Composer({ notice, canHandoff, onSend }: { notice: string | null; canHandoff: boolean; onSend: (body: string) => void }) {
  const t = useTranslations("widget");
  const [draft, setDraft] = useState("");

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || body.length > MESSAGE_BODY_MAX) return;
    setDraft("");
    onSend(body);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white p-3">
      {notice && (
        <p role="alert" className="mb-2 text-xs text-red-700">
          {notice}
        </p>
      )}
      {canHandoff && (
        <div className="mb-2 flex">
          <Button type="button" size="sm" variant="outline" onClick={() => onSend(t("handoffText"))}>
            {t("handoff")}
          </Button>
        </div>
      )}
      <div className="flex items-end gap-2">
        <Textarea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          aria-invalid={draft.length > MESSAGE_BODY_MAX || undefined}
          placeholder={t("composerPlaceholder")}
          aria-label={t("composerLabel")}
          className="max-h-32 min-h-10 flex-1 resize-none"
        />
        <Button type="submit" disabled={!draft.trim() || draft.length > MESSAGE_BODY_MAX}>
          {t("send")}
        </Button>
      </div>
      {draft.length > MESSAGE_BODY_MAX && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t("tooLong", { max: MESSAGE_BODY_MAX })}
        </p>
      )}
    </form>
  );
}
