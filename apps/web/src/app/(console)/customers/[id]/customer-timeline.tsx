"use client";

import { conversationPath } from "@kefu/api/contracts/links";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Skeleton } from "@kefu/ui/skeleton";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { CustomerEventText } from "~/components/customer-profile/customer-event-text";
import { NoteComposer } from "~/components/customer-profile/note-composer";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";

/** One list, newest first: conversations (open the transcript), notes (the author edits or deletes), and what changed. */
export function CustomerTimeline({ customerId, canAnnotate }: { customerId: number; canAnnotate: boolean }) {
  const t = useTranslations("customerProfile");
  const tw = useTranslations("workspace");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useApiErrors();
  const feedback = useMutationFeedback();
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const timeline = useInfiniteQuery(
    trpc.customer.timeline.infiniteQueryOptions({ id: customerId, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const remove = useMutation(
    trpc.customer.deleteNote.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.customer.timeline.pathKey() }) }),
  );
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const when = (at: Date) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("timeline.title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {canAnnotate ? <NoteComposer customerId={customerId} /> : null}
        {timeline.isPending ? (
          <Skeleton className="h-40" />
        ) : timeline.error ? (
          <EmptyState title={errors.message(timeline.error)} />
        ) : items.length === 0 ? (
          <EmptyState title={t("timeline.empty")} />
        ) : (
          <ol className="space-y-3" data-testid="customer-timeline">
            {items.map((item) => (
              <li key={`${item.kind}-${item.id}`} className="rounded-md border border-slate-200 p-3 text-sm" data-kind={item.kind}>
                <div className="mb-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                  <span>{t(`timeline.kind.${item.kind}`)}</span>
                  <time dateTime={new Date(item.at).toISOString()}>{when(item.at)}</time>
                </div>
                {item.kind === "conversation" ? (
                  <Link href={conversationPath(item.conversation.id)} className="block hover:bg-slate-50" data-testid="timeline-conversation">
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge>{tw(`status.${item.conversation.status}`)}</Badge>
                      {item.conversation.category ? <Badge variant="info">{item.conversation.category}</Badge> : null}
                      <span className="text-slate-600">{item.conversation.assignee?.name ?? t("timeline.noAgent")}</span>
                      {item.conversation.csatScore !== null ? (
                        <span className="text-amber-700">{t("timeline.csat", { score: item.conversation.csatScore })}</span>
                      ) : null}
                    </span>
                    <span className="mt-1 block truncate text-slate-900">
                      {item.conversation.subject ?? item.conversation.firstQuestion ?? t("timeline.noQuestion")}
                    </span>
                  </Link>
                ) : item.kind === "note" ? (
                  editing === item.id ? (
                    <NoteComposer
                      customerId={customerId}
                      note={{ id: item.id, body: item.note.body, mentions: item.note.mentions }}
                      onDone={() => setEditing(null)}
                    />
                  ) : (
                    <div data-testid="timeline-note">
                      <p className="whitespace-pre-wrap text-slate-900">{item.note.body}</p>
                      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                        <span>{t("timeline.noteBy", { name: item.note.author.name })}</span>
                        {item.note.editedAt ? <span>{t("timeline.edited")}</span> : null}
                        {item.note.mentions.map((m) => (
                          <Badge key={m.id} variant="info" data-testid="mention-chip">
                            @{m.name}
                          </Badge>
                        ))}
                        {item.note.mine && canAnnotate ? (
                          <span className="ml-auto flex gap-1">
                            <Button size="sm" variant="ghost" onClick={() => setEditing(item.id)}>
                              {tc("edit")}
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setDeleting(item.id)}>
                              {tc("delete")}
                            </Button>
                          </span>
                        ) : null}
                      </div>
                    </div>
                  )
                ) : (
                  <CustomerEventText type={item.event.type} detail={item.event.detail} actor={item.event.actor?.name ?? null} />
                )}
              </li>
            ))}
          </ol>
        )}
        <LoadMore query={timeline} />
        <ConfirmDialog
          open={deleting !== null}
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t("notes.deleteTitle")}
          description={t("notes.deleteDescription")}
          confirmLabel={tc("delete")}
          cancelLabel={tc("cancel")}
          destructive
          onConfirm={() => feedback.confirm(() => remove.mutateAsync({ id: deleting! }), { success: t("notes.deleted"), onSuccess: () => setDeleting(null) })}
        />
      </CardContent>
    </Card>
  );
}
