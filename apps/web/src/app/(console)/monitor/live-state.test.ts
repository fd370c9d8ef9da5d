import { describe, expect, it } from "vitest";
import {
  applyChangesToAgents,
  applyChangesToOverview,
  applyChangesToQueue,
  applyMessageToAgents,
  applyPresenceToOverview,
  applyLiveEvents,
  applyQueueLength,
  repliesWaitingOf,
  type AgentsBoard,
  type LiveEvent,
  type MonitorChange,
  type MonitorDelta,
  type Overview,
  type QueueSnapshot,
  type TeamsBoard,
} from "./live-state";

const kpis = (): Overview["today"]["kpis"] => ({
  conversations: { BOT: 2, QUEUED: 1, ACTIVE: 3, PAUSED: 0 },
  resolved: 4,
  resolvedByBot: 1,
  assigned: 3,
  longestWaitSeconds: 60,
  averageWaitSeconds: 30,
  averageFirstResponseSeconds: 40,
  firstResponses: 3,
  averageReplySeconds: 20,
  replyExchanges: 5,
  abandoned: 1,
  abandonedPercent: 25,
  csat: 50,
  csatResponses: 2,
  csatPositive: 1,
  agents: { ONLINE: 2, BUSY: 1, AWAY: 0, OFFLINE: 1 },
});
const window = { from: new Date("2026-03-09T16:00:00Z"), to: new Date("2026-03-10T06:30:00Z") };
const overview = (): Overview => ({
  generatedAt: window.to,
  teamId: null,
  today: { ...window, kpis: kpis() },
  yesterday: { ...window, kpis: kpis() },
  repliesWaiting: 1,
});

const agent = (id: number, open: number[], waiting: number[] = [], extra: Partial<AgentsBoard["agents"][number]> = {}): AgentsBoard["agents"][number] => ({
  id,
  name: `坐席${id}`,
  employeeNo: `30${id}`,
  role: "AGENT",
  presence: "ONLINE",
  presenceChangedAt: null,
  maxConcurrent: 5,
  open: open.length,
  paused: 0,
  openConversationIds: open,
  oldestOpen: null,
  waitingConversationIds: waiting,
  teams: [],
  resolvedToday: 0,
  ...extra,
});
const board = (...agents: AgentsBoard["agents"]): AgentsBoard => ({ generatedAt: window.to, agents });
const change = (
  id: number,
  type: string,
  from: MonitorChange["from"],
  to: MonitorChange["to"],
  toUserId: number | null = null,
  score?: number,
): MonitorChange => ({
  id,
  type,
  from,
  to,
  toUserId,
  ...(score === undefined ? {} : { score }),
});

// the delta as published carries the contract's event types; these tests name them as plain strings
const deltaOf = (...changes: MonitorChange[]) => ({ changes }) as unknown as MonitorDelta;

