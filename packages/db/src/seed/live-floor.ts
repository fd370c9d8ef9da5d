/**
 * The operation as it stands "now": who is signed in (presence and today's presence intervals)
 * and which conversations are still open. Agents holding open conversations are ONLINE or BUSY
 * and never hold more than maxConcurrent; the queue is non-empty only for teams whose ONLINE
 * agents are all at their limit, which is when routing would leave conversations waiting.
 */
import type { Presence } from "../../generated/prisma/enums.ts";
import { Random } from "./random.ts";
import type { AgentRef, TeamRef } from "./routing.ts";
import type { StaffDefinition, TeamKey } from "./staff.ts";
import { beijingDayStart, DAY, HOUR, MINUTE } from "./time.ts";

export interface StaffMember {
  id: number;
  definition: StaffDefinition;
  maxConcurrent: number;
}

export interface PresenceInterval {
  userId: number;
  presence: Presence;
  startedAt: number;
  endedAt: number | null;
}

export interface PresenceState {
  presence: Presence;
  presenceChangedAt: number | null;
  lastSeenAt: number;
  lastLoginAt: number;
  /** signed-in spans today, for matching today's conversations to who was working */
  sessions: { start: number; end: number }[];
}

export interface PresencePlan {
  states: Map<number, PresenceState>;
  intervals: PresenceInterval[];
}

/**
 * Agent 3001 is signed in with two open conversations and free slots; 3002 is signed out with none.
 * End-to-end tests start from there.
 */
const FIXED_PRESENCE: Record<string, Presence> = { "3001": "ONLINE", "3002": "OFFLINE", "2001": "ONLINE", "2002": "ONLINE", "4001": "ONLINE" };
const FIXED_LOAD: Record<string, number> = { "3001": 2 };
const PRESENT_SHARE = 0.6;

export function planPresence(staff: readonly StaffMember[], now: number): PresencePlan {
  const plan: PresencePlan = { states: new Map(), intervals: [] };
  const current = new Map<number, Presence>();

  const agents = staff.filter((s) => s.definition.role === "AGENT");
  const free = Random.for("presence-roster").shuffle(agents.filter((a) => !(a.definition.employeeNo in FIXED_PRESENCE)));
  const fixedPresent = agents.filter((a) => FIXED_PRESENCE[a.definition.employeeNo] && FIXED_PRESENCE[a.definition.employeeNo] !== "OFFLINE").length;
  const present = Math.max(0, Math.round(agents.length * PRESENT_SHARE) - fixedPresent);
  free.forEach((agent, i) => {
    const share = i / Math.max(present, 1);
    current.set(agent.id, i >= present ? "OFFLINE" : share < 0.6 ? "ONLINE" : share < 0.85 ? "BUSY" : "AWAY");
  });
  for (const member of staff) {
    const fixed = FIXED_PRESENCE[member.definition.employeeNo];
    if (fixed) current.set(member.id, fixed);
  }

  const todayStart = beijingDayStart(now);
  for (const member of staff) {
    const presence = current.get(member.id) ?? "OFFLINE";
    const rng = Random.for("presence", member.definition.employeeNo, now);
    if (presence !== "OFFLINE") {
      plan.states.set(member.id, signedIn(member.id, presence, now, rng, plan.intervals));
    } else {
      plan.states.set(member.id, signedOut(member.id, now, todayStart, rng, plan.intervals));
    }
  }
  return plan;
}

function signedIn(userId: number, presence: Presence, now: number, rng: Random, intervals: PresenceInterval[]): PresenceState {
  const sessionStart = now - Math.round(rng.between(1.25 * HOUR, 7 * HOUR));
  const changes: { presence: Presence; at: number }[] = [{ presence: "ONLINE", at: sessionStart }];
  if (now - sessionStart > 2 * HOUR && rng.chance(0.5)) {
    const breakStart = sessionStart + Math.round(rng.between(40 * MINUTE, now - sessionStart - 70 * MINUTE));
    changes.push({ presence: "AWAY", at: breakStart }, { presence: "ONLINE", at: breakStart + Math.round(rng.between(10, 35)) * MINUTE });
  }
  const lastChange = changes[changes.length - 1]!.at;
  if (presence !== "ONLINE") {
    changes.push({ presence, at: Math.max(lastChange + MINUTE, now - Math.round(rng.between(2, 25)) * MINUTE) });
  }
  changes.forEach((change, i) => {
    intervals.push({ userId, presence: change.presence, startedAt: change.at, endedAt: changes[i + 1]?.at ?? null });
  });
  return {
    presence,
    presenceChangedAt: changes[changes.length - 1]!.at,
    lastSeenAt: now - Math.round(rng.between(0, 60)) * 1000,
    lastLoginAt: sessionStart,
    sessions: [{ start: sessionStart, end: now }],
  };
}

