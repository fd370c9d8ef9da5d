"use client";

import { matchCannedReplies, renderCannedReply } from "@kefu/api/contracts/canned-reply";
import { MESSAGE_BODY_MAX } from "@kefu/api/contracts/limits";
import { Badge } from "@kefu/ui/badge";
import { cn } from "@kefu/ui/cn";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { useCustomerName } from "~/lib/customer-name";
import { useTRPC } from "~/trpc/react";

/** "/" at the start of the draft or after a space, and what follows it up to the caret's end of the draft. */
const SLASH_TOKEN = /(^|\s)\/([^\s/]{0,32})$/u;
const SHOWN = 8;

interface Options {
  conversationId: number;
  draft: string;
  setDraft: (value: string) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  /** replies go into replies only, not into internal notes */
  enabled: boolean;
}

export interface CannedReplyPicker {
  /** the list above the composer (null when closed) */
  panel: ReactNode;
  /** combobox attributes for the composer while the list is open */
  comboboxProps: Record<string, string | boolean | undefined>;
  /** handles the list's keys (arrows, Enter, Tab, Escape); true when the key was the picker's */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
}

/**
 * 快捷回复 from "/" in the composer: searches the agent's replies (personal, team, shared) by shortcut, title,
 * category and content as they type, and puts the chosen one in place of "/…" with its variables filled in.
 */
export function useCannedReplyPicker({ conversationId, draft, setDraft, composerRef, enabled }: Options): CannedReplyPicker {
  const t = useTranslations("cannedReplies");
  const trpc = useTRPC();
  const customerName = useCustomerName();
  const canned = useQuery(trpc.conversation.listCannedReplies.queryOptions(undefined, { staleTime: 60_000, enabled }));
  const detail = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 300_000, enabled }));
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [lastQuery, setLastQuery] = useState<string | null>(null);

  const slash = enabled && dismissed !== draft ? SLASH_TOKEN.exec(draft) : null;
  const query = slash?.[2] ?? null;
  if (query !== lastQuery) {
    setLastQuery(query);
    setActiveIndex(0);
  }
  const open = query !== null && canned.data !== undefined;
  const matches = open ? matchCannedReplies(canned.data, query).slice(0, SHOWN) : [];
  const active = matches.length ? Math.min(activeIndex, matches.length - 1) : -1;

  function pick(index: number) {
    const choice = matches[index];
    if (!choice || !slash) return;
    const conversation = detail.data;
    const text = renderCannedReply(choice.body, {
      "customer.name": conversation ? customerName(conversation.customer) : null,
      "agent.name": me.data?.name,
      "team.name": conversation?.team?.name,
    });
    const before = draft.slice(0, slash.index + slash[1]!.length);
    setDraft((before + text).slice(0, MESSAGE_BODY_MAX));
    composerRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(draft);
      return true;
    }
    if (!matches.length) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveIndex((active + step + matches.length) % matches.length);
      return true;
    }
    if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      event.preventDefault();
      pick(active);
      return true;
    }
    return false;
  }

  const scopeLabel = (reply: (typeof matches)[number]) => (reply.ownerId !== null ? t("scope.personal") : (reply.teamName ?? t("scope.shared")));

  const panel = open ? (
    <div className="rounded-md border border-slate-200 bg-white shadow-sm" data-testid="canned-replies">
      <div className="flex justify-between gap-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
        <span className="font-medium">{t("pickerTitle")}</span>
        <span className="flex gap-3">
          <span>{t("pickerHint")}</span>
          <Link href="/canned-replies" className="text-primary-700 hover:underline">
            {t("manage")}
          </Link>
        </span>
      </div>
      {matches.length ? (
        <ul id="canned-reply-list" role="listbox" aria-label={t("pickerTitle")} className="max-h-48 overflow-y-auto py-1">
          {matches.map((reply, index) => (
            <li
              key={reply.id}
              id={`canned-reply-${reply.id}`}
              role="option"
              aria-selected={index === active}
              className={cn("flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm", index === active ? "bg-primary-50" : "hover:bg-slate-50")}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
              onMouseEnter={() => setActiveIndex(index)}
            >
              <span className="shrink-0 font-mono text-primary-700">/{reply.shortcut}</span>
              <span className="shrink-0 font-medium text-slate-900">{reply.title}</span>
              <span className="min-w-0 flex-1 truncate text-slate-500">{reply.body}</span>
              {reply.category ? <Badge>{reply.category}</Badge> : null}
              <span className="shrink-0 text-xs text-slate-400">{scopeLabel(reply)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-3 py-2 text-sm text-slate-500" data-testid="canned-replies-empty">
          {t("noMatch", { query })}
        </p>
      )}
    </div>
  ) : null;

  const comboboxProps = matches.length
    ? {
        role: "combobox",
        "aria-expanded": true,
        "aria-controls": "canned-reply-list",
        "aria-activedescendant": active >= 0 ? `canned-reply-${matches[active]!.id}` : undefined,
      }
    : {};

  return { panel, comboboxProps, onKeyDown };
}