describe("monitor deltas", () => {
  it("move today's counters and recompute the rates", () => {
    const next = applyChangesToOverview(overview(), [
      change(10, "CREATED", null, "BOT"),
      change(10, "QUEUED", "BOT", "QUEUED"),
      change(11, "ASSIGNED", "QUEUED", "ACTIVE", 1),
      change(12, "RESOLVED", "BOT", "RESOLVED"),
      change(13, "ABANDONED", "QUEUED", "ABANDONED"),
      change(14, "CSAT", null, null, null, 5),
    ]).today.kpis;
    expect(next.conversations).toEqual({ BOT: 1, QUEUED: 0, ACTIVE: 4, PAUSED: 0 });
    expect(next).toMatchObject({
      resolved: 5,
      resolvedByBot: 2,
      assigned: 4,
      abandoned: 2,
      abandonedPercent: 33.3,
      csatResponses: 3,
      csatPositive: 2,
      csat: 66.7,
    });
  });

  it("move held conversations between agents, keeping a customer's wait with the conversation", () => {
    let state = board(agent(1, [20, 21], [21]), agent(2, []));
    state = applyChangesToAgents(state, [change(21, "TRANSFERRED", "ACTIVE", "ACTIVE", 2)]);
    expect(state.agents.map((a) => [a.open, a.openConversationIds, a.waitingConversationIds])).toEqual([
      [1, [20], []],
      [1, [21], [21]],
    ]);
    state = applyChangesToAgents(state, [change(20, "PAUSED", "ACTIVE", "PAUSED")]);
    expect(state.agents[0]!.paused).toBe(1);
    state = applyChangesToAgents(state, [change(20, "RESOLVED", "PAUSED", "RESOLVED")]);
    expect(state.agents[0]).toMatchObject({ open: 0, paused: 0, resolvedToday: 1, openConversationIds: [] });
    state = applyChangesToAgents(state, [change(21, "REQUEUED", "ACTIVE", "QUEUED")]);
    expect(state.agents[1]).toMatchObject({ open: 0, waitingConversationIds: [] });
    expect(repliesWaitingOf(state)).toBe(0);
  });

  it("track replies owed from customer messages and agent replies", () => {
    let state = board(agent(1, [30]));
    state = applyMessageToAgents(state, { conversationId: 30, assigneeId: 1, senderType: "CUSTOMER" });
    state = applyMessageToAgents(state, { conversationId: 30, assigneeId: 1, senderType: "CUSTOMER" });
    expect(state.agents[0]!.waitingConversationIds).toEqual([30]);
    state = applyMessageToAgents(state, { conversationId: 30, assigneeId: 1, senderType: "AGENT" });
    expect(repliesWaitingOf(state)).toBe(0);
  });

  it("drop conversations that leave the queue at once and flag arrivals for a refetch", () => {
    const item = (id: number, position: number): QueueSnapshot["items"][number] => ({
      id,
      position,
      priority: 0,
      channel: "WEB",
      category: null,
      queuedAt: window.to,
      createdAt: window.to,
      waitSeconds: 0,
      team: null,
      customer: { name: "张*", level: "NORMAL", visitorNo: null },
    });
    const queue: QueueSnapshot = { generatedAt: window.to, total: 3, items: [item(1, 1), item(2, 2), item(3, 3)] };
    const left = applyChangesToQueue(queue, [change(1, "ASSIGNED", "QUEUED", "ACTIVE", 9)]);
    expect(left.arrived).toBe(false);
    expect(left.queue.total).toBe(2);
    expect(left.queue.items.map((i) => [i.id, i.position])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    const arrived = applyChangesToQueue(left.queue, [change(4, "QUEUED", "BOT", "QUEUED")]);
    expect(arrived).toMatchObject({ arrived: true, queue: { total: 3 } });
  });

  it("follow presence and authoritative queue lengths", () => {
    const next = applyPresenceToOverview(overview(), { userId: 1, presence: "AWAY" }, { role: "AGENT", presence: "ONLINE" });
    expect(next.today.kpis.agents).toEqual({ ONLINE: 1, BUSY: 1, AWAY: 1, OFFLINE: 1 });
    // a supervisor's presence is not counted among agents
    expect(applyPresenceToOverview(overview(), { userId: 9, presence: "AWAY" }, { role: "SUPERVISOR", presence: "ONLINE" }).today.kpis.agents.ONLINE).toBe(2);
    const team = (teamId: number | null): TeamsBoard["teams"][number] => ({
      teamId,
      name: teamId ? `组${teamId}` : null,
      autoAssign: true,
      queued: 2,
      longestWaitSeconds: 90,
      bot: 0,
      active: 0,
      paused: 0,
      agents: { ONLINE: 0, BUSY: 0, AWAY: 0, OFFLINE: 0 },
      freeSlots: 0,
      resolvedToday: 0,
      abandonedToday: 0,
    });
    const teams: TeamsBoard = { generatedAt: window.to, teams: [team(1), team(null)] };
    expect(applyQueueLength(teams, { teamId: null, queued: 0 }).teams[1]).toMatchObject({ queued: 0, longestWaitSeconds: 0 });
    expect(applyQueueLength(teams, { teamId: 1, queued: 5 }).teams[0]!.queued).toBe(5);
  });

  it("apply a batch of events in arrival order, the same as one at a time", () => {
    const snapshots = {
      overview: overview(),
      agents: board(agent(1, [10]), agent(2, [])),
      queue: { generatedAt: window.to, total: 0, items: [] },
      teams: undefined,
    };
    const events: LiveEvent[] = [
      { kind: "presence", change: { userId: 2, presence: "AWAY" } },
      { kind: "delta", delta: deltaOf(change(11, "QUEUED", "BOT", "QUEUED")) },
      { kind: "message", message: { conversationId: 10, assigneeId: 1, senderType: "CUSTOMER" } },
      { kind: "delta", delta: deltaOf(change(11, "ASSIGNED", "QUEUED", "ACTIVE", 1)) },
      // the agent went away and came back within the batch: counted once as ONLINE again
      { kind: "presence", change: { userId: 2, presence: "ONLINE" } },
    ];
    const batched = applyLiveEvents(snapshots, events);
    expect(batched).toMatchObject({ resync: false, arrived: true });
    expect(batched.overview!.today.kpis.conversations).toEqual({ BOT: 1, QUEUED: 1, ACTIVE: 4, PAUSED: 0 });
    expect(batched.overview!.today.kpis.agents).toEqual(kpis().agents);
    expect(batched.agents!.agents[0]).toMatchObject({ openConversationIds: [10, 11], waitingConversationIds: [10] });
    expect(batched.queue).toMatchObject({ total: 0, items: [] });

    let oneByOne: ReturnType<typeof applyLiveEvents> = { ...snapshots, resync: false, arrived: false };
    for (const event of events) oneByOne = { ...applyLiveEvents(oneByOne, [event]), arrived: oneByOne.arrived || applyLiveEvents(oneByOne, [event]).arrived };
    expect(oneByOne.overview).toEqual(batched.overview);
    expect(oneByOne.agents).toEqual(batched.agents);

    expect(applyLiveEvents(snapshots, [{ kind: "delta", delta: { changes: [], resync: true } }]).resync).toBe(true);
  });
});
