"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { EmptyState } from "@kefu/ui/empty-state";
import { Skeleton } from "@kefu/ui/skeleton";
import { Switch } from "@kefu/ui/switch";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { ResolveDialog, TransferDialog, type TransferTargets } from "./action-dialogs";
import { BODY_MAX, NOTE_MAX, STATUS_BADGE } from "./conversation-types";
import { CustomerPanel } from "./customer-panel";
import { KnowledgePanel } from "./knowledge-panel";
import { systemText } from "./system-message";

type Message = RouterOutputs["conversation"]["messages"]["items"][number];
type Detail = RouterOutputs["conversation"]["get"];

interface PendingMessage {
  clientId: string;
  body: string;
  note: boolean;
  failed: boolean;
}

interface Props {
  conversationId: number | null;
  userId: number;
  targets: TransferTargets | undefined;
  knowledgeSearchRef: RefObject<HTMLInputElement | null>;
  onChanged: () => void;
}

function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The middle (transcript, composer, actions) and right (customer, knowledge) columns of the workspace. */
export function ConversationView({ conversationId, userId, targets, knowledgeSearchRef, onChanged }: Props) {
  const t = useTranslations("workspace");
  const [draft, setDraft] = useState("");
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const insert = useCallback((text: string) => {
    setDraft((current) => (current ? `${current}\n${text}` : text).slice(0, BODY_MAX));
    composerRef.current?.focus();
  }, []);

  return (
    <>
      {conversationId ? (
        <Transcript conversationId={conversationId} userId={userId} targets={targets} draft={draft} setDraft={setDraft} composerRef={composerRef} onChanged={onChanged} />
      ) : (
        <section className="flex min-h-64 items-center justify-center rounded-lg border border-slate-200 bg-white">
          <EmptyState title={t("selectConversation")} description={t("selectConversationHint")} />
        </section>
      )}
      <aside className="flex min-h-0 flex-col gap-3 overflow-y-auto">
        {conversationId ? <CustomerPanel conversationId={conversationId} /> : null}
        <KnowledgePanel inputRef={knowledgeSearchRef} onInsert={conversationId ? insert : null} />
      </aside>
    </>
  );
}

interface TranscriptProps {
  conversationId: number;
  userId: number;
  targets: TransferTargets | undefined;
  draft: string;
  setDraft: (value: string) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onChanged: () => void;
}

