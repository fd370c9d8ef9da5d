"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { NOTE_MAX } from "@kefu/api/contracts/limits";
import { conversationPath } from "@kefu/api/contracts/links";
import { channels } from "@kefu/api/contracts/realtime";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Skeleton } from "@kefu/ui/skeleton";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LimitedField, overLimit } from "~/components/limited-field";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { RoutingReason } from "~/components/routing-reason";
import { useCustomerName } from "~/lib/customer-name";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { systemText } from "../workspace/system-message";

type Message = RouterOutputs["conversation"]["messages"]["items"][number];

const PAGE = 50;

function Bubble({ message }: { message: Message }) {
  const t = useTranslations("monitor.transcript");
  const tw = useTranslations("workspace");
  const format = useFormatter();
  const time = format.dateTime(new Date(message.createdAt), { hour: "2-digit", minute: "2-digit" });
  if (message.senderType === "SYSTEM") {
    return (
      <li className="text-center text-xs text-slate-500" data-kind="system">
        {systemText(tw, message.body)} · {time}
      </li>
    );
  }
  const fromCustomer = message.senderType === "CUSTOMER";
  const note = message.kind === "NOTE";
  const author = message.senderType === "BOT" ? t("bot") : message.sender ? message.sender.name : fromCustomer ? t("customer") : t("system");
  return (
    <li className={cn("flex flex-col gap-0.5", fromCustomer ? "items-start" : "items-end")} data-kind={note ? "note" : message.senderType.toLowerCase()}>
      <span className="text-[11px] text-slate-500">
        {author} · {time}
        {note ? (
          <Badge variant="warning" className="ml-1 px-1 py-0 text-[10px]">
            {t("noteBadge")}
          </Badge>
        ) : null}
      </span>
      <p
        className={cn(
          "max-w-[85%] rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap",
          note
            ? "border border-amber-200 bg-amber-50 text-amber-900"
            : fromCustomer
              ? "bg-slate-100 text-slate-900"
              : message.senderType === "BOT"
                ? "bg-sky-50 text-slate-800"
                : "bg-primary-600 text-white",
        )}
      >
        {message.body}
      </p>
    </li>
  );
}

/** Read a conversation as it happens and leave the agent an internal note (supervisors may note on any conversation). */
export function TranscriptDialog({
  conversationId,
  onClose,
  onReassign,
}: {
  conversationId: number | null;
  onClose: () => void;
  /** supervisors: hand the conversation to someone else */
  onReassign?: (conversation: { id: number; assigneeId: number | null }) => void;
}) {
  const t = useTranslations("monitor.transcript");
  const tAll = useTranslations();
  return (
    <Dialog open={conversationId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={tAll("common.close")} size="lg" className="gap-3">
        {conversationId !== null ? (
          <TranscriptBody key={conversationId} conversationId={conversationId} onReassign={onReassign} />
        ) : (
          <DialogHeader>
            <DialogTitle>{t("title", { id: 0 })}</DialogTitle>
          </DialogHeader>
        )}
      </DialogContent>
    </Dialog>
  );
}

function TranscriptBody({
  conversationId,
  onReassign,
}: {
  conversationId: number;
  onReassign?: (conversation: { id: number; assigneeId: number | null }) => void;
}) {
  const t = useTranslations("monitor.transcript");
  const tAll = useTranslations();
  const customerName = useCustomerName();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errors = useApiErrors();
  const feedback = useMutationFeedback();
  const [older, setOlder] = useState<Message[]>([]);
  const [olderDone, setOlderDone] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();

  const detail = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const latest = useQuery(trpc.conversation.messages.queryOptions({ id: conversationId, limit: PAGE }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.conversation.messages.queryKey({ id: conversationId, limit: PAGE }) });
  useRealtimeEvent(channels.conversation(conversationId), "message.created", refresh);
  useRealtimeEvent(
    channels.conversation(conversationId),
    "conversation.updated",
    () => void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) }),
  );

  const addNote = useMutation(trpc.conversation.note.mutationOptions());

  const items = [...older, ...(latest.data?.items ?? [])];
  const hasOlder = !olderDone && (older.length > 0 || latest.data?.hasMore === true);
  const loadOlder = async () => {
    const first = items[0];
    if (!first) return;
    setLoadingOlder(true);
    try {
      const page = await client.conversation.messages.query({ id: conversationId, beforeId: first.id, limit: PAGE });
      setOlder((current) => [...page.items, ...current]);
      if (!page.hasMore) setOlderDone(true);
    } catch (error) {
      toast({ title: errors.message(error), variant: "error" });
    } finally {
      setLoadingOlder(false);
    }
  };

  const conversation = detail.data;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title", { id: conversationId })}</DialogTitle>
        <DialogDescription asChild>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {conversation ? (
              <>
                <span>{t("field", { label: t("customer"), value: customerName(conversation.customer) })}</span>
                <span>{t("field", { label: t("status"), value: tAll(`workspace.status.${conversation.status}`) })}</span>
                <span>{t("field", { label: t("assignee"), value: conversation.assignee?.name ?? t("unassigned") })}</span>
                {conversation.team ? <span>{t("field", { label: t("team"), value: conversation.team.name })}</span> : null}
                {conversation.team ? <RoutingReason conversationId={conversationId} teamId={conversation.team.id} /> : null}
                <Link href={conversationPath(conversationId)} className="text-primary-700 hover:underline">
                  {tAll("agentScreen.openInWorkspace")}
                </Link>
              </>
            ) : detail.error ? (
              <span>{errors.message(detail.error)}</span>
            ) : (
              <Skeleton className="h-4 w-48" />
            )}
          </div>
        </DialogDescription>
      </DialogHeader>
      <div className="max-h-[50dvh] min-h-40 overflow-y-auto rounded-md border border-slate-200 bg-white p-3" data-testid="monitor-transcript">
        {hasOlder ? (
          <div className="mb-2 flex justify-center">
            <Button size="sm" variant="ghost" loading={loadingOlder} onClick={() => void loadOlder()}>
              {t("loadOlder")}
            </Button>
          </div>
        ) : null}
        {latest.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : items.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <ol className="grid gap-2">
            {items.map((message) => (
              <Bubble key={message.id} message={message} />
            ))}
          </ol>
        )}
      </div>
      <form
        className="grid gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (!note.trim()) return;
          void feedback.run(() => addNote.mutateAsync({ id: conversationId, body: note }), {
            success: t("noteAdded"),
            onSuccess: () => {
              setNote("");
              setNoteError(undefined);
              refresh();
            },
            // the failure shows under the note field
            errorToast: false,
            onError: (error, fields) => setNoteError(fields.body ?? feedback.message(error)),
          });
        }}
      >
        <LimitedField label={t("note")} htmlFor="monitor-note" value={note} max={NOTE_MAX} error={noteError}>
          <Textarea id="monitor-note" rows={2} value={note} placeholder={t("notePlaceholder")} onChange={(event) => setNote(event.target.value)} />
        </LimitedField>
        <div className="flex flex-wrap justify-end gap-2">
          {onReassign && conversation && ["QUEUED", "ACTIVE", "PAUSED"].includes(conversation.status) ? (
            <Button
              type="button"
              size="sm"
              variant="outline"
              onClick={() => onReassign({ id: conversation.id, assigneeId: conversation.assignee?.id ?? null })}
            >
              {t("reassign")}
            </Button>
          ) : null}
          <Button type="submit" size="sm" loading={addNote.isPending} disabled={!note.trim() || overLimit(note, NOTE_MAX) > 0}>
            {t("addNote")}
          </Button>
        </div>
      </form>
    </>
  );
}
