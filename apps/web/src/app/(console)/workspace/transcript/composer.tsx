"use client";

import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type RefObject } from "react";
import { useTRPC } from "~/trpc/react";
import { MESSAGE_BODY_MAX, NOTE_MAX } from "@kefu/api/contracts/limits";
import type { ConversationStatus } from "../conversation-types";
import { ComposerExtras } from "./composer-extras";

interface Props {
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
export function Composer({ draft, setDraft, composerRef, status, canReply, canNote, onSend, onAttach, onTyping }: Props) {
  const t = useTranslations("workspace");
  const trpc = useTRPC();
  const [noteMode, setNoteMode] = useState(false);
  const composerEnabled = noteMode ? canNote : canReply;
  const max = noteMode ? NOTE_MAX : MESSAGE_BODY_MAX;

  function send() {
    const body = draft;
    if (!composerEnabled || !body.trim() || body.length > max) return;
    setDraft("");
    onSend(body, noteMode);
  }

  const canned = useQuery(trpc.conversation.listCannedReplies.queryOptions(undefined, { staleTime: 300_000, enabled: composerEnabled && !noteMode }));
  const [cannedIndex, setCannedIndex] = useState(0);
  const [cannedDismissed, setCannedDismissed] = useState<string | null>(null);
  const slash = !noteMode && composerEnabled ? /^\/(\S{0,32})$/.exec(draft) : null;
  const token = slash?.[1]?.toLowerCase() ?? "";
  const suggestions =
    slash && cannedDismissed !== draft
      ? (canned.data ?? []).filter((r) => r.shortcut.toLowerCase().startsWith(token) || r.title.toLowerCase().includes(token)).slice(0, 6)
      : [];
  const activeCanned = suggestions.length ? Math.min(cannedIndex, suggestions.length - 1) : -1;
  function pickCanned(index: number) {
    const choice = suggestions[index];
    if (!choice) return;
    setDraft(choice.body.slice(0, MESSAGE_BODY_MAX));
    setCannedIndex(0);
    composerRef.current?.focus();
  }

  return (
    <form
      className="space-y-2 border-t border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {suggestions.length ? (
        <div className="rounded-md border border-slate-200 bg-white shadow-sm" data-testid="canned-replies">
          <div className="flex justify-between gap-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
            <span className="font-medium">{t("composer.canned")}</span>
            <span>{t("composer.cannedHint")}</span>
          </div>
          <ul id="canned-reply-list" role="listbox" aria-label={t("composer.canned")} className="max-h-36 overflow-y-auto py-1">
            {suggestions.map((reply, index) => (
              <li
                key={reply.id}
                id={`canned-reply-${reply.id}`}
                role="option"
                aria-selected={index === activeCanned}
                className={cn("flex cursor-pointer gap-2 px-3 py-1.5 text-sm", index === activeCanned ? "bg-primary-50" : "hover:bg-slate-50")}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pickCanned(index);
                }}
              >
                <span className="shrink-0 font-mono text-primary-700">/{reply.shortcut}</span>
                <span className="shrink-0 font-medium text-slate-900">{reply.title}</span>
                <span className="min-w-0 truncate text-slate-500">{reply.body}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Textarea
        ref={composerRef}
        role={suggestions.length ? "combobox" : undefined}
        aria-expanded={suggestions.length ? true : undefined}
        aria-controls={suggestions.length ? "canned-reply-list" : undefined}
        aria-activedescendant={activeCanned >= 0 ? `canned-reply-${suggestions[activeCanned]!.id}` : undefined}
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
        maxLength={max}
        onChange={(event) => {
          setDraft(event.target.value);
          setCannedIndex(0);
          if (!noteMode && event.target.value.trim()) onTyping();
        }}
        onKeyDown={(event) => {
          if (suggestions.length && !event.nativeEvent.isComposing) {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              const step = event.key === "ArrowDown" ? 1 : -1;
              setCannedIndex((activeCanned + step + suggestions.length) % suggestions.length);
              return;
            }
            if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
              event.preventDefault();
              pickCanned(activeCanned);
              return;
            }
            if (event.key === "Escape") {
              event.preventDefault();
              setCannedDismissed(draft);
              return;
            }
          }
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
