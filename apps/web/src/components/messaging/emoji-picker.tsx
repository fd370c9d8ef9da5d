"use client";

import { Button } from "@kefu/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@kefu/ui/popover";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** The emoji customers and agents use most in service chats: faces, hands, hearts, and a few objects. */
const EMOJI = [
  "😀",
  "😁",
  "😂",
  "🤣",
  "😊",
  "😍",
  "😘",
  "😉",
  "😎",
  "🤔",
  "😅",
  "😭",
  "😢",
  "😡",
  "😱",
  "😴",
  "🙄",
  "😳",
  "🥺",
  "😮",
  "🤗",
  "🙂",
  "🙃",
  "😇",
  "👍",
  "👎",
  "👌",
  "👏",
  "🙏",
  "💪",
  "👋",
  "🤝",
  "✌️",
  "🤞",
  "☝️",
  "👀",
  "❤️",
  "💔",
  "💯",
  "🔥",
  "🎉",
  "🎁",
  "🌹",
  "⭐",
  "✅",
  "❌",
  "❓",
  "⚠️",
  "📦",
  "🚚",
  "💰",
  "🧾",
  "📱",
  "💻",
  "📷",
  "🔧",
  "⏰",
  "📞",
  "✉️",
  "🏠",
] as const;

/**
 * A small emoji picker: a button that opens a grid; picking one calls `onPick` and keeps the grid open for more.
 * No dependency: the platform's own emoji font draws them.
 */
export function EmojiPicker({ onPick, disabled = false }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const t = useTranslations("messaging");
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button type="button" size="sm" variant="ghost" disabled={disabled} aria-label={t("emoji")} title={t("emoji")} data-testid="emoji-button">
          <span aria-hidden className="text-lg leading-none">
            😊
          </span>
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-auto p-2" aria-label={t("emoji")}>
        <div role="grid" className="grid grid-cols-8 gap-0.5" data-testid="emoji-grid">
          {EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="flex size-8 items-center justify-center rounded text-xl hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none"
              onClick={() => onPick(emoji)}
              aria-label={emoji}
            >
              {emoji}
            </button>
          ))}
        </div>
      </PopoverContent>
    </Popover>
  );
}

/** `text` put where the caret is in `textarea` (at the end when it has no focus yet); returns the new value and caret. */
export function insertAtCaret(textarea: HTMLTextAreaElement | null, value: string, text: string): { value: string; caret: number } {
  const start = textarea?.selectionStart ?? value.length;
  const end = textarea?.selectionEnd ?? value.length;
  return { value: value.slice(0, start) + text + value.slice(end), caret: start + text.length };
}
