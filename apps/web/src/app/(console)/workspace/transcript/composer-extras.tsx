"use client";

import { toast } from "@kefu/ui/toast";
import type { RefObject } from "react";
import { AttachButton } from "~/components/messaging/attach-button";
import { EmojiPicker, insertAtCaret } from "~/components/messaging/emoji-picker";

/** The composer's emoji picker and file button (files are replies only, never notes). */
export function ComposerExtras({
  composerRef,
  draft,
  setDraft,
  max,
  canEmoji,
  canAttach,
  onAttach,
}: {
  composerRef: RefObject<HTMLTextAreaElement | null>;
  draft: string;
  setDraft: (value: string) => void;
  max: number;
  canEmoji: boolean;
  canAttach: boolean;
  onAttach: (file: File) => void;
}) {
  return (
    <span className="flex items-center">
      <EmojiPicker
        disabled={!canEmoji}
        onPick={(emoji) => {
          const textarea = composerRef.current;
          const next = insertAtCaret(textarea, draft, emoji);
          if (next.value.length > max) return;
          setDraft(next.value);
          requestAnimationFrame(() => {
            textarea?.setSelectionRange(next.caret, next.caret);
          });
        }}
      />
      <AttachButton disabled={!canAttach} onFile={onAttach} onRefused={(message) => toast({ title: message, variant: "error" })} />
    </span>
  );
}
