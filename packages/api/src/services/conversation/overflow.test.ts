/** Overflow into a backup team (overflow.ts): by wait, by queue length, once per queue stint, and never "anyone free". */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { applyOverflowRules } from "./overflow.ts";
import { routeQueued } from "./routing.ts";
import { makeAgent, makeConversation, makeTeam, quiesce } from "./test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await quiesce(h);
  await h.db.teamOverflow.deleteMany();
});
afterAll(async () => {
  await h.database.drop();
});

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

async function teamsWithBackupAgent() {
  const [busy, backup] = [await makeTeam(h.db), await makeTeam(h.db)];
  // the busy team's only agent is full; the backup team has a free agent
  await makeAgent(h.db, { teamIds: [busy.id], maxConcurrent: 0 });
  const helper = await makeAgent(h.db, { teamIds: [backup.id] });
  return { busy, backup, helper };
}

const statusOf = (id: number) => h.db.conversation.findUniqueOrThrow({ where: { id }, select: { status: true, assigneeId: true, teamId: true } });

describe("overflow", () => {
  it("never gives a team's conversation to another team's free agent without an overflow rule", async () => {
    const { busy, helper } = await teamsWithBackupAgent();
    const waiting = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(3600) });
    expect(await routeQueued(h.db)).toEqual([]);
    expect(await applyOverflowRules(h.db)).toEqual({ overflowed: [], assignments: [] });
    expect(await statusOf(waiting.id)).toEqual({ status: "QUEUED", assigneeId: null, teamId: busy.id });
    expect(await h.db.conversation.count({ where: { assigneeId: helper.id } })).toBe(0);
  });

  it("offers a conversation that waited past the threshold to the backup team, records it, and its agent takes it", async () => {
    const { busy, backup, helper } = await teamsWithBackupAgent();
    await h.db.teamOverflow.create({ data: { teamId: busy.id, backupTeamId: backup.id, waitSeconds: 120, queueLength: null } });
    const long = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(300) });
    const fresh = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(30) });

    const result = await applyOverflowRules(h.db);
    expect(result.overflowed).toEqual([{ conversationId: long.id, teamId: busy.id, backupTeamId: backup.id, reason: "wait" }]);
    expect(result.assignments).toMatchObject([{ conversationId: long.id, agentId: helper.id }]);
    // it stays the busy team's conversation, taken by the backup team's agent
    expect(await statusOf(long.id)).toEqual({ status: "ACTIVE", assigneeId: helper.id, teamId: busy.id });
    expect(await statusOf(fresh.id)).toEqual({ status: "QUEUED", assigneeId: null, teamId: busy.id });
    const event = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId: long.id, type: "OVERFLOWED" } });
    expect(event).toMatchObject({ fromTeamId: busy.id, toTeamId: backup.id, fromStatus: null, toStatus: null });
    expect(event.detail).toMatchObject({ reason: "wait", threshold: 120, queueLength: 2 });
    expect((event.detail as { waitedSeconds: number }).waitedSeconds).toBeGreaterThanOrEqual(300);

    expect(await h.callerFor(h.users.ADMIN).routing.explainConversation({ id: long.id })).toMatchObject({
      overflow: { backupTeam: { id: backup.id, name: backup.name }, reason: "wait", threshold: 120 },
    });
  });

  it("offers the head of a queue longer than the limit, once per queue stint", async () => {
    const { busy, backup } = await teamsWithBackupAgent();
    await h.db.user.updateMany({ where: { teams: { some: { teamId: backup.id } } }, data: { presence: "OFFLINE" } });
    await h.db.teamOverflow.create({ data: { teamId: busy.id, backupTeamId: backup.id, waitSeconds: null, queueLength: 2 } });
    const queue = [];
    for (const age of [50, 40, 30, 20]) queue.push(await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(age) }));

    const first = await applyOverflowRules(h.db);
    expect(first.overflowed.map((o) => [o.conversationId, o.reason])).toEqual([
      [queue[0]!.id, "queue_length"],
      [queue[1]!.id, "queue_length"],
    ]);
    expect(first.assignments).toEqual([]);
    const event = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId: queue[0]!.id, type: "OVERFLOWED" } });
    expect(event.detail).toMatchObject({ reason: "queue_length", threshold: 2, queueLength: 4 });
    // applied again: nothing new
    expect((await applyOverflowRules(h.db)).overflowed).toEqual([]);
    expect(await h.db.conversationEvent.count({ where: { type: "OVERFLOWED", conversationId: { in: queue.map((c) => c.id) } } })).toBe(2);

    // a backup agent coming online takes the offered conversations only, oldest first
    const late = await makeAgent(h.db, { teamIds: [backup.id] });
    const made = await routeQueued(h.db, { teamId: backup.id });
    expect(made.map((a) => [a.conversationId, a.agentId])).toEqual([
      [queue[0]!.id, late.id],
      [queue[1]!.id, late.id],
    ]);
    expect(await statusOf(queue[2]!.id)).toMatchObject({ status: "QUEUED" });
  });

  it("forgets an overflow when the conversation enters a queue again", async () => {
    const { busy, backup } = await teamsWithBackupAgent();
    await h.db.user.updateMany({ where: { teams: { some: { teamId: backup.id } } }, data: { presence: "OFFLINE" } });
    await h.db.teamOverflow.create({ data: { teamId: busy.id, backupTeamId: backup.id, waitSeconds: 60, queueLength: null } });
    const waiting = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(120) });
    expect((await applyOverflowRules(h.db)).overflowed).toHaveLength(1);
    // requeued now (a new stint): the backup team is not offered it until it waits past the threshold again
    await h.db.conversation.update({ where: { id: waiting.id }, data: { queuedAt: new Date() } });
    await makeAgent(h.db, { teamIds: [backup.id] });
    expect(await routeQueued(h.db, { teamId: backup.id })).toEqual([]);
    expect((await applyOverflowRules(h.db)).overflowed).toEqual([]);
    expect(await statusOf(waiting.id)).toMatchObject({ status: "QUEUED", assigneeId: null });
  });

  it("routes both teams' queues correctly in one pass: an overflowed conversation is not held back by its full team", async () => {
    const { busy, backup, helper } = await teamsWithBackupAgent();
    await h.db.teamOverflow.create({ data: { teamId: busy.id, backupTeamId: backup.id, waitSeconds: 60, queueLength: null } });
    // a newer, higher-priority conversation of the busy team is tried first and finds the team full
    const vip = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, priority: 2, queuedAt: secondsAgo(10) });
    const old = await makeConversation(h.db, { status: "QUEUED", teamId: busy.id, queuedAt: secondsAgo(600) });
    await h.db.user.update({ where: { id: helper.id }, data: { presence: "OFFLINE" } });
    expect((await applyOverflowRules(h.db)).overflowed.map((o) => o.conversationId)).toEqual([old.id]);
    await h.db.user.update({ where: { id: helper.id }, data: { presence: "ONLINE" } });
    const made = await routeQueued(h.db);
    expect(made.map((a) => a.conversationId)).toEqual([old.id]);
    expect(await statusOf(vip.id)).toMatchObject({ status: "QUEUED" });
  });
});
