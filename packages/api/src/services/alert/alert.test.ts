import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type * as QueueModule from "../../job-queue/queue.ts";
import { publish } from "../../realtime/pusher.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { handoffToQueue } from "../conversation/handoff.ts";
import { makeAgent, makeConversation, makeTeam } from "../conversation/test-fixtures.ts";
import { writeStory } from "../monitor/test-stories.ts";
import { evaluateAlerts, PUSH_ALERT_JOB, setLiveAlertEvaluation } from "./evaluate.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));
const flags = vi.hoisted(() => ({ failNextEnqueue: false }));
vi.mock("../../job-queue/queue.ts", async (importOriginal) => {
  const original = await importOriginal<typeof QueueModule>();
  return {
    ...original,
    enqueueJob: (...args: Parameters<typeof original.enqueueJob>) => {
      if (flags.failNextEnqueue) {
        flags.failNextEnqueue = false;
        return Promise.reject(new Error("outbox unavailable"));
      }
      return original.enqueueJob(...args);
    },
  };
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});
afterEach(async () => {
  setLiveAlertEvaluation(false);
  await h.db.monitorAlertRule.deleteMany({});
  await h.db.conversation.updateMany({ where: { status: { in: ["QUEUED", "BOT", "ACTIVE", "PAUSED"] } }, data: { status: "ABANDONED" } });
  await h.db.user.updateMany({ data: { presence: "OFFLINE" } });
  vi.mocked(publish).mockClear();
});

const admin = () => h.callerFor(h.users.ADMIN);
const supervisor = () => h.callerFor(h.users.SUPERVISOR);

function published(event: string) {
  return vi
    .mocked(publish)
    .mock.calls.filter(([, name]) => name === event)
    .map(([channel, , data]) => ({ channel, data }));
}

