"use client";

import { customerProfilePath } from "@kefu/api/contracts/customer-profile";
import { conversationPath } from "@kefu/api/contracts/links";
import { Badge } from "@kefu/ui/badge";
import { Skeleton } from "@kefu/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { NoteComposer } from "~/components/customer-profile/note-composer";
import { TagsEditor } from "~/components/customer-profile/tags-editor";
import { useTRPC } from "~/trpc/react";
import { STATUS_BADGE } from "./conversation-types";

/**
 * Beside a live conversation: what the customer asked last time, their last conversations, their tags (editable),
 * a note, and the way to the full profile.
 */
/** The workspace is for people who serve customers, who may all annotate them (customer.annotate). */
export function CustomerHistory({ customerId, conversationId, tags }: { customerId: number; conversationId: number; tags: { id: number; name: string }[] }) {
  const t = useTranslations("customerProfile");
  const tw = useTranslations("workspace");
  const format = useFormatter();
  const trpc = useTRPC();
  const recent = useQuery(trpc.customer.recentConversations.queryOptions({ id: customerId, exceptConversationId: conversationId }));
  const timeline = useQuery(trpc.customer.timeline.queryOptions({ id: customerId, limit: 20 }));
  const notes = (timeline.data?.items ?? []).flatMap((item) => (item.kind === "note" ? [item.note] : [])).slice(0, 3);

  return (
    <div className="mt-3 space-y-3 border-t border-slate-100 pt-3" data-testid="customer-history">
      <section>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("workspace.tags")}</h3>
        <TagsEditor customerId={customerId} tags={tags} canEdit />
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("workspace.history")}</h3>
        {recent.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : !recent.data || recent.data.conversations.length === 0 ? (
          <p className="text-slate-400">{t("workspace.firstTime")}</p>
        ) : (
          <>
            {recent.data.previouslyAskedAbout ? (
              <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="previously-asked">
                {t("workspace.previouslyAsked", { topic: recent.data.previouslyAskedAbout })}
              </p>
            ) : null}
            <ul className="space-y-1.5" data-testid="recent-conversations">
              {recent.data.conversations.map((c) => (
                <li key={c.id}>
                  <Link href={conversationPath(c.id)} className="block rounded px-1 py-0.5 hover:bg-slate-50">
                    <span className="flex items-center justify-between gap-2 text-xs text-slate-500">
                      <span>{format.dateTime(new Date(c.createdAt), { dateStyle: "short" })}</span>
                      <Badge variant={STATUS_BADGE[c.status]}>{tw(`status.${c.status}`)}</Badge>
                    </span>
                    <span className="block truncate text-slate-800">{c.category ?? c.subject ?? c.firstQuestion ?? t("timeline.noQuestion")}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("workspace.notes")}</h3>
        {notes.length ? (
          <ul className="mb-2 space-y-1.5" data-testid="workspace-notes">
            {notes.map((note) => (
              <li key={note.id} className="rounded bg-slate-50 px-2 py-1">
                <p className="whitespace-pre-wrap text-slate-900">{note.body}</p>
                <p className="mt-0.5 flex flex-wrap gap-1 text-xs text-slate-500">
                  <span>{t("timeline.noteBy", { name: note.author.name })}</span>
                  {note.mentions.map((m) => (
                    <Badge key={m.id} variant="info">
                      @{m.name}
                    </Badge>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        <NoteComposer customerId={customerId} compact />
      </section>
      <Link href={customerProfilePath(customerId)} className="inline-block text-primary-700 hover:underline" data-testid="open-customer-profile">
        {t("workspace.openProfile")}
      </Link>
    </div>
  );
}
