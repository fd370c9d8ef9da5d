/**
 * Routing: the oldest highest-priority QUEUED conversation goes to an ONLINE, enabled agent
 * (role AGENT) who is a member of its team — of any team when it has none — and holds fewer open (ACTIVE +
 * PAUSED) conversations than maxConcurrent; the fewest open conversations wins, ties go to the agent idle
 * longest (oldest last assignment), then to the one online longest. Teams with autoAssign off are left to
 * supervisors. An agent whose reply timed out on a conversation is not given that conversation again. A conversation
 * its team's overflow rule has offered to a backup team (overflow.ts) may go to that team's agents too.
 *
 * How it stays correct with many routers at once (web instances, workers):
 * - each assignment is one READ COMMITTED transaction that locks the conversation row
 *   (`FOR UPDATE SKIP LOCKED`, re-checking status = QUEUED) and then the chosen agent's User row
 *   (`FOR UPDATE SKIP LOCKED`), re-reading presence and counting open conversations under that lock;
 * - every other path that gives an agent a conversation (transfer, reassign, reopen) locks the same User row
 *   first, so capacity checks are serialised per agent and nobody exceeds maxConcurrent;
 * - a conversation row is held by one router at a time and assigned only while still QUEUED, so it is never
 *   assigned twice and two agents never get it;
 * - SKIP LOCKED means routers never wait on each other (no deadlocks between routers): a router that meets
 *   a row another router holds moves on and, when it made no progress for that reason alone, retries shortly.
 */
import { Prisma, type Db } from "@kefu/db/client";
import { logger } from "../../logger.ts";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { getSetting } from "../settings/index.ts";
import { tryLockAgent } from "./capacity.ts";
import { overflowTeamOf, withOverflowTeam } from "./overflow-queue.ts";
import { scheduleReplyTimeout } from "./scheduling.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendSystemMessage } from "./timeline.ts";

export interface RouteOptions {
  /** only this team's queue (null: conversations without a team); all queues when omitted */
  teamId?: number | null;
  /** at most this many assignments in one call */
  limit?: number;
}

export interface Assignment {
  conversationId: number;
  agentId: number;
  teamId: number | null;
  eventId: number;
}

type AttemptResult =
  | { kind: "assigned"; assignment: Assignment }
  /** the conversation is held by another router, or no longer queued */
  | { kind: "skipped" }
  /** every eligible agent is full (for a conversation with no exclusions: the whole team is) */
  | { kind: "no_agent"; teamWide: boolean }
  /** an eligible agent's row was held by another transaction: capacity may still be there */
  | { kind: "agents_busy" };

const CANDIDATE_BATCH = 50;
const MAX_BUSY_ROUNDS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CandidateAgent {
  id: number;
}