describe("alert rules", () => {
  it("a new installation starts with the default rules, which admins change like any other", async () => {
    const defaults = await admin().alert.listRules();
    expect(defaults.map((r) => ({ metric: r.metric, threshold: r.threshold, team: r.team, enabled: r.enabled }))).toEqual([
      { metric: "QUEUE_LENGTH", threshold: 10, team: null, enabled: true },
      { metric: "LONGEST_WAIT_SECONDS", threshold: 300, team: null, enabled: true },
      { metric: "CSAT_TODAY_BELOW", threshold: 80, team: null, enabled: true },
    ]);
    const queue = defaults[0]!;
    expect(await admin().alert.updateRule({ id: queue.id, threshold: 20 })).toMatchObject({ id: queue.id, threshold: 20 });
  });

  it("admins manage rules; supervisors read them; agents see nothing", async () => {
    const team = await makeTeam(h.db);
    const rule = await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 10, teamId: team.id });
    expect(rule).toMatchObject({ metric: "QUEUE_LENGTH", threshold: 10, enabled: true, team: { id: team.id }, openEvent: null });
    expect((await supervisor().alert.listRules()).map((r) => r.id)).toEqual([rule.id]);
    expect(await outcome(() => supervisor().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 1 }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => supervisor().alert.deleteRule({ id: rule.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).alert.listRules())).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).alert.events({}))).toMatchObject({ code: "FORBIDDEN" });

    const updated = await admin().alert.updateRule({ id: rule.id, threshold: 20, teamId: null });
    expect(updated).toMatchObject({ threshold: 20, team: null });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "alert.updateRule" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: h.users.ADMIN.id, targetType: "MonitorAlertRule", targetId: String(rule.id), result: "SUCCESS" });
    await admin().alert.deleteRule({ id: rule.id });
    expect(await outcome(() => admin().alert.deleteRule({ id: rule.id }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it.each([
    ["a fractional queue length", { metric: "QUEUE_LENGTH", threshold: 2.5 }, "threshold"],
    ["a CSAT above 100 %", { metric: "CSAT_TODAY_BELOW", threshold: 150 }, "threshold"],
    ["a negative threshold", { metric: "LONGEST_WAIT_SECONDS", threshold: -5 }, "threshold"],
    ["a wait of 0 seconds", { metric: "LONGEST_WAIT_SECONDS", threshold: 0 }, "threshold"],
    ["an unknown metric", { metric: "TEMPERATURE", threshold: 5 }, "metric"],
    ["a threshold of the wrong type", { metric: "QUEUE_LENGTH", threshold: "ten" }, "threshold"],
  ])("refuses %s, naming the field, and writes nothing", async (_label, input, field) => {
    expect(await outcome(() => admin().alert.createRule(input as never))).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.monitorAlertRule.count()).toBe(0);
  });

  it("answers NOT_FOUND for an unknown team or rule, and checks a new threshold against the rule's metric", async () => {
    expect(await outcome(() => admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 3, teamId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "teamId",
    });
    expect(await outcome(() => admin().alert.updateRule({ id: 987_654, threshold: 3 }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    const rule = await admin().alert.createRule({ metric: "CSAT_TODAY_BELOW", threshold: 85.5 });
    expect(await outcome(() => admin().alert.updateRule({ id: rule.id, metric: "QUEUE_LENGTH" }))).toMatchObject({ code: "BAD_REQUEST", field: "threshold" });
    expect((await h.db.monitorAlertRule.findUniqueOrThrow({ where: { id: rule.id } })).metric).toBe("CSAT_TODAY_BELOW");
  });
});

describe("evaluation", () => {
  it("opens one event per crossing with its push job in the same transaction, and clears it when back under", async () => {
    const team = await makeTeam(h.db);
    const rule = await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 1, teamId: team.id });
    const first = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    // another team's queue does not count
    await makeConversation(h.db, { status: "QUEUED", teamId: null });
    expect(await evaluateAlerts(h.db)).toEqual({ triggered: [], cleared: [] });

    await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    const { triggered } = await evaluateAlerts(h.db);
    expect(triggered).toHaveLength(1);
    const event = await h.db.monitorAlertEvent.findUniqueOrThrow({ where: { id: triggered[0] } });
    expect(event).toMatchObject({ ruleId: rule.id, value: 2, clearedAt: null });
    const job = await h.db.job.findFirstOrThrow({ where: { type: PUSH_ALERT_JOB }, orderBy: { id: "desc" } });
    expect(job.payload).toEqual({ eventId: event.id });
    const announced = published("alert.triggered");
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({
      channel: "private-monitor",
      data: { eventId: event.id, ruleId: rule.id, metric: "QUEUE_LENGTH", threshold: 1, teamId: team.id, value: 2 },
    });

    // still above: no second event, however many evaluate at once
    await Promise.all([evaluateAlerts(h.db), evaluateAlerts(h.db), evaluateAlerts(h.db)]);
    expect(await h.db.monitorAlertEvent.count({ where: { ruleId: rule.id } })).toBe(1);
    expect((await supervisor().alert.active()).map((e) => e.id)).toEqual([event.id]);
    expect((await supervisor().alert.listRules())[0]!.openEvent).toMatchObject({ id: event.id, value: 2 });

    await h.db.conversation.update({ where: { id: first.id }, data: { status: "ABANDONED" } });
    const { cleared } = await evaluateAlerts(h.db);
    expect(cleared).toEqual([event.id]);
    expect((await h.db.monitorAlertEvent.findUniqueOrThrow({ where: { id: event.id } })).clearedAt).toBeInstanceOf(Date);
    expect(published("alert.cleared")).toHaveLength(1);
    expect(published("alert.cleared")[0]).toMatchObject({ channel: "private-monitor", data: { eventId: event.id, ruleId: rule.id, value: 1 } });
    expect(await supervisor().alert.active()).toEqual([]);

    // crossing again is a new alert
    await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    expect((await evaluateAlerts(h.db)).triggered).toHaveLength(1);
    expect(await h.db.monitorAlertEvent.count({ where: { ruleId: rule.id } })).toBe(2);
  });

  it("writes neither the event nor the job when the outbox fails", async () => {
    await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 0 });
    await makeConversation(h.db, { status: "QUEUED" });
    const jobs = await h.db.job.count({ where: { type: PUSH_ALERT_JOB } });
    flags.failNextEnqueue = true;
    await expect(evaluateAlerts(h.db)).rejects.toThrow("outbox unavailable");
    expect(await h.db.monitorAlertEvent.count()).toBe(0);
    expect(await h.db.job.count({ where: { type: PUSH_ALERT_JOB } })).toBe(jobs);
    expect(published("alert.triggered")).toEqual([]);
  });

  it("watches the longest wait, the agents online and today's CSAT", async () => {
    const now = new Date();
    const team = await makeTeam(h.db);
    const wait = await admin().alert.createRule({ metric: "LONGEST_WAIT_SECONDS", threshold: 300, teamId: team.id });
    const staffing = await admin().alert.createRule({ metric: "AGENTS_ONLINE_BELOW", threshold: 2, teamId: team.id });
    const csat = await admin().alert.createRule({ metric: "CSAT_TODAY_BELOW", threshold: 80, teamId: team.id });
    await makeConversation(h.db, { status: "QUEUED", teamId: team.id, queuedAt: new Date(now.getTime() - 200_000) });
    const agent = await makeAgent(h.db, { teamIds: [team.id], presence: "ONLINE", maxConcurrent: 0 });
    await makeAgent(h.db, { teamIds: [team.id], presence: "ONLINE", maxConcurrent: 0 });

    // 200 s of waiting, two agents online, no CSAT answer yet: nothing
    expect((await evaluateAlerts(h.db, now)).triggered).toEqual([]);

    // five minutes on, one agent gone, and a poor rating today
    await h.db.user.update({ where: { id: agent.id }, data: { presence: "AWAY" } });
    await writeStory(h.db, {
      createdAt: new Date(now.getTime() - 3_600_000),
      teamId: team.id,
      steps: [
        { at: new Date(now.getTime() - 3_500_000), kind: "queue" },
        { at: new Date(now.getTime() - 3_400_000), kind: "assign", agentId: agent.id },
        { at: new Date(now.getTime() - 3_300_000), kind: "resolve" },
        { at: new Date(now.getTime() - 60_000), kind: "csat", score: 2 },
      ],
    });
    const later = new Date(now.getTime() + 5 * 60_000);
    const { triggered } = await evaluateAlerts(h.db, later);
    const events = await h.db.monitorAlertEvent.findMany({ where: { id: { in: triggered } }, orderBy: { ruleId: "asc" } });
    expect(events.map((e) => [e.ruleId, e.value])).toEqual([
      [wait.id, 500],
      [staffing.id, 1],
      [csat.id, 0],
    ]);
  });

  it("evaluates right after a change to the queue when the process has live evaluation on", async () => {
    const team = await makeTeam(h.db);
    await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 0, teamId: team.id });
    setLiveAlertEvaluation(true);
    const bot = await makeConversation(h.db, { status: "BOT" });
    await handoffToQueue(h.db, bot.id, { reason: "customer_request", teamId: team.id });
    await vi.waitFor(async () => expect(await h.db.monitorAlertEvent.count()).toBe(1), { timeout: 5_000, interval: 100 });
    // the monitor heard of the status change as a delta
    expect(published("monitor.delta")).toContainEqual({
      channel: "private-monitor",
      data: { changes: [{ id: bot.id, type: "QUEUED", from: "BOT", to: "QUEUED", toUserId: null }] },
    });
  });

  it("clears the open alert when its rule is switched off or deleted", async () => {
    const rule = await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 0 });
    await makeConversation(h.db, { status: "QUEUED" });
    await evaluateAlerts(h.db);
    const open = await h.db.monitorAlertEvent.findFirstOrThrow({ where: { ruleId: rule.id, clearedAt: null } });
    await admin().alert.updateRule({ id: rule.id, enabled: false });
    expect((await h.db.monitorAlertEvent.findUniqueOrThrow({ where: { id: open.id } })).clearedAt).toBeInstanceOf(Date);
    expect((await evaluateAlerts(h.db)).triggered).toEqual([]);
    await admin().alert.updateRule({ id: rule.id, enabled: true });
    expect(await h.db.monitorAlertEvent.count({ where: { ruleId: rule.id, clearedAt: null } })).toBe(1);
    await admin().alert.deleteRule({ id: rule.id });
    expect(await h.db.monitorAlertEvent.count({ where: { ruleId: rule.id } })).toBe(0);
    expect(published("alert.cleared").length).toBe(2);
  });
});

