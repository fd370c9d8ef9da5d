"use client";

import { channels } from "@kefu/api/contracts/realtime";
import { Button } from "@kefu/ui/button";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { useTRPC } from "~/trpc/react";
import { CreateTicketDialog } from "./create-ticket-dialog";
import { TicketStatusBadge } from "./ticket-badges";

/** The workspace's ticket panel: the conversation's tickets with their status (live), and "create ticket". */
export function ConversationTickets({ conversationId, userId }: { conversationId: number; userId: number }) {
  const t = useTranslations("tickets");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tickets = useQuery(trpc.ticket.listForConversation.queryOptions({ conversationId }));
  useRealtimeEvent(channels.agent(userId), "ticket.changed", () => {
    void queryClient.invalidateQueries({ queryKey: trpc.ticket.pathKey() });
  });
  return (
    <section
      aria-labelledby="conversation-tickets-title"
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
      data-testid="conversation-tickets"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="conversation-tickets-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t("panelTitle")}
        </h2>
        <Button size="sm" variant="outline" onClick={() => setCreating(true)} data-testid="create-ticket">
          {t("createFromConversation")}
        </Button>
      </div>
      {tickets.data && tickets.data.length === 0 ? <p className="text-slate-500">{t("noneForConversation")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {(tickets.data ?? []).map((ticket) => (
          <li key={ticket.id} className="flex items-center justify-between gap-2 py-1.5" data-testid="conversation-ticket" data-ticket-id={ticket.id}>
            <Link href={`/tickets?id=${ticket.id}`} className="min-w-0 truncate text-primary-700 hover:underline">
              #{ticket.id} {ticket.subject}
            </Link>
            <TicketStatusBadge status={ticket.status} />
          </li>
        ))}
      </ul>
      <CreateTicketDialog conversationId={conversationId} open={creating} onOpenChange={setCreating} />
    </section>
  );
}
