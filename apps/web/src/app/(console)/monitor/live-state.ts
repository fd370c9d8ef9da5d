/**
 * Applying the realtime deltas of `private-monitor` to the last snapshots the page fetched. Pure functions over
 * the query data: the page feeds them to React Query's cache, and the snapshot refetched every 30 s (and on
 * reconnect) replaces whatever drift a lost event caused.
 */
import type { RouterOutputs } from "@kefu/api/client";
import type { RealtimePayload } from "@kefu/api/contracts/realtime";

export type Overview = RouterOutputs["monitor"]["overview"];
export type AgentsBoard = RouterOutputs["monitor"]["agents"];
export type QueueSnapshot = RouterOutputs["monitor"]["queue"];
export type TeamsBoard = RouterOutputs["monitor"]["teams"];
type Status = "BOT" | "QUEUED" | "ACTIVE" | "PAUSED" | "RESOLVED" | "ABANDONED";
type Presence = "ONLINE" | "BUSY" | "AWAY" | "OFFLINE";

/** One status change as `monitor.delta` carries it (what these functions read of it). */
export interface MonitorChange {
  id: number;
  type: string;
  from: Status | null;
  to: Status | null;
  toUserId: number | null;
  score?: number;
}

export type MonitorDelta = RealtimePayload<"monitor.delta">;
export type MonitorMessage = RealtimePayload<"monitor.message">;
export type PresenceChange = Pick<RealtimePayload<"presence.changed">, "userId" | "presence">;

const LIVE: readonly Status[] = ["BOT", "QUEUED", "ACTIVE", "PAUSED"];
const HELD: readonly Status[] = ["ACTIVE", "PAUSED"];

const isLive = (status: Status | null): status is "BOT" | "QUEUED" | "ACTIVE" | "PAUSED" => status !== null && LIVE.includes(status);
const isHeld = (status: Status | null) => status !== null && HELD.includes(status);

function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Today's counters: open work by status, resolved, assignments and abandonment, CSAT. */
export function applyChangesToOverview(overview: Overview, changes: readonly MonitorChange[]): Overview {
  const kpis = { ...overview.today.kpis, conversations: { ...overview.today.kpis.conversations } };
  for (const change of changes) {
    if (change.from !== change.to) {
      if (isLive(change.from)) kpis.conversations[change.from] = Math.max(0, kpis.conversations[change.from] - 1);
      if (isLive(change.to)) kpis.conversations[change.to] += 1;
    }
    if (change.to === "RESOLVED" && change.from !== "RESOLVED") {
      kpis.resolved += 1;
      if (change.from === "BOT") kpis.resolvedByBot += 1;
    }
    if (change.type === "ASSIGNED") kpis.assigned += 1;
    if (change.to === "ABANDONED") kpis.abandoned += 1;
    if (change.type === "CSAT" && typeof change.score === "number") {
      kpis.csatResponses += 1;
      if (change.score >= 4) kpis.csatPositive += 1;
    }
  }
  kpis.abandonedPercent = percent(kpis.abandoned, kpis.abandoned + kpis.assigned);
  kpis.csat = percent(kpis.csatPositive, kpis.csatResponses);
  return { ...overview, today: { ...overview.today, kpis } };
}

type Agent = AgentsBoard["agents"][number];

function withoutConversation(agent: Agent, conversationId: number): Agent {
  if (!agent.openConversationIds.includes(conversationId) && !agent.waitingConversationIds.includes(conversationId)) return agent;
  return {
    ...agent,
    openConversationIds: agent.openConversationIds.filter((id) => id !== conversationId),
    waitingConversationIds: agent.waitingConversationIds.filter((id) => id !== conversationId),
    open: agent.openConversationIds.includes(conversationId) ? Math.max(0, agent.open - 1) : agent.open,
  };
}

/** Who holds what: assignments and transfers move a conversation, ending or requeueing releases it. */
export function applyChangesToAgents(board: AgentsBoard, changes: readonly MonitorChange[]): AgentsBoard {
  let agents = board.agents;
  for (const change of changes) {
    const holder = agents.find((a) => a.openConversationIds.includes(change.id));
    const wasWaiting = holder?.waitingConversationIds.includes(change.id) ?? false;
    if (change.toUserId !== null && isHeld(change.to)) {
      agents = agents.map((agent) => {
        const released = withoutConversation(agent, change.id);
        if (agent.id !== change.toUserId) return released;
        return {
          ...released,
          open: released.open + 1,
          openConversationIds: [...released.openConversationIds, change.id],
          // a customer still waiting keeps waiting for the new agent
          waitingConversationIds: wasWaiting ? [...released.waitingConversationIds, change.id] : released.waitingConversationIds,
        };
      });
    } else if (!isHeld(change.to) && change.to !== null) {
      agents = agents.map((agent) => withoutConversation(agent, change.id));
    }
    if (change.to === "RESOLVED" && holder) {
      agents = agents.map((agent) => (agent.id === holder.id ? { ...agent, resolvedToday: agent.resolvedToday + 1 } : agent));
    }
    const pausedBy = change.from === "PAUSED" ? holder?.id : undefined;
    const pausedNowBy = change.to === "PAUSED" ? (change.toUserId ?? holder?.id) : undefined;
    if (pausedBy !== pausedNowBy) {
      agents = agents.map((agent) =>
        agent.id === pausedBy ? { ...agent, paused: Math.max(0, agent.paused - 1) } : agent.id === pausedNowBy ? { ...agent, paused: agent.paused + 1 } : agent,
      );
    }
  }
  return agents === board.agents ? board : { ...board, agents };
}