function Transcript({ conversationId, userId, targets, draft, setDraft, composerRef, onChanged }: TranscriptProps) {
  const t = useTranslations("workspace");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { message: errorMessage } = useApiErrors();
  const [messages, setMessages] = useState<Message[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [noteMode, setNoteMode] = useState(false);
  const [dialog, setDialog] = useState<"transfer" | "resolve" | null>(null);
  const lastId = messages.at(-1)?.id ?? 0;
  const lastIdRef = useRef(0);
  const loadedRef = useRef(false);
  const filling = useRef(false);
  const fillAgain = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffset = useRef<number | null>(null);
  const markedRef = useRef(0);

  const detail = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const conversation: Detail | undefined = detail.data;

  const fetchPage = useCallback(
    (input: { afterId?: number; beforeId?: number; limit: number }) =>
      queryClient.fetchQuery({ ...trpc.conversation.messages.queryOptions({ id: conversationId, ...input }), staleTime: 0 }),
    [queryClient, trpc, conversationId],
  );

  const fillGap = useCallback(async () => {
    if (!loadedRef.current) {
      fillAgain.current = true;
      return;
    }
    if (filling.current) {
      fillAgain.current = true;
      return;
    }
    filling.current = true;
    try {
      do {
        fillAgain.current = false;
        for (;;) {
          const page = await fetchPage({ afterId: lastIdRef.current, limit: 200 });
          if (page.items.length) {
            lastIdRef.current = Math.max(lastIdRef.current, page.items.at(-1)!.id);
            setMessages((current) => mergeMessages(current, page.items));
          }
          if (!page.hasMore) break;
        }
      } while (fillAgain.current);
    } catch {
      // the next event or reconnect tries again
    } finally {
      filling.current = false;
    }
  }, [fetchPage]);

  useEffect(() => {
    let cancelled = false;
    void fetchPage({ limit: 50 })
      .then((page) => {
        if (cancelled) return;
        setMessages(page.items);
        setHasOlder(page.hasMore);
        lastIdRef.current = page.items.at(-1)?.id ?? 0;
        loadedRef.current = true;
        setLoaded(true);
        if (fillAgain.current) void fillGap();
      })
      .catch((error: unknown) => {
        if (!cancelled) toast({ title: errorMessage(error), variant: "error" });
      });
    return () => {
      cancelled = true;
    };
  }, [fetchPage, fillGap, toast, errorMessage]);

  const refreshDetail = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) });
    onChanged();
  }, [queryClient, trpc, conversationId, onChanged]);

  const channel = `private-conversation-${conversationId}`;
  useRealtimeEvent(channel, "message.created", () => void fillGap());
  useRealtimeEvent(channel, "conversation.updated", refreshDetail);
  useRealtimeReconnect(() => {
    void fillGap();
    refreshDetail();
  });

  // keep the newest message in view unless the reader scrolled up; keep the position when older ones arrive
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepOffset.current !== null) {
      el.scrollTop = el.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending]);

  // mark read while the transcript is on screen
  const markRead = useMutation(trpc.conversation.markRead.mutationOptions({ onSuccess: onChanged }));
  const markReadMutate = markRead.mutate;
  useEffect(() => {
    if (!loaded || lastId === 0) return;
    const mark = () => {
      if (document.visibilityState !== "visible" || markedRef.current >= lastId) return;
      if (conversation && conversation.lastReadMessageId >= lastId) return;
      markedRef.current = lastId;
      markReadMutate({ id: conversationId, messageId: lastId });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [loaded, lastId, conversation, conversationId, markReadMutate]);

  async function loadOlder() {
    const first = messages[0]?.id;
    if (!first) return;
    setLoadingOlder(true);
    try {
      const page = await fetchPage({ beforeId: first, limit: 50 });
      if (scroller.current) keepOffset.current = scroller.current.scrollHeight - scroller.current.scrollTop;
      setMessages((current) => mergeMessages(current, page.items));
      setHasOlder(page.hasMore);
    } catch (error) {
      toast({ title: errorMessage(error), variant: "error" });
    } finally {
      setLoadingOlder(false);
    }
  }

  const reply = useMutation(trpc.conversation.reply.mutationOptions());
  const note = useMutation(trpc.conversation.note.mutationOptions());
  const replyAsync = reply.mutateAsync;
  const noteAsync = note.mutateAsync;

  const deliver = useCallback(
    async (message: PendingMessage) => {
      setPending((current) => current.map((p) => (p.clientId === message.clientId ? { ...p, failed: false } : p)));
      try {
        await (message.note ? noteAsync : replyAsync)({ id: conversationId, body: message.body, clientId: message.clientId });
        await fillGap();
        setPending((current) => current.filter((p) => p.clientId !== message.clientId));
        onChanged();
      } catch (error) {
        setPending((current) => current.map((p) => (p.clientId === message.clientId ? { ...p, failed: true } : p)));
        toast({ title: errorMessage(error), variant: "error" });
      }
    },
    [conversationId, fillGap, noteAsync, replyAsync, onChanged, toast, errorMessage],
  );

  const status = conversation?.status;
  const canAct = conversation?.canAct ?? false;
  const open = status === "QUEUED" || status === "ACTIVE" || status === "PAUSED";
  const canReply = canAct && status === "ACTIVE";
  const canNote = canAct && status !== undefined && status !== "ABANDONED";
  const composerEnabled = noteMode ? canNote : canReply;
  const max = noteMode ? NOTE_MAX : BODY_MAX;

  function send() {
    const body = draft;
    if (!composerEnabled || !body.trim() || body.length > max) return;
    const message: PendingMessage = { clientId: crypto.randomUUID(), body, note: noteMode, failed: false };
    stickToBottom.current = true;
    setPending((current) => [...current, message]);
    setDraft("");
    void deliver(message);
  }

  const pause = useMutation(
    trpc.conversation.pause.mutationOptions({
      onSuccess: () => {
        toast({ title: t("actions.paused"), variant: "success" });
        refreshDetail();
      },
      onError: (error) => toast({ title: errorMessage(error), variant: "error" }),
    }),
  );
  const resume = useMutation(
    trpc.conversation.resume.mutationOptions({
      onSuccess: () => {
        toast({ title: t("actions.resumed"), variant: "success" });
        refreshDetail();
      },
      onError: (error) => toast({ title: errorMessage(error), variant: "error" }),
    }),
  );

  const canned = useQuery(trpc.conversation.cannedReplies.queryOptions(undefined, { staleTime: 300_000, enabled: composerEnabled && !noteMode }));
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
    setDraft(choice.body.slice(0, BODY_MAX));
    setCannedIndex(0);
    composerRef.current?.focus();
  }

  const seenClientIds = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const visiblePending = pending.filter((p) => !seenClientIds.has(p.clientId));

  return (
    <section aria-label={conversation ? t("conversationNo", { id: conversationId }) : undefined} className="flex min-h-[28rem] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white lg:min-h-0" data-testid="conversation-view">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="min-w-0 flex-1 truncate font-semibold text-slate-900">
          {conversation ? `${conversation.customer.name} · ${conversation.subject ?? t("conversationNo", { id: conversationId })}` : <Skeleton className="h-5 w-40" />}
        </h2>
        {status ? (
          <Badge variant={STATUS_BADGE[status]} data-testid="conversation-status">
            {t(`status.${status}`)}
          </Badge>
        ) : null}
        {canAct && open ? (
          <div className="flex items-center gap-1" role="toolbar" aria-label={t("actions.label")}>
            <Button size="sm" variant="outline" onClick={() => setDialog("transfer")}>
              {t("actions.transfer")}
            </Button>
            {status === "ACTIVE" ? (
              <Button size="sm" variant="outline" loading={pause.isPending} onClick={() => pause.mutate({ id: conversationId })}>
                {t("actions.pause")}
              </Button>
            ) : null}
            {status === "PAUSED" ? (
              <Button size="sm" variant="outline" loading={resume.isPending} onClick={() => resume.mutate({ id: conversationId })}>
                {t("actions.resume")}
              </Button>
            ) : null}
            {status !== "QUEUED" ? (
              <Button size="sm" variant="danger" onClick={() => setDialog("resolve")}>
                {t("actions.resolve")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </header>

      <div
        ref={scroller}
        className="min-h-24 flex-1 space-y-3 overflow-y-auto bg-slate-50 px-3 py-3"
        data-testid="transcript"
        onScroll={(event) => {
          const el = event.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {hasOlder ? (
          <div className="flex justify-center">
            <Button size="sm" variant="ghost" loading={loadingOlder} onClick={() => void loadOlder()}>
              {t("loadEarlier")}
            </Button>
          </div>
        ) : null}
        {!loaded ? (
          <div className="space-y-3">
            <Skeleton className="h-12 w-2/3" />
            <Skeleton className="ml-auto h-12 w-1/2" />
            <Skeleton className="h-12 w-3/5" />
          </div>
        ) : null}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} customerName={conversation?.customer.name} mine={message.senderId === userId} format={format} t={t} />
        ))}
        {visiblePending.map((p) => (
          <div key={p.clientId} className="flex flex-col items-end gap-1" data-testid="pending-message">
            <div className={cn("max-w-[80%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap opacity-70", p.note ? "border border-amber-300 bg-amber-50 text-amber-900" : "bg-primary-600 text-white")}>
              {p.body}
            </div>
            <span className="text-xs text-slate-500">
              {p.failed ? (
                <>
                  <span className="text-red-600">{t("failed")}</span>{" "}
                  <Button size="sm" variant="link" onClick={() => void deliver(p)}>
                    {t("retry")}
                  </Button>
                </>
              ) : (
                t("pending")
              )}
            </span>
          </div>
        ))}
      </div>

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
          placeholder={composerEnabled ? (noteMode ? t("composer.notePlaceholder") : t("composer.placeholder")) : status === "RESOLVED" || status === "ABANDONED" ? t("composer.closed") : t("composer.readOnly")}
          className={cn(noteMode && "border-amber-300 bg-amber-50")}
          disabled={!composerEnabled}
          value={draft}
          maxLength={max}
          onChange={(event) => {
            setDraft(event.target.value);
            setCannedIndex(0);
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

      {conversation ? (
        <>
          <TransferDialog
            open={dialog === "transfer"}
            onOpenChange={(o) => setDialog(o ? "transfer" : null)}
            conversationId={conversationId}
            targets={targets}
            onDone={refreshDetail}
          />
          <ResolveDialog open={dialog === "resolve"} onOpenChange={(o) => setDialog(o ? "resolve" : null)} conversationId={conversationId} onDone={refreshDetail} />
        </>
      ) : null}
    </section>
  );
}

function MessageBubble({
  message,
  customerName,
  mine,
  format,
  t,
}: {
  message: Message;
  customerName: string | undefined;
  mine: boolean;
  format: ReturnType<typeof useFormatter>;
  t: ReturnType<typeof useTranslations<"workspace">>;
}) {
  const at = new Date(message.createdAt);
  const time = (
    <time dateTime={at.toISOString()} className="text-xs text-slate-500">
      {format.dateTime(at, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })}
    </time>
  );
  if (message.kind === "EVENT" || message.senderType === "SYSTEM") {
    return (
      <div className="flex justify-center" data-kind="system">
        <span className="rounded-full bg-slate-200/70 px-3 py-1 text-xs text-slate-600">
          {systemText(t, message.body)} · {format.dateTime(at, { hour: "2-digit", minute: "2-digit" })}
        </span>
      </div>
    );
  }
  const note = message.kind === "NOTE";
  const outgoing = message.senderType === "AGENT" || message.senderType === "BOT" || note;
  const name =
    message.senderType === "CUSTOMER" ? (customerName ?? t("sender.CUSTOMER")) : message.senderType === "BOT" ? t("sender.BOT") : (message.sender?.name ?? t("sender.AGENT"));
  return (
    <div className={cn("flex flex-col gap-1", outgoing ? "items-end" : "items-start")} data-kind={note ? "note" : message.senderType.toLowerCase()} data-message-id={message.id}>
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <span className="font-medium">{name}</span>
        {note ? <Badge variant="warning">{t("noteLabel")}</Badge> : null}
        {time}
      </div>
      <div
        className={cn(
          "max-w-[80%] rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap",
          note && "border border-amber-300 bg-amber-50 text-amber-900",
          !note && message.senderType === "CUSTOMER" && "border border-slate-200 bg-white text-slate-900",
          !note && message.senderType === "BOT" && "bg-violet-100 text-violet-900",
          !note && message.senderType === "AGENT" && (mine ? "bg-primary-600 text-white" : "bg-primary-100 text-primary-900"),
        )}
      >
        {message.body}
      </div>
    </div>
  );
}
