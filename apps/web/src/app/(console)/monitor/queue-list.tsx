"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { EmptyState } from "@kefu/ui/empty-state";
import { Skeleton } from "@kefu/ui/skeleton";
import { conversationPath } from "@kefu/api/contracts/links";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCustomerName } from "~/lib/customer-name";
import { useDuration, useNow, useShowAll } from "./hooks";
import { waitedSeconds, type QueueSnapshot } from "./live-state";
import { ShowMore } from "./show-more";

type Item = QueueSnapshot["items"][number];

interface Props {
  queue: QueueSnapshot | undefined;
  loading: boolean;
  canSupervise: boolean;
  onAssign: (item: Item) => void;
  onView: (conversationId: number) => void;
}

export function QueueList({ queue, loading, canSupervise, onAssign, onView }: Props) {
  const t = useTranslations();
  const tq = useTranslations("monitor.queue");
  const customerName = useCustomerName();
  const duration = useDuration();
  const now = useNow(1000);
  const list = useShowAll(queue?.items ?? [], 10);

  if (loading) {
    return (
      <div className="grid gap-2">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  if (!queue || queue.items.length === 0) return <EmptyState bordered title={tq("empty")} description={tq("emptyHint")} />;

  return (
    <div className="grid grid-cols-1 gap-2">
      <ol className="grid grid-cols-1 gap-2" data-testid="queue-list">
        {list.visible.map((item) => {
          const waited = waitedSeconds(item, now);
          return (
            <li key={item.id} className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3" data-conversation-id={item.id}>
              <span className="w-10 shrink-0 text-center text-xs text-slate-500 tabular-nums">{tq("position", { position: item.position })}</span>
              <div className="min-w-0 flex-1">
                <div className="flex min-w-0 items-center gap-1.5">
                  <span className="truncate font-medium text-slate-900">{customerName(item.customer)}</span>
                  {item.customer.level !== "NORMAL" ? <Badge variant="warning">{t(`workspace.level.${item.customer.level}`)}</Badge> : null}
                </div>
                <div className="truncate text-xs text-slate-500">
                  {item.team?.name ?? tq("noTeam")} · {t(`workspace.channel.${item.channel}`)}
                  {item.priority > 0 ? ` · ${tq("priority", { priority: item.priority })}` : ""}
                </div>
              </div>
              <div className="flex max-w-[55%] flex-col items-end gap-1">
                <span
                  className={cn("text-sm font-semibold tabular-nums", waited >= 300 ? "text-red-600" : waited >= 120 ? "text-amber-700" : "text-slate-700")}
                >
                  {tq("waited", { time: duration(waited) ?? "" })}
                </span>
                <span className="flex flex-wrap justify-end gap-1">
                  <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => onView(item.id)}>
                    {tq("view")}
                  </Button>
                  <Link
                    href={conversationPath(item.id)}
                    className="inline-flex h-7 items-center rounded-md px-2 text-sm font-medium text-primary-700 hover:bg-slate-100"
                    data-testid="open-in-workspace"
                  >
                    {t("agentScreen.openInWorkspace")}
                  </Link>
                  {canSupervise ? (
                    <Button size="sm" variant="outline" className="h-7 px-2" onClick={() => onAssign(item)}>
                      {tq("assign")}
                    </Button>
                  ) : null}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
      <ShowMore hidden={list.hidden} all={list.all} total={queue.items.length} onChange={list.setAll} />
      {queue.total > queue.items.length ? (
        <p className="text-center text-xs text-slate-500">{tq("more", { count: queue.total - queue.items.length })}</p>
      ) : null}
    </div>
  );
}