describe("acknowledging and history", () => {
  it("records who acknowledged and when, once; lists the history newest first with keyset pages", async () => {
    const rule = await admin().alert.createRule({ metric: "QUEUE_LENGTH", threshold: 0 });
    const conversation = await makeConversation(h.db, { status: "QUEUED" });
    await evaluateAlerts(h.db);
    await h.db.conversation.update({ where: { id: conversation.id }, data: { status: "ABANDONED" } });
    await evaluateAlerts(h.db);
    await makeConversation(h.db, { status: "QUEUED" });
    await evaluateAlerts(h.db);
    const [newest, older] = await h.db.monitorAlertEvent.findMany({ where: { ruleId: rule.id }, orderBy: { id: "desc" } });

    const acknowledged = await supervisor().alert.acknowledge({ id: newest!.id });
    expect(acknowledged).toMatchObject({ id: newest!.id, acknowledgedBy: { id: h.users.SUPERVISOR.id } });
    expect(acknowledged.acknowledgedAt).toBeInstanceOf(Date);
    expect(published("alert.acknowledged")).toHaveLength(1);
    expect(published("alert.acknowledged")[0]).toMatchObject({
      channel: "private-monitor",
      data: { eventId: newest!.id, acknowledgedById: h.users.SUPERVISOR.id },
    });
    expect(await outcome(() => admin().alert.acknowledge({ id: newest!.id }))).toMatchObject({ code: "CONFLICT", appCode: "ALREADY_DONE" });
    expect((await h.db.monitorAlertEvent.findUniqueOrThrow({ where: { id: newest!.id } })).acknowledgedById).toBe(h.users.SUPERVISOR.id);
    expect(await outcome(() => supervisor().alert.acknowledge({ id: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).alert.acknowledge({ id: newest!.id }))).toMatchObject({ code: "FORBIDDEN" });

    const page1 = await supervisor().alert.events({ limit: 1 });
    expect(page1.items.map((e) => e.id)).toEqual([newest!.id]);
    expect(page1.items[0]).toMatchObject({ rule: { id: rule.id, metric: "QUEUE_LENGTH" }, acknowledgedBy: { name: h.users.SUPERVISOR.name } });
    const page2 = await supervisor().alert.events({ limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((e) => e.id)).toEqual([older!.id]);
    expect(page2.items[0]!.clearedAt).toBeInstanceOf(Date);
    expect((await supervisor().alert.events({ openOnly: true })).items.map((e) => e.id)).toEqual([newest!.id]);
    expect(await outcome(() => supervisor().alert.events({ limit: 1000 }))).toMatchObject({ code: "BAD_REQUEST", field: "limit" });
  });
});