/** A customer's message makes their agent owe a reply; the agent's reply settles it. */
export function applyMessageToAgents(board: AgentsBoard, message: MonitorMessage): AgentsBoard {
  let changed = false;
  const agents = board.agents.map((agent) => {
    if (agent.id !== message.assigneeId) return agent;
    const waiting = agent.waitingConversationIds.includes(message.conversationId);
    if (message.senderType === "CUSTOMER" && !waiting && agent.openConversationIds.includes(message.conversationId)) {
      changed = true;
      return { ...agent, waitingConversationIds: [...agent.waitingConversationIds, message.conversationId] };
    }
    if (message.senderType === "AGENT" && waiting) {
      changed = true;
      return { ...agent, waitingConversationIds: agent.waitingConversationIds.filter((id) => id !== message.conversationId) };
    }
    return agent;
  });
  return changed ? { ...board, agents } : board;
}

export function applyPresenceToAgents(board: AgentsBoard, change: PresenceChange): AgentsBoard {
  if (!board.agents.some((a) => a.id === change.userId && a.presence !== change.presence)) return board;
  return { ...board, agents: board.agents.map((a) => (a.id === change.userId ? { ...a, presence: change.presence } : a)) };
}

/** The agents-by-presence counts of the overview follow an agent's change (role AGENT only, as the metric counts). */
export function applyPresenceToOverview(overview: Overview, change: PresenceChange, previous: { role: string; presence: Presence } | undefined): Overview {
  if (!previous || previous.role !== "AGENT" || previous.presence === change.presence) return overview;
  const agents = { ...overview.today.kpis.agents };
  agents[previous.presence] = Math.max(0, agents[previous.presence] - 1);
  agents[change.presence] += 1;
  return { ...overview, today: { ...overview.today, kpis: { ...overview.today.kpis, agents } } };
}

/** Conversations leaving the queue leave the list at once; a new arrival needs the list refetched (it carries names). */
export function applyChangesToQueue(queue: QueueSnapshot, changes: readonly MonitorChange[]): { queue: QueueSnapshot; arrived: boolean } {
  let items = queue.items;
  let total = queue.total;
  let arrived = false;
  for (const change of changes) {
    const listed = items.some((item) => item.id === change.id);
    if (change.from === "QUEUED" && change.to !== "QUEUED") {
      if (listed) items = items.filter((item) => item.id !== change.id);
      total = Math.max(0, total - 1);
    } else if (change.to === "QUEUED" && change.from !== "QUEUED") {
      total += 1;
      arrived = true;
    }
  }
  if (items === queue.items && total === queue.total) return { queue, arrived };
  return { queue: { ...queue, total, items: items.map((item, index) => ({ ...item, position: index + 1 })) }, arrived };
}

/** `queue.changed` carries the authoritative queue length of one team (null: no team). */
export function applyQueueLength(board: TeamsBoard, change: { teamId: number | null; queued: number }): TeamsBoard {
  if (!board.teams.some((team) => team.teamId === change.teamId)) return board;
  return {
    ...board,
    teams: board.teams.map((team) =>
      team.teamId === change.teamId ? { ...team, queued: change.queued, ...(change.queued === 0 ? { longestWaitSeconds: 0 } : {}) } : team,
    ),
  };
}

/** Replies waiting across the operation, from the agents board the page keeps live. */
export function repliesWaitingOf(board: AgentsBoard): number {
  return board.agents.reduce((sum, agent) => sum + agent.waitingConversationIds.length, 0);
}

/** One event of `private-monitor` that moves the page's snapshots, as the page queues them for the next frame. */
export type LiveEvent =
  | { kind: "delta"; delta: MonitorDelta }
  | { kind: "message"; message: MonitorMessage }
  | { kind: "presence"; change: PresenceChange }
  | { kind: "queueLength"; change: { teamId: number | null; queued: number } };

export interface LiveSnapshots {
  overview: Overview | undefined;
  agents: AgentsBoard | undefined;
  queue: QueueSnapshot | undefined;
  teams: TeamsBoard | undefined;
}

/**
 * Applies a batch of events in the order they arrived, in one pass per snapshot, so a burst of deltas costs the
 * page one render instead of one per event. `resync`: a delta asked for the whole snapshot again; `arrived`: a
 * conversation joined the queue (its row needs fetching, it carries the customer's name).
 */
export function applyLiveEvents(snapshots: LiveSnapshots, events: readonly LiveEvent[]): LiveSnapshots & { resync: boolean; arrived: boolean } {
  let { overview, agents, queue, teams } = snapshots;
  let resync = false;
  let arrived = false;
  for (const event of events) {
    switch (event.kind) {
      case "delta":
        if (event.delta.resync) {
          resync = true;
          break;
        }
        if (overview) overview = applyChangesToOverview(overview, event.delta.changes);
        if (agents) agents = applyChangesToAgents(agents, event.delta.changes);
        if (queue) {
          const next = applyChangesToQueue(queue, event.delta.changes);
          queue = next.queue;
          arrived ||= next.arrived;
        }
        break;
      case "message":
        if (agents) agents = applyMessageToAgents(agents, event.message);
        break;
      case "presence": {
        const previous = agents?.agents.find((agent) => agent.id === event.change.userId);
        if (overview) overview = applyPresenceToOverview(overview, event.change, previous);
        if (agents) agents = applyPresenceToAgents(agents, event.change);
        break;
      }
      case "queueLength":
        if (teams) teams = applyQueueLength(teams, event.change);
        break;
    }
  }
  return { overview, agents, queue, teams, resync, arrived };
}

/** Seconds a queued customer has waited so far, from queuedAt (the queue list ticks every second). */
export function waitedSeconds(item: Pick<QueueSnapshot["items"][number], "queuedAt">, now: number): number {
  return item.queuedAt ? Math.max(0, (now - new Date(item.queuedAt).getTime()) / 1000) : 0;
}
