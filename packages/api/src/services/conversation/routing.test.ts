import { createDb, type Db } from "@kefu/db/client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { publish } from "../../realtime/pusher.ts";
import { routeQueued } from "./routing.ts";
import { makeAgent, makeConversation, makeTeam, quiesce } from "./test-fixtures.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await quiesce(h);
  vi.mocked(publish).mockClear();
});
afterAll(async () => {
  await h.database.drop();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("routing rules", () => {
  it("assigns the oldest highest-priority conversation first, writing the assignment with its event, message, timer and realtime events", async () => {
    const team = await makeTeam(h.db, { replyTimeoutSeconds: 120 });
    const a = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 0, queuedAt: minutesAgo(10) });
    const b = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 2, queuedAt: minutesAgo(1) });
    const c = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 2, queuedAt: minutesAgo(5) });
    const d = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 0, queuedAt: minutesAgo(20) });
    const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 1 });

    const order: number[] = [];
    for (let capacity = 1; capacity <= 4; capacity++) {
      await h.db.user.update({ where: { id: agent.id }, data: { maxConcurrent: capacity } });
      const made = await routeQueued(h.db, { teamId: team.id });
      expect(made).toHaveLength(1);
      order.push(made[0]!.conversationId);
    }
    expect(order).toEqual([c.id, b.id, d.id, a.id]);

    const row = await h.db.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
    expect(row.assignedAt).not.toBeNull();
    const events = await h.db.conversationEvent.findMany({ where: { conversationId: c.id } });
    expect(events).toMatchObject([{ type: "ASSIGNED", fromStatus: "QUEUED", toStatus: "ACTIVE", toUserId: agent.id, toTeamId: team.id }]);
    const system = await h.db.message.findFirstOrThrow({ where: { conversationId: c.id } });
    expect(system).toMatchObject({ senderType: "SYSTEM", kind: "EVENT" });
    expect(JSON.parse(system.body)).toMatchObject({ key: "conversation.assigned", params: { agentName: agent.name } });
    expect(row.lastMessageId).toBe(system.id);
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${c.id}:` } },
    });
    expect(job.dedupeKey).toBe(`conversation.replyTimeout:${c.id}:${events[0]!.id}`);
    expect(job.runAt.getTime() - row.assignedAt!.getTime()).toBe(120_000);

    const calls = vi.mocked(publish).mock.calls;
    expect(calls).toContainEqual([`private-agent-${agent.id}`, "conversation.assigned", { id: c.id, status: "ACTIVE" }]);
    expect(calls).toContainEqual([
      expect.arrayContaining([`private-conversation-${c.id}`, "private-monitor", `private-team-${team.id}`]),
      "conversation.updated",
      { id: c.id, status: "ACTIVE", assigneeId: agent.id, teamId: team.id },
    ]);
    expect(calls).toContainEqual([["private-monitor", `private-team-${team.id}`], "queue.changed", { teamId: team.id, queued: 3 }]);
  });

  it("gives a team's conversation only to its members, and one without a team to a member of any team", async () => {
    const [t1, t2] = [await makeTeam(h.db), await makeTeam(h.db)];
    const inT1 = await makeAgent(h.db, { teamIds: [t1.id] });
    const inT2 = await makeAgent(h.db, { teamIds: [t2.id] });
    const noTeam = await makeAgent(h.db, { teamIds: [] });
    const x = await makeConversation(h.db, { status: "QUEUED", teamId: t1.id, queuedAt: minutesAgo(3) });
    const y = await makeConversation(h.db, { status: "QUEUED", teamId: t2.id, queuedAt: minutesAgo(2) });
    const z = await makeConversation(h.db, { status: "QUEUED", teamId: null, queuedAt: minutesAgo(1) });
    await routeQueued(h.db);
    const rows = await h.db.conversation.findMany({ where: { id: { in: [x.id, y.id, z.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.assigneeId)).toEqual([inT1.id, inT2.id, expect.any(Number)]);
    expect([inT1.id, inT2.id]).toContain(rows[2]!.assigneeId);
    expect(await h.db.conversation.count({ where: { assigneeId: noTeam.id } })).toBe(0);
  });

  it("routes to ONLINE, enabled agents only — and an agent going online is routed at once", async () => {
    const team = await makeTeam(h.db);
    await makeAgent(h.db, { teamIds: [team.id], presence: "AWAY" });
    await makeAgent(h.db, { teamIds: [team.id], presence: "BUSY" });
    await makeAgent(h.db, { teamIds: [team.id], presence: "OFFLINE" });
    await makeAgent(h.db, { teamIds: [team.id], role: "SUPERVISOR" });
    const disabled = await makeAgent(h.db, { teamIds: [team.id] });
    await h.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const waiting = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    expect(await routeQueued(h.db)).toEqual([]);
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("QUEUED");

    const late = await makeAgent(h.db, { teamIds: [team.id], presence: "OFFLINE" });
    await h.callerFor(late).auth.setPresence({ presence: "ONLINE" });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "ACTIVE", assigneeId: late.id });
  });

  it("never goes over maxConcurrent, counting paused conversations as held", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 3 });
    await makeConversation(h.db, { status: "PAUSED", teamId: team.id, assigneeId: agent.id });
    for (let i = 0; i < 5; i++) await makeConversation(h.db, { status: "QUEUED", teamId: team.id, queuedAt: minutesAgo(10 - i) });
    expect(await routeQueued(h.db, { teamId: team.id })).toHaveLength(2);
    expect(await h.db.conversation.count({ where: { assigneeId: agent.id, status: { in: ["ACTIVE", "PAUSED"] } } })).toBe(3);
    expect(await h.db.conversation.count({ where: { teamId: team.id, status: "QUEUED" } })).toBe(3);
  });

  it("gives the conversation to the agent with the fewest open conversations, then to the one idle longest", async () => {
    const team = await makeTeam(h.db);
    const busy = await makeAgent(h.db, { teamIds: [team.id] });
    const lighter = await makeAgent(h.db, { teamIds: [team.id] });
    for (let i = 0; i < 2; i++) await makeConversation(h.db, { status: "ACTIVE", teamId: team.id, assigneeId: busy.id });
    await makeConversation(h.db, { status: "ACTIVE", teamId: team.id, assigneeId: lighter.id });
    const first = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    await routeQueued(h.db, { teamId: team.id });
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: first.id } })).assigneeId).toBe(lighter.id);

    const recentlyServed = await makeAgent(h.db, { teamIds: [team.id], presenceChangedAt: minutesAgo(120) });
    const idleLonger = await makeAgent(h.db, { teamIds: [team.id], presenceChangedAt: minutesAgo(1) });
    const past = await makeConversation(h.db, { status: "RESOLVED", teamId: team.id, assigneeId: recentlyServed.id });
    await h.db.conversationEvent.create({ data: { conversationId: past.id, type: "ASSIGNED", toUserId: recentlyServed.id, at: minutesAgo(5) } });
    const older = await makeConversation(h.db, { status: "RESOLVED", teamId: team.id, assigneeId: idleLonger.id });
    await h.db.conversationEvent.create({ data: { conversationId: older.id, type: "ASSIGNED", toUserId: idleLonger.id, at: minutesAgo(90) } });
    const second = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    await routeQueued(h.db, { teamId: team.id });
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: second.id } })).assigneeId).toBe(idleLonger.id);
  });

  it("leaves a team with automatic assignment off to its supervisors, while other queues move", async () => {
    const manual = await makeTeam(h.db, { autoAssign: false });
    const auto = await makeTeam(h.db);
    await makeAgent(h.db, { teamIds: [manual.id, auto.id] });
    const held = await makeConversation(h.db, { status: "QUEUED", teamId: manual.id, priority: 5 });
    const moved = await makeConversation(h.db, { status: "QUEUED", teamId: auto.id });
    const made = await routeQueued(h.db);
    expect(made.map((m) => m.conversationId)).toEqual([moved.id]);
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("QUEUED");
  });
});

describe("routing under concurrency", () => {
  let pool: Db[] = [];
  afterAll(async () => {
    await Promise.all(pool.map((db) => db.$disconnect()));
  });

  it("never assigns a conversation twice nor beyond capacity, with routers on many connections at once", async () => {
    const teams = [await makeTeam(h.db), await makeTeam(h.db), await makeTeam(h.db)];
    const capacities = [1, 2, 3, 4, 5, 6, 8, 2, 3, 1];
    const agents: { id: number; maxConcurrent: number; teamIds: number[] }[] = [];
    for (let i = 0; i < 30; i++) {
      // every fifth agent also works in the next team
      const teamIds = [teams[i % 3]!.id, ...(i % 5 === 0 ? [teams[(i + 1) % 3]!.id] : [])];
      const maxConcurrent = capacities[i % capacities.length]!;
      const agent = await makeAgent(h.db, { teamIds, maxConcurrent, presenceChangedAt: minutesAgo(i) });
      agents.push({ id: agent.id, maxConcurrent, teamIds });
    }
    // present but not eligible: never assigned
    const ineligible = [
      await makeAgent(h.db, { teamIds: [teams[0]!.id], presence: "AWAY", maxConcurrent: 10 }),
      await makeAgent(h.db, { teamIds: [teams[1]!.id], presence: "BUSY", maxConcurrent: 10 }),
      await makeAgent(h.db, { teamIds: [teams[2]!.id], role: "SUPERVISOR", maxConcurrent: 10 }),
    ];

    const customer = await h.db.customer.create({ data: { name: "并发客户" } });
    const base = Date.now() - 3_600_000;
    await h.db.conversation.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        customerId: customer.id,
        channel: "WEB" as const,
        status: "QUEUED" as const,
        teamId: i % 10 === 9 ? null : teams[i % 3]!.id,
        priority: i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0,
        queuedAt: new Date(base + i * 1000),
      })),
    });
    const queued = await h.db.conversation.findMany({ where: { status: "QUEUED", customerId: customer.id }, select: { id: true } });
    expect(queued).toHaveLength(300);

    pool = Array.from({ length: 4 }, () => createDb(h.database.url, 5));
    const storm = async () => {
      const started = performance.now();
      // 12 routers at once over 20 connections: all queues, single teams and the team-less queue
      const calls = Array.from({ length: 12 }, (_, i) =>
        routeQueued(pool[i % pool.length]!, i % 4 === 0 ? {} : i % 4 === 3 ? { teamId: null } : { teamId: teams[i % 3]!.id }),
      );
      const results = await Promise.all(calls);
      return { ms: Math.round(performance.now() - started), perCall: results.map((r) => r.length), total: results.reduce((n, r) => n + r.length, 0) };
    };

    const check = async (expectedAssigned: number) => {
      const ids = queued.map((c) => c.id);
      const duplicates = await h.db.conversationEvent.groupBy({
        by: ["conversationId"],
        where: { conversationId: { in: ids }, type: "ASSIGNED" },
        _count: { _all: true },
        having: { conversationId: { _count: { gt: 1 } } },
      });
      expect(duplicates).toEqual([]);
      const active = await h.db.conversation.findMany({ where: { id: { in: ids }, status: "ACTIVE" }, select: { id: true, assigneeId: true, teamId: true } });
      const assignedEvents = await h.db.conversationEvent.findMany({
        where: { conversationId: { in: ids }, type: "ASSIGNED" },
        select: { conversationId: true, toUserId: true },
      });
      expect(assignedEvents).toHaveLength(active.length);
      const byConversation = new Map(assignedEvents.map((e) => [e.conversationId, e.toUserId]));
      for (const c of active) expect(byConversation.get(c.id), `conversation ${c.id}`).toBe(c.assigneeId);
      expect(active).toHaveLength(expectedAssigned);

      const byAgent = new Map(agents.map((a) => [a.id, a]));
      const held = new Map<number, number>();
      for (const c of active) {
        const agent = byAgent.get(c.assigneeId!);
        expect(agent, `assignee ${c.assigneeId} is eligible`).toBeDefined();
        if (c.teamId !== null) expect(agent!.teamIds).toContain(c.teamId);
        held.set(c.assigneeId!, (held.get(c.assigneeId!) ?? 0) + 1);
      }
      for (const agent of agents) expect(held.get(agent.id) ?? 0, `agent ${agent.id}`).toBeLessThanOrEqual(agent.maxConcurrent);
      for (const agent of ineligible) expect(held.get(agent.id) ?? 0).toBe(0);
      const timers = await h.db.job.count({ where: { type: "conversation.replyTimeout", dedupeKey: { not: null } } });
      expect(timers).toBeGreaterThanOrEqual(active.length);
      return { held };
    };

    const capacity = agents.reduce((n, a) => n + a.maxConcurrent, 0);
    const first = [await storm(), await storm(), await storm()];
    const expectedFirst = Math.min(300, capacity);
    await check(expectedFirst);
    expect(first.reduce((n, s) => n + s.total, 0)).toBe(expectedFirst);

    // more room than work: everything left in the queue is assigned
    await h.db.user.updateMany({ where: { id: { in: agents.map((a) => a.id) } }, data: { maxConcurrent: 20 } });
    for (const agent of agents) agent.maxConcurrent = 20;
    const second = [await storm(), await storm()];
    await check(Math.min(300, agents.length * 20));
    expect(second.reduce((n, s) => n + s.total, 0)).toBe(300 - expectedFirst);

    console.info(
      `[routing concurrency] 300 queued, ${agents.length} agents, capacity ${capacity} then ${agents.length * 20}; ` +
        `phase 1 assigned ${expectedFirst} in storms of 12 routers: ${first.map((s) => `${s.total} in ${s.ms} ms`).join(", ")} ` +
        `(per router, first storm: ${first[0]!.perCall.join("/")}); phase 2 assigned ${300 - expectedFirst}: ${second.map((s) => `${s.total} in ${s.ms} ms`).join(", ")}`,
    );
  }, 180_000);
});