/** Eligible agents with a free slot, best first. */
async function candidateAgents(tx: Tx, conversationId: number, teamId: number | null): Promise<CandidateAgent[]> {
  const membership = teamId === null ? Prisma.empty : Prisma.sql`AND (tm.teamId = ${teamId} OR tm.teamId = ${withOverflowTeam(conversationId)})`;
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      SELECT u.id, u.maxConcurrent, u.presenceChangedAt,
        (SELECT COUNT(*) FROM \`Conversation\` c WHERE c.assigneeId = u.id AND c.status IN ('ACTIVE', 'PAUSED')) AS openCount,
        (SELECT MAX(e.at) FROM \`ConversationEvent\` e WHERE e.toUserId = u.id) AS lastAssignedAt
      FROM \`User\` u
      WHERE u.role = 'AGENT' AND u.presence = 'ONLINE' AND u.disabledAt IS NULL
        AND EXISTS (SELECT 1 FROM \`TeamMember\` tm WHERE tm.userId = u.id ${membership})
        AND u.id NOT IN (
          SELECT r.fromUserId FROM \`ConversationEvent\` r
          WHERE r.conversationId = ${conversationId} AND r.type = 'REQUEUED' AND r.fromUserId IS NOT NULL)
    ) candidate
    WHERE openCount < maxConcurrent
    ORDER BY openCount ASC, lastAssignedAt ASC, presenceChangedAt ASC, id ASC
    LIMIT 10`;
  return rows.map((r) => ({ id: Number(r.id) }));
}

async function hasExclusions(tx: Tx, conversationId: number): Promise<boolean> {
  return (await tx.conversationEvent.count({ where: { conversationId, type: "REQUEUED", fromUserId: { not: null } } })) > 0;
}

async function tryAssign(db: Db, conversationId: number, replyTimeoutSeconds: number): Promise<AttemptResult> {
  return runUnitOfWork(db, async (uow): Promise<AttemptResult> => {
    const { tx } = uow;
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM \`Conversation\` WHERE id = ${conversationId} AND status = 'QUEUED' FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return { kind: "skipped" };
    const conversation = await tx.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { id: true, status: true, teamId: true, lastMessageId: true },
    });
    const to = nextStatus("assign", conversation.status);
    const agents = await candidateAgents(tx, conversation.id, conversation.teamId);
    let sawBusy = false;
    for (const candidate of agents) {
      const agent = await tryLockAgent(tx, candidate.id);
      if (agent === "busy") {
        sawBusy = true;
        continue;
      }
      if (!agent || agent.role !== "AGENT" || agent.disabledAt || agent.presence !== "ONLINE" || agent.open >= agent.maxConcurrent) continue;

      const at = new Date();
      await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, assigneeId: agent.id, assignedAt: at } });
      const state = { id: conversation.id, status: to, assigneeId: agent.id, teamId: conversation.teamId };
      const eventId = await addEvent(
        uow,
        state,
        { type: "ASSIGNED", fromStatus: "QUEUED", toStatus: to, toUserId: agent.id, toTeamId: conversation.teamId },
        at,
      );
      const message = await appendSystemMessage(uow, state, "conversation.assigned", at, {
        params: { agentName: agent.name, employeeNo: agent.employeeNo },
        unreadFor: agent.id,
      });
      await scheduleReplyTimeout(
        tx,
        { conversationId: conversation.id, assigneeId: agent.id, eventId, afterMessageId: message.id },
        conversation.teamId,
        replyTimeoutSeconds,
        at,
      );
      return { kind: "assigned", assignment: { conversationId: conversation.id, agentId: agent.id, teamId: conversation.teamId, eventId } };
    }
    if (sawBusy) return { kind: "agents_busy" };
    // with exclusions or a backup team, this conversation's candidates are not its team's
    const teamWide = !(await hasExclusions(tx, conversation.id)) && (await overflowTeamOf(tx, conversation.id)) === null;
    return { kind: "no_agent", teamWide };
  });
}

interface QueueScope {
  /** teams whose agents are all taken (or autoAssign off): their conversations wait, unless offered to a backup team */
  exhaustedTeams: ReadonlySet<number>;
  /** autoAssign off: never routed, overflow or not */
  manualTeams: ReadonlySet<number>;
  exhaustedTeamless: boolean;
  skipped: ReadonlySet<number>;
}

/** `c` is the queued conversation, `o` its current overflow (NULL columns when it has none). */
function queueFilter(options: RouteOptions, scope: QueueScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (options.teamId === null) parts.push(Prisma.sql`AND c.teamId IS NULL`);
  else if (options.teamId !== undefined) parts.push(Prisma.sql`AND (c.teamId = ${options.teamId} OR o.backupTeamId = ${options.teamId})`);
  if (scope.exhaustedTeams.size > 0)
    parts.push(Prisma.sql`AND (c.teamId IS NULL OR c.teamId NOT IN (${Prisma.join([...scope.exhaustedTeams])}) OR o.backupTeamId IS NOT NULL)`);
  if (scope.manualTeams.size > 0) parts.push(Prisma.sql`AND (c.teamId IS NULL OR c.teamId NOT IN (${Prisma.join([...scope.manualTeams])}))`);
  if (scope.exhaustedTeamless) parts.push(Prisma.sql`AND c.teamId IS NOT NULL`);
  if (scope.skipped.size > 0) parts.push(Prisma.sql`AND c.id NOT IN (${Prisma.join([...scope.skipped])})`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/**
 * Assigns queued conversations until every queue is empty or has no eligible agent with a free slot.
 * Returns the assignments this call made; each assignment's events go to the subscribers once it commits.
 */
export async function routeQueued(db: Db, options: RouteOptions = {}): Promise<Assignment[]> {
  const limit = options.limit ?? 500;
  const [routing, manualTeams] = await Promise.all([getSetting(db, "routing"), db.team.findMany({ where: { autoAssign: false }, select: { id: true } })]);
  const exhaustedTeams = new Set(manualTeams.map((t) => t.id));
  const scope = { exhaustedTeams, manualTeams: new Set(exhaustedTeams), exhaustedTeamless: false, skipped: new Set<number>() };
  /** conversations with no agent of their own (exclusions after reply timeouts, a backup team), left for this call */
  const skipped = scope.skipped;
  const assignments: Assignment[] = [];
  let busyRounds = 0;

  while (assignments.length < limit) {
    const candidates = await db.$queryRaw<{ id: number; teamId: number | null; backupTeamId: number | null }[]>`
      SELECT c.id, c.teamId, o.backupTeamId FROM \`Conversation\` c
      LEFT JOIN \`ConversationOverflow\` o ON o.conversationId = c.id AND o.queuedAt = c.queuedAt
      WHERE c.status = 'QUEUED' ${queueFilter(options, scope)}
      ORDER BY c.priority DESC, c.queuedAt ASC, c.id ASC
      LIMIT ${CANDIDATE_BATCH}`;
    if (candidates.length === 0) break;

    let progressed = false;
    let busy = false;
    for (const candidate of candidates) {
      if (assignments.length >= limit) break;
      const teamId = candidate.teamId === null ? null : Number(candidate.teamId);
      const overflowed = candidate.backupTeamId !== null;
      if (teamId === null ? scope.exhaustedTeamless : exhaustedTeams.has(teamId) && !overflowed) continue;
      const result = await tryAssign(db, Number(candidate.id), routing.replyTimeoutSeconds);
      if (result.kind === "assigned") {
        progressed = true;
        assignments.push(result.assignment);
      } else if (result.kind === "no_agent") {
        if (!result.teamWide) skipped.add(Number(candidate.id));
        else if (teamId === null) scope.exhaustedTeamless = true;
        else exhaustedTeams.add(teamId);
      } else {
        // another router holds the conversation or an agent: it may leave capacity we can still use
        busy = true;
      }
    }
    if (progressed) {
      busyRounds = 0;
      continue;
    }
    if (!busy || ++busyRounds > MAX_BUSY_ROUNDS) break;
    await sleep(5 + Math.random() * 15);
  }
  return assignments;
}

/** Routing after a committed change: never throws (the change stands; the outbox routing job retries). */
export async function triggerRouting(db: Db, options: RouteOptions = {}): Promise<Assignment[]> {
  try {
    return await routeQueued(db, options);
  } catch (error) {
    logger.error({ err: error, teamId: options.teamId }, "routing failed");
    return [];
  }
}