function signedOut(userId: number, now: number, todayStart: number, rng: Random, intervals: PresenceInterval[]): PresenceState {
  // an early shift that ended before now, if today has had room for one (shifts start from 08:00 Beijing)
  const earliest = todayStart + 8 * HOUR;
  const latestEnd = now - 10 * MINUTE;
  if (latestEnd - earliest > 2 * HOUR && rng.chance(0.45)) {
    const start = earliest + Math.round(rng.between(0, Math.min(2 * HOUR, latestEnd - earliest - 2 * HOUR)));
    const end = start + Math.round(rng.between(1 * HOUR, Math.min(8 * HOUR, latestEnd - start)));
    intervals.push({ userId, presence: "ONLINE", startedAt: start, endedAt: end }, { userId, presence: "OFFLINE", startedAt: end, endedAt: null });
    return { presence: "OFFLINE", presenceChangedAt: end, lastSeenAt: end, lastLoginAt: start, sessions: [{ start, end }] };
  }
  const lastSeenAt = now - Math.round(rng.between(14 * HOUR, 4 * DAY));
  return { presence: "OFFLINE", presenceChangedAt: lastSeenAt, lastSeenAt, lastLoginAt: lastSeenAt - Math.round(rng.between(2, 9) * HOUR), sessions: [] };
}

/** True when the agent was signed in at `at`, for instants today; earlier days have no presence data. */
export function availabilityFrom(plan: PresencePlan, now: number) {
  const todayStart = beijingDayStart(now);
  return (agentId: number, at: number): boolean => {
    if (at < todayStart) return true;
    const sessions = plan.states.get(agentId)?.sessions ?? [];
    return sessions.some((s) => at >= s.start && at <= s.end);
  };
}

export type OpenOutcome = "OPEN_BOT" | "OPEN_QUEUED" | "OPEN_ACTIVE" | "OPEN_PAUSED";

export interface OpenSlot {
  outcome: OpenOutcome;
  team: TeamRef | null;
  agent: AgentRef | null;
}

export interface OpenTargets {
  bot: number;
  queued: number;
  /** ACTIVE + PAUSED */
  assigned: number;
  paused: number;
}

export const DEFAULT_OPEN_TARGETS: OpenTargets = { bot: 6, queued: 15, assigned: 48, paused: 8 };

/** Teams whose queue is backed up right now. */
const QUEUE_TEAMS: readonly TeamKey[] = ["aftersales", "vip"];

export function planOpenSlots(staff: readonly StaffMember[], presence: PresencePlan, teams: readonly TeamRef[], targets: OpenTargets): OpenSlot[] {
  const rng = Random.for("open-floor");
  const agentRefs = new Map(teams.flatMap((team) => team.agents.map((agent) => [agent.id, agent] as const)));
  const teamsOf = (userId: number) => teams.filter((team) => team.agents.some((agent) => agent.id === userId));
  const working = staff.filter((s) => {
    const p = presence.states.get(s.id)?.presence;
    return s.definition.role === "AGENT" && (p === "ONLINE" || p === "BUSY") && agentRefs.has(s.id);
  });

  const load = new Map<number, number>();
  const queueTeamIds = new Set(teams.filter((t) => t.key && QUEUE_TEAMS.includes(t.key)).map((t) => t.id));
  for (const member of working) {
    const online = presence.states.get(member.id)?.presence === "ONLINE";
    const fixed = FIXED_LOAD[member.definition.employeeNo];
    if (fixed !== undefined) load.set(member.id, Math.min(fixed, member.maxConcurrent - 1));
    else if (online && teamsOf(member.id).some((team) => queueTeamIds.has(team.id))) load.set(member.id, member.maxConcurrent);
  }
  // spread the rest over the other signed-in agents, leaving ONLINE agents a free slot
  const others = rng.shuffle(working.filter((member) => !load.has(member.id) && FIXED_LOAD[member.definition.employeeNo] === undefined));
  let total = [...load.values()].reduce((sum, n) => sum + n, 0);
  let progress = true;
  while (total < targets.assigned && progress) {
    progress = false;
    for (const member of others) {
      if (total >= targets.assigned) break;
      const current = load.get(member.id) ?? 0;
      const limit = presence.states.get(member.id)?.presence === "ONLINE" ? member.maxConcurrent - 1 : member.maxConcurrent;
      if (current < limit && rng.chance(0.7)) {
        load.set(member.id, current + 1);
        total++;
        progress = true;
      }
    }
  }

  const assigned: OpenSlot[] = [];
  for (const member of working) {
    const agent = agentRefs.get(member.id)!;
    const memberTeams = teamsOf(member.id);
    for (let i = 0; i < (load.get(member.id) ?? 0); i++) {
      assigned.push({ outcome: "OPEN_ACTIVE", team: rng.pick(memberTeams), agent });
    }
  }
  const pausedShare = targets.assigned > 0 ? targets.paused / targets.assigned : 0;
  const pausedCount = Math.round(assigned.length * pausedShare);
  for (const slot of rng.shuffle([...assigned]).slice(0, pausedCount)) slot.outcome = "OPEN_PAUSED";

  const queueTeams = teams.filter((t) => queueTeamIds.has(t.id) && t.agents.length > 0);
  const queued: OpenSlot[] = [];
  for (let i = 0; i < targets.queued && queueTeams.length > 0; i++) {
    // two of every three waiting conversations are for 售后服务
    const team = queueTeams.length > 1 && i % 3 === 2 ? queueTeams[1]! : queueTeams[0]!;
    queued.push({ outcome: "OPEN_QUEUED", team, agent: null });
  }
  const bots: OpenSlot[] = Array.from({ length: targets.bot }, () => ({ outcome: "OPEN_BOT", team: null, agent: null }));
  return [...bots, ...queued, ...assigned];
}
