"use client";

import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useTranslations } from "next-intl";
import { useState, type RefObject } from "react";
import { MESSAGE_BODY_MAX, NOTE_MAX } from "@kefu/api/contracts/limits";
import { useCannedReplyPicker } from "./canned-reply-picker";
import type { ConversationStatus } from "../conversation-types";
import { ComposerExtras } from "./composer-extras";

interface Props {
  conversationId: number;
  draft: string;
  setDraft: (value: string) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  status: ConversationStatus | undefined;
  canReply: boolean;
  canNote: boolean;
  /** a reply (or, in note mode, an internal note) the agent sends */
  onSend: (body: string, note: boolean) => void;
  /** a file to send as a reply */
  onAttach: (file: File) => void;
  /** a keystroke in a reply (not in a note): the customer sees "typing…" */
  onTyping: () => void;
}

/** The reply box: Enter sends, "/" suggests canned replies, and a switch turns it into an internal note. */
export function Composer({ conversationId, draft, setDraft, composerRef, status, canReply, canNote, onSend, onAttach, onTyping }: Props) {
  const t = useTranslations("workspace");
  const [noteMode, setNoteMode] = useState(false);
  const composerEnabled = noteMode ? canNote : canReply;
  const max = noteMode ? NOTE_MAX : MESSAGE_BODY_MAX;

  function send() {
    const body = draft;
    if (!composerEnabled || !body.trim() || body.length > max) return;
    setDraft("");
    onSend(body, noteMode);
  }

  const picker = useCannedReplyPicker({ conversationId, draft, setDraft, composerRef, enabled: composerEnabled && !noteMode });

  return (
    <form
      className="space-y-2 border-t border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {picker.panel}
      <Textarea
        ref={composerRef}
        {...picker.comboboxProps}
        rows={3}
        aria-label={noteMode ? t("composer.noteLabel") : t("composer.label")}
        placeholder={
          composerEnabled
            ? noteMode
              ? t("composer.notePlaceholder")
              : t("composer.placeholder")
            : status === "RESOLVED" || status === "ABANDONED"
              ? t("composer.closed")
              : t("composer.readOnly")
        }
        className={cn(noteMode && "border-amber-300 bg-amber-50")}
        disabled={!composerEnabled}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          if (!noteMode && event.target.value.trim()) onTyping();
        }}
        onKeyDown={(event) => {
          if (picker.onKeyDown(event)) return;
          if (event.key !== "Enter" || event.shiftKey || event.altKey || event.nativeEvent.isComposing) return;
          event.preventDefault();
          send();
        }}
        data-testid="composer"
      />
      <div className="flex items-center gap-3">
        <ComposerExtras
          composerRef={composerRef}
          draft={draft}
          setDraft={setDraft}
          max={max}
          canEmoji={composerEnabled}
          canAttach={canReply && !noteMode}
          onAttach={onAttach}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <Switch checked={noteMode} onCheckedChange={setNoteMode} disabled={!canNote} aria-label={t("composer.noteMode")} />
          {t("composer.noteMode")}
        </label>
        <span className={cn("ml-auto text-xs tabular-nums", draft.length > max ? "text-red-600" : "text-slate-500")} aria-live="polite">
          {t("composer.counter", { count: draft.length, max })}
        </span>
        <Button type="submit" size="sm" variant={noteMode ? "secondary" : "primary"} disabled={!composerEnabled || !draft.trim() || draft.length > max}>
          {noteMode ? t("composer.addNote") : t("composer.send")}
        </Button>
      </div>
    </form>
  );
}
