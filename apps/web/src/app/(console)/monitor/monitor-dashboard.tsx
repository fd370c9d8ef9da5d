"use client";

import { channels } from "@kefu/api/contracts/realtime";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { PageHeader } from "@kefu/ui/page-header";
import { matchQuery, useIsFetching, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { clockTime, useFrameBatch, useNow, useOnline } from "./hooks";
import { KpiCards } from "./kpi-cards";
import {
  applyLiveEvents,
  repliesWaitingOf,
  type AgentsBoard as AgentsData,
  type LiveEvent,
  type Overview,
  type QueueSnapshot,
  type TeamsBoard as TeamsData,
  waitedSeconds,
} from "./live-state";
import { loadSnapshot, saveSnapshot } from "./snapshot";

// below the first screen or opened on demand: their code loads after the first paint (the queue list, the agents' and
// teams' boards and the alert banner are still rendered on the server, their code joins while the page hydrates)
const AgentsBoard = dynamic(() => import("./agents-board").then((module) => module.AgentsBoard));
const QueueList = dynamic(() => import("./queue-list").then((module) => module.QueueList));
const TeamsBoard = dynamic(() => import("./teams-board").then((module) => module.TeamsBoard));
const AlertBanner = dynamic(() => import("./alert-banner").then((module) => module.AlertBanner));
const Heatmap = dynamic(() => import("./heatmap").then((module) => module.Heatmap));
const PresenceTimeline = dynamic(() => import("./presence-timeline").then((module) => module.PresenceTimeline));
const ReassignDialog = dynamic(() => import("./reassign-dialog").then((module) => module.ReassignDialog));
const TranscriptDialog = dynamic(() => import("./transcript-dialog").then((module) => module.TranscriptDialog));

const CHANNEL = channels.monitor;
/** the authoritative snapshot, fetched again this often (never faster than every 30 s) */
const SNAPSHOT_INTERVAL_MS = 30_000;
/** a new arrival in the queue brings its row at most this often (the row carries the customer's name) */
const QUEUE_ARRIVAL_REFETCH_MS = 5_000;
const SNAPSHOT_SAVE_MS = 10_000;

function isNetworkError(error: unknown): boolean {
  // a tRPC error with a response carries data; a failed fetch does not
  return Boolean(error) && !(error as { data?: unknown }).data;
}

/** The snapshots the live events move (the heatmap is not one of them). */
function snapshotQueryKeys(trpc: ReturnType<typeof useTRPC>) {
  return [trpc.monitor.overview.queryKey(), trpc.monitor.agents.queryKey(), trpc.monitor.queue.queryKey({ limit: 50 }), trpc.monitor.teams.queryKey()];
}

function Section({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card className="min-w-0" data-testid={testId}>
      <CardHeader actions={action}>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function MonitorDashboard({ canSupervise }: { canSupervise: boolean }) {
  const t = useTranslations("monitor");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useApiErrors();
  const feedback = useMutationFeedback();
  const online = useOnline();
  const now = useNow(1000);
  const [viewing, setViewing] = useState<number | null>(null);
  const [assigning, setAssigning] = useState<{ id: number; assigneeId: number | null } | null>(null);
  const [saved] = useState(() => (typeof window === "undefined" ? null : loadSnapshot()));

  const periodic = { refetchInterval: SNAPSHOT_INTERVAL_MS, staleTime: SNAPSHOT_INTERVAL_MS };
  const overview = useQuery(trpc.monitor.overview.queryOptions(undefined, periodic));
  const agents = useQuery(trpc.monitor.agents.queryOptions(undefined, periodic));
  const queue = useQuery(trpc.monitor.queue.queryOptions({ limit: 50 }, periodic));
  const teams = useQuery(trpc.monitor.teams.queryOptions(undefined, periodic));
  const heatmap = useQuery(trpc.monitor.heatmap.queryOptions(undefined, { refetchInterval: 5 * 60_000, staleTime: 60_000 }));

  const keys = {
    overview: trpc.monitor.overview.queryKey(),
    agents: trpc.monitor.agents.queryKey(),
    queue: trpc.monitor.queue.queryKey({ limit: 50 }),
    teams: trpc.monitor.teams.queryKey(),
  };

  // keep the latest snapshot on the device for offline reading: after every fetch, and while deltas move it at
  // most every SNAPSHOT_SAVE_MS (a busy operation sends many events a second)
  const latest = useRef({ overview: overview.data, queue: queue.data, agents: agents.data });
  latest.current = { overview: overview.data, queue: queue.data, agents: agents.data };
  const lastSaved = useRef(0);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const save = () => {
      const { overview: o, queue: q, agents: a } = latest.current;
      if (!o || !q || !a) return;
      lastSaved.current = Date.now();
      saveSnapshot({ overview: o, queue: q, agents: a });
    };
    if (Date.now() - lastSaved.current >= SNAPSHOT_SAVE_MS) save();
    else
      saveTimer.current ??= setTimeout(() => {
        saveTimer.current = null;
        save();
      }, SNAPSHOT_SAVE_MS);
  }, [overview.data, queue.data, agents.data]);
  useEffect(() => () => void (saveTimer.current && clearTimeout(saveTimer.current)), []);

  const refetchAll = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.monitor.pathKey() });
  }, [queryClient, trpc]);

  const lastArrivalRefetch = useRef(0);
  const arrivalTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetchQueueSoon = useCallback(() => {
    if (arrivalTimer.current) return;
    const wait = Math.max(0, lastArrivalRefetch.current + QUEUE_ARRIVAL_REFETCH_MS - Date.now());
    arrivalTimer.current = setTimeout(() => {
      arrivalTimer.current = null;
      lastArrivalRefetch.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: trpc.monitor.queue.queryKey() });
    }, wait);
  }, [queryClient, trpc]);
  useEffect(() => () => void (arrivalTimer.current && clearTimeout(arrivalTimer.current)), []);

  // Deltas only make sense on a snapshot taken after the subscription started: whatever changed between the first
  // fetch and the subscription would be missed, so the snapshot is fetched again once subscribed, and the page
  // counts as live only when that snapshot has landed.
  const snapshotKeys = snapshotQueryKeys(trpc);
  // a fetch already under way is left to land (the page shows it sooner), then one that starts now follows it
  const refetchSnapshots = useCallback(
    () =>
      Promise.all(
        snapshotQueryKeys(trpc).map(async (queryKey) => {
          const filters = { queryKey, exact: true };
          if (queryClient.isFetching(filters) > 0) await queryClient.refetchQueries(filters, { cancelRefetch: false });
          await queryClient.refetchQueries(filters);
        }),
      ),
    [queryClient, trpc],
  );
  const [subscribed, setSubscribed] = useState(false);
  useRealtimeEvent(CHANNEL, "pusher:subscription_succeeded", () => {
    void refetchSnapshots().then(() => setSubscribed(true));
  });
  useRealtimeEvent(CHANNEL, "pusher:subscription_error", () => setSubscribed(false));

  // A snapshot in flight when a delta arrives may have been read before the change: it would overwrite the delta
  // when it lands. One more snapshot after it settles catches up (at most one per collision, never a loop).
  const caughtUp = useRef(true);
  const snapshotFetching = useIsFetching({ predicate: (query) => snapshotKeys.some((key) => matchQuery({ queryKey: key, exact: true }, query)) }) > 0;
  useEffect(() => {
    if (snapshotFetching || caughtUp.current) return;
    caughtUp.current = true;
    void refetchSnapshots();
  }, [snapshotFetching, refetchSnapshots]);

  const applyBatch = (events: LiveEvent[]) => {
    if (snapshotKeys.some((queryKey) => queryClient.isFetching({ queryKey, exact: true }) > 0)) caughtUp.current = false;
    const next = applyLiveEvents(
      {
        overview: queryClient.getQueryData<Overview>(keys.overview),
        agents: queryClient.getQueryData<AgentsData>(keys.agents),
        queue: queryClient.getQueryData<QueueSnapshot>(keys.queue),
        teams: queryClient.getQueryData<TeamsData>(keys.teams),
      },
      events,
    );
    if (next.resync) return refetchAll();
    queryClient.setQueryData(keys.overview, next.overview);
    queryClient.setQueryData(keys.agents, next.agents);
    queryClient.setQueryData(keys.queue, next.queue);
    queryClient.setQueryData(keys.teams, next.teams);
    if (next.arrived) refetchQueueSoon();
  };
  // a busy operation sends many events a second: they are applied together, once per frame
  const queueLiveEvent = useFrameBatch(applyBatch);
  useRealtimeEvent(CHANNEL, "monitor.delta", (delta) => queueLiveEvent({ kind: "delta", delta }));
  useRealtimeEvent(CHANNEL, "monitor.message", (message) => queueLiveEvent({ kind: "message", message }));
  useRealtimeEvent(CHANNEL, "presence.changed", (change) => queueLiveEvent({ kind: "presence", change }));
  useRealtimeEvent(CHANNEL, "queue.changed", (change) => queueLiveEvent({ kind: "queueLength", change }));
  useRealtimeReconnect(refetchAll);

  const setPresence = useMutation(
    trpc.monitor.setAgentPresence.mutationOptions({ onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.agents }) }),
  );
  const presenceSet = (result: NonNullable<typeof setPresence.data>) => {
    const agent = agents.data?.agents.find((a) => a.id === result.id);
    return t("agents.presenceSet", { name: agent?.name ?? "", presence: tAll(`presence.${result.presence}`) });
  };

  // offline (or the server unreachable): show the last snapshot this device saved, marked with its time
  const failed = [overview.error, agents.error, queue.error].some(isNetworkError);
  const offline = !online || failed;
  const fallback = offline && (!overview.data || !queue.data || !agents.data) ? saved : null;
  const overviewData = overview.data ?? fallback?.overview;
  const agentsData = agents.data ?? fallback?.agents;
  const queueData = queue.data ?? fallback?.queue;
  const dataTime = fallback ? fallback.savedAt : overview.dataUpdatedAt ? new Date(overview.dataUpdatedAt) : null;
  const loading = !overviewData && !offline;
  const live = subscribed && !offline;

  const queueLongest = Math.max(0, ...(queueData?.items ?? []).map((item) => waitedSeconds(item, now)));
  const liveOverview: Overview | undefined =
    overviewData && !offline
      ? {
          ...overviewData,
          today: {
            ...overviewData.today,
            kpis: { ...overviewData.today.kpis, longestWaitSeconds: Math.max(overviewData.today.kpis.longestWaitSeconds, Math.round(queueLongest)) },
          },
        }
      : overviewData;

  return (
    <div className="grid grid-cols-1 gap-4" data-testid="monitor" data-live={live ? "true" : "false"}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Badge variant={live ? "success" : "neutral"} dot data-testid="monitor-live">
              {live ? t("live") : t("connecting")}
            </Badge>
            {dataTime && !offline ? <span className="text-xs text-slate-500">{t("updatedAt", { time: clockTime(dataTime) })}</span> : null}
            <Button size="sm" variant="outline" onClick={refetchAll} disabled={offline} loading={snapshotFetching}>
              {t("refresh")}
            </Button>
            <Button size="sm" variant="ghost" asChild>
              <Link href="/monitor/alerts">{t("alertsLink")}</Link>
            </Button>
          </>
        }
      />
      {offline ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="offline-banner">
          {dataTime ? (
            <>
              <strong className="font-semibold">{t("offline", { time: clockTime(dataTime) })}</strong>{" "}
              <span className="text-amber-800">{t("offlineHint")}</span>
            </>
          ) : (
            t("offlineNoData")
          )}
        </div>
      ) : null}
      {!offline && overview.error && !overview.data ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("loadFailed")} · {errors.message(overview.error)}
        </div>
      ) : null}
      <AlertBanner />
      <KpiCards overview={liveOverview} repliesWaiting={agentsData ? repliesWaitingOf(agentsData) : (overviewData?.repliesWaiting ?? null)} loading={loading} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section title={queueData ? `${t("sections.queue")} · ${t("queue.total", { count: queueData.total })}` : t("sections.queue")} testId="queue-section">
          <QueueList
            queue={queueData}
            loading={!queueData && !offline}
            canSupervise={canSupervise && !offline}
            onView={setViewing}
            onAssign={(item) => setAssigning({ id: item.id, assigneeId: null })}
          />
        </Section>
        <Section title={t("sections.teams")} testId="teams-section">
          <TeamsBoard board={teams.data} loading={!teams.data && !offline} />
        </Section>
      </div>

      <Section title={t("sections.agents")} testId="agents-section">
        <AgentsBoard
          board={agentsData}
          loading={!agentsData && !offline}
          canSupervise={canSupervise && !offline}
          pendingPresenceFor={setPresence.isPending ? setPresence.variables.userId : null}
          onSetPresence={(agent, presence) => void feedback.run(() => setPresence.mutateAsync({ userId: agent.id, presence }), { success: presenceSet })}
          onOpenConversation={setViewing}
        />
      </Section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section title={t("sections.heatmap")} testId="heatmap-section">
          <Heatmap days={heatmap.data?.days} loading={!heatmap.data && !offline} />
        </Section>
        <Section title={t("sections.timeline")} testId="timeline-section">
          <PresenceTimeline />
        </Section>
      </div>

      {viewing === null ? null : (
        <TranscriptDialog
          conversationId={viewing}
          onClose={() => setViewing(null)}
          onReassign={
            canSupervise && !offline
              ? (conversation) => {
                  setViewing(null);
                  setAssigning({ id: conversation.id, assigneeId: conversation.assigneeId });
                }
              : undefined
          }
        />
      )}
      {canSupervise && assigning ? (
        <ReassignDialog
          conversationId={assigning.id}
          currentAssigneeId={assigning.assigneeId}
          agents={agentsData}
          teams={teams.data}
          onClose={() => setAssigning(null)}
          onDone={refetchAll}
        />
      ) : null}
    </div>
  );
}
