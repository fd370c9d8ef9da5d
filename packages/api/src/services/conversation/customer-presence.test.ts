import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { IdleSettingsInput } from "../../contracts/customer-presence.ts";
import { handleWidgetPostMessage, handleWidgetSession } from "../../rest/widget-api.ts";
import { handleWidgetPresence } from "../../rest/widget-presence.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { queueExitStats, resolvedStats } from "../metrics/index.ts";
import { recordWidgetPresence, sweepCustomerPresence } from "./customer-presence.ts";
import { handoffToQueue } from "./handoff.ts";
import { sweepIdleConversations } from "./idle-close.ts";
import { handleReplyTimeout } from "./reply-timeout.ts";
import { sendAgentReply } from "./reply.ts";
import { eventTypes, makeAgent, makeTeam, quiesce } from "./test-fixtures.ts";

let h: Harness;
let ip = 0;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await quiesce(h);
});
afterAll(async () => {
  await h.database.drop();
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const admin = () => h.callerFor(h.users.ADMIN);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

function widgetRequest(path: string, options: { body?: string; token?: string; origin?: string; contentType?: string } = {}) {
  const headers = new Headers({ host: "kefu.test", origin: options.origin ?? "http://kefu.test", "x-forwarded-for": `10.9.0.${++ip % 250}` });
  headers.set("content-type", options.contentType ?? "application/json");
  if (options.token) headers.set("authorization", `Visitor ${options.token}`);
  return new Request(`http://kefu.test${path}`, { method: "POST", headers, body: options.body });
}

/** A widget visitor who has written once: their token, customer and conversation (with the bot). */
async function widgetVisitor() {
  const session = (await (await handleWidgetSession(h.db, widgetRequest("/api/v1/widget/session"))).json()) as { token: string };
  const response = await handleWidgetPostMessage(
    h.db,
    widgetRequest("/api/v1/widget/messages", { token: session.token, body: JSON.stringify({ clientId: crypto.randomUUID(), body: "你好，我想查一下订单" }) }),
  );
  expect(response.status).toBe(201);
  const { conversationId } = (await response.json()) as { conversationId: number };
  const { customerId } = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { customerId: true } });
  return { token: session.token, conversationId, customerId };
}

async function presenceSignal(state: unknown, options: { token?: string; bodyToken?: string; origin?: string } = {}) {
  const body = JSON.stringify(options.bodyToken === undefined ? { state } : { state, token: options.bodyToken });
  // the page's goodbye is a beacon: text/plain, the token in the body
  const contentType = options.bodyToken === undefined ? "application/json" : "text/plain;charset=UTF-8";
  const response = await handleWidgetPresence(
    h.db,
    widgetRequest("/api/v1/widget/presence", { body, token: options.token, origin: options.origin, contentType }),
  );
  return { status: response.status, body: (await response.json()) as { recorded?: boolean; error?: { code: string; field: string | null } } };
}

/** A widget conversation held by a fresh agent of a fresh team. */
async function heldConversation() {
  const team = await makeTeam(h.db, { replyTimeoutSeconds: 60 });
  const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 2 });
  const visitor = await widgetVisitor();
  expect(await handoffToQueue(h.db, visitor.conversationId, { reason: "customer_request", teamId: team.id })).toMatchObject({
    status: "ACTIVE",
    assigneeId: agent.id,
  });
  return { team, agent, ...visitor };
}

/** A widget conversation waiting in the queue of a team nobody serves. */
async function queuedConversation() {
  const team = await makeTeam(h.db);
  const visitor = await widgetVisitor();
  expect(await handoffToQueue(h.db, visitor.conversationId, { reason: "customer_request", teamId: team.id })).toMatchObject({ status: "QUEUED" });
  return { team, ...visitor };
}

function presenceNotes(conversationId: number) {
  return h.db.message
    .findMany({ where: { conversationId, senderType: "SYSTEM", kind: "NOTE" }, orderBy: { id: "asc" }, select: { body: true } })
    .then((rows) => rows.map((row) => (JSON.parse(row.body) as { key: string }).key));
}

function presenceColumns(conversationId: number) {
  return h.db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      status: true,
      assigneeId: true,
      customerSeenAt: true,
      customerLeftAt: true,
      customerGoneAt: true,
      customerReturnedAt: true,
      idleRemindedAt: true,
    },
  });
}

describe("the widget's presence signal", () => {
  it("records the heartbeat and the goodbye (a beacon with the token in its body) on the visitor's conversation", async () => {
    const { token, conversationId } = await widgetVisitor();
    expect(await presenceColumns(conversationId)).toMatchObject({ customerSeenAt: null, customerLeftAt: null });

    expect(await presenceSignal("here", { token })).toEqual({ status: 200, body: { conversation: { id: conversationId, status: "BOT" }, recorded: true } });
    const seen = await presenceColumns(conversationId);
    expect(seen.customerSeenAt).not.toBeNull();
    expect(seen.customerLeftAt).toBeNull();

    expect(await presenceSignal("gone", { bodyToken: token })).toMatchObject({ status: 200, body: { recorded: true } });
    const left = await presenceColumns(conversationId);
    expect(left.customerLeftAt).not.toBeNull();
    expect(left.customerSeenAt).toEqual(seen.customerSeenAt);

    // a reload: the next heartbeat voids the goodbye
    await presenceSignal("here", { token });
    expect((await presenceColumns(conversationId)).customerLeftAt).toBeNull();
  });

  it("answers a visitor without a conversation, and refuses bad signals naming the field, writing nothing", async () => {
    const { token: newcomer } = (await (await handleWidgetSession(h.db, widgetRequest("/api/v1/widget/session"))).json()) as { token: string };
    expect(await presenceSignal("here", { token: newcomer })).toEqual({ status: 200, body: { conversation: null, recorded: false } });

    const { token, conversationId } = await widgetVisitor();
    const before = await presenceColumns(conversationId);
    expect(await presenceSignal("away", { token })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", field: "state" } } });
    expect(await presenceSignal(undefined, { token })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", field: "state" } } });
    expect(await presenceSignal("here")).toMatchObject({ status: 401, body: { error: { field: "authorization" } } });
    expect(await presenceSignal("here", { token: `${token}x` })).toMatchObject({ status: 401, body: { error: { field: "authorization" } } });
    expect(await presenceSignal("here", { token, origin: "https://evil.example" })).toMatchObject({ status: 403, body: { error: { field: "origin" } } });
    const malformed = await handleWidgetPresence(h.db, widgetRequest("/api/v1/widget/presence", { token, body: "{not json" }));
    expect(malformed.status).toBe(400);
    expect(await presenceColumns(conversationId)).toEqual(before);
  });

  it("records nothing on an ended conversation", async () => {
    const { conversationId, customerId } = await queuedConversation();
    await h.db.conversation.update({ where: { id: conversationId }, data: { status: "ABANDONED" } });
    expect(await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" })).toEqual({ conversationId, status: "ABANDONED", recorded: false });
    expect((await presenceColumns(conversationId)).customerSeenAt).toBeNull();
  });
});

describe("a customer who left", () => {
  it("is not passed to another agent by the reply timeout: the agent keeps the conversation and is told", async () => {
    const { agent, conversationId, customerId } = await heldConversation();
    // 100 s since the customer's message and their last heartbeat
    const past = new Date(Date.now() - 100 * SECOND);
    await h.db.conversation.update({ where: { id: conversationId }, data: { lastCustomerMessageAt: past } });
    await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" }, past);
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${conversationId}:` } },
    });

    expect(await handleReplyTimeout(h.db, job.payload)).toBe("customer_gone");
    expect(await presenceColumns(conversationId)).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
    expect((await presenceColumns(conversationId)).customerGoneAt).not.toBeNull();
    expect(await eventTypes(h.db, conversationId)).not.toContain("REQUEUED");
    expect(await presenceNotes(conversationId)).toEqual(["customer.left"]);
    // the customer never sees the internal line
    const note = await h.db.message.findFirstOrThrow({ where: { conversationId, kind: "NOTE" } });
    expect(note.senderType).toBe("SYSTEM");
  });

  it("who is still there is passed on as before", async () => {
    const { conversationId, customerId } = await heldConversation();
    await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" });
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${conversationId}:` } },
    });
    expect(await handleReplyTimeout(h.db, job.payload)).toBe("requeued");
    expect(await presenceNotes(conversationId)).toEqual([]);
  });

  it("while queued is ABANDONED once the goodbye's grace is over, and counted as abandoned", async () => {
    const { team, token, conversationId } = await queuedConversation();
    await presenceSignal("gone", { bodyToken: token });
    const leftAt = (await presenceColumns(conversationId)).customerLeftAt!;

    expect((await sweepCustomerPresence(h.db, later(leftAt, 10 * SECOND))).abandoned).not.toContain(conversationId);
    expect((await presenceColumns(conversationId)).status).toBe("QUEUED");

    const sweep = await sweepCustomerPresence(h.db, later(leftAt, 16 * SECOND));
    expect(sweep.abandoned).toContain(conversationId);
    expect((await presenceColumns(conversationId)).status).toBe("ABANDONED");
    const abandoned = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "ABANDONED" } });
    expect(abandoned).toMatchObject({ fromStatus: "QUEUED", toStatus: "ABANDONED", fromTeamId: team.id, detail: { reason: "customer_left" } });
    const stats = await queueExitStats(h.db, { from: new Date(Date.now() - MINUTE), to: later(leftAt, MINUTE) }, { teamId: team.id });
    expect(stats).toMatchObject({ assigned: 0, abandoned: 1, abandonedPercent: 100 });

    // a second sweep (another worker) changes nothing
    expect((await sweepCustomerPresence(h.db, later(leftAt, 30 * SECOND))).abandoned).not.toContain(conversationId);
    expect((await eventTypes(h.db, conversationId)).filter((type) => type === "ABANDONED")).toHaveLength(1);
  });

  it("while queued but only reloading the page keeps their place", async () => {
    const { token, conversationId } = await queuedConversation();
    await presenceSignal("gone", { bodyToken: token });
    await presenceSignal("here", { token });
    const { customerSeenAt } = await presenceColumns(conversationId);
    await sweepCustomerPresence(h.db, later(customerSeenAt!, 30 * SECOND));
    expect((await presenceColumns(conversationId)).status).toBe("QUEUED");
  });

  it("whose heartbeats stopped (a closed laptop) is gone after the silence, never when the channel has no heartbeat", async () => {
    const { conversationId, customerId } = await queuedConversation();
    const seenAt = new Date();
    await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" }, seenAt);
    const untracked = await queuedConversation();

    expect((await sweepCustomerPresence(h.db, later(seenAt, 80 * SECOND))).abandoned).not.toContain(conversationId);
    const sweep = await sweepCustomerPresence(h.db, later(seenAt, 91 * SECOND));
    expect(sweep.abandoned).toContain(conversationId);
    expect(sweep.abandoned).not.toContain(untracked.conversationId);
    expect((await presenceColumns(untracked.conversationId)).status).toBe("QUEUED");
  });
});

const idleSettings: IdleSettingsInput = {
  reminderEnabled: true,
  reminderMinutes: 5,
  reminderMessage: "请问还在吗？",
  autoEndEnabled: true,
  autoEndMinutes: 5,
  autoEndMessage: "您长时间未回复，会话已结束。",
  autoEndCategory: "访客无响应自动结束",
};

/** A held conversation in which the agent has just answered; the time of that answer. */
async function answeredConversation() {
  const held = await heldConversation();
  await sendAgentReply(h.db, held.agent, {
    conversationId: held.conversationId,
    body: "您好，订单已发货，请问还有其他问题吗？",
    clientId: crypto.randomUUID(),
  });
  const { lastAgentMessageAt } = await h.db.conversation.findUniqueOrThrow({ where: { id: held.conversationId }, select: { lastAgentMessageAt: true } });
  return { ...held, answeredAt: lastAgentMessageAt! };
}

function botTexts(conversationId: number, after: Date) {
  return h.db.message
    .findMany({ where: { conversationId, senderType: "BOT", createdAt: { gt: after } }, orderBy: { id: "asc" }, select: { body: true } })
    .then((rows) => rows.map((row) => row.body));
}

describe("an idle conversation", () => {
  beforeAll(async () => {
    await admin().settings.updateIdle(idleSettings);
  });

  it("reminds the silent customer once, then ends itself with an event the metrics count", async () => {
    const { agent, conversationId, answeredAt } = await answeredConversation();

    expect((await sweepIdleConversations(h.db, later(answeredAt, 4 * MINUTE))).reminded).not.toContain(conversationId);
    expect((await sweepIdleConversations(h.db, later(answeredAt, 5 * MINUTE + SECOND))).reminded).toContain(conversationId);
    expect(await botTexts(conversationId, answeredAt)).toEqual([idleSettings.reminderMessage]);
    expect((await presenceColumns(conversationId)).idleRemindedAt).toEqual(later(answeredAt, 5 * MINUTE + SECOND));

    const again = await sweepIdleConversations(h.db, later(answeredAt, 9 * MINUTE));
    expect(again.reminded).not.toContain(conversationId);
    expect(again.ended).not.toContain(conversationId);

    const endedAt = later(answeredAt, 10 * MINUTE + 2 * SECOND);
    expect((await sweepIdleConversations(h.db, endedAt)).ended).toContain(conversationId);
    expect(await botTexts(conversationId, answeredAt)).toEqual([idleSettings.reminderMessage, idleSettings.autoEndMessage]);
    const row = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ status: "RESOLVED", resolvedAt: endedAt, resolutionCategory: idleSettings.autoEndCategory, csatSentAt: null });
    const resolved = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "RESOLVED" } });
    expect(resolved).toMatchObject({ actorId: null, fromStatus: "ACTIVE", toStatus: "RESOLVED", fromUserId: agent.id, detail: { closedBy: "idle" } });
    const window = { from: answeredAt, to: later(endedAt, SECOND) };
    expect(await resolvedStats(h.db, window, { agentId: agent.id })).toEqual({ resolved: 1, resolvedByBot: 0, resolvedIdle: 1 });

    expect((await sweepIdleConversations(h.db, later(endedAt, 10 * MINUTE))).ended).not.toContain(conversationId);
  });

  it("is not ended when the customer writes after the reminder", async () => {
    const { token, conversationId, answeredAt } = await answeredConversation();
    await sweepIdleConversations(h.db, later(answeredAt, 5 * MINUTE + SECOND));
    expect(await botTexts(conversationId, answeredAt)).toEqual([idleSettings.reminderMessage]);
    await handleWidgetPostMessage(
      h.db,
      widgetRequest("/api/v1/widget/messages", { token, body: JSON.stringify({ clientId: crypto.randomUUID(), body: "还在，稍等" }) }),
    );
    const sweep = await sweepIdleConversations(h.db, later(answeredAt, 30 * MINUTE));
    expect(sweep.ended).not.toContain(conversationId);
    expect((await presenceColumns(conversationId)).status).toBe("ACTIVE");
  });

  it("starts its clock again when a customer who left comes back, and the agent sees both", async () => {
    const { conversationId, customerId, answeredAt } = await answeredConversation();
    await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" }, answeredAt);
    expect((await sweepCustomerPresence(h.db, later(answeredAt, 100 * SECOND))).gone).toContain(conversationId);
    expect(await presenceNotes(conversationId)).toEqual(["customer.left"]);
    expect((await sweepIdleConversations(h.db, later(answeredAt, 5 * MINUTE + SECOND))).reminded).toContain(conversationId);

    const returnedAt = later(answeredAt, 8 * MINUTE);
    await recordWidgetPresence(h.db, { conversationId, customerId, state: "here" }, returnedAt);
    expect(await presenceNotes(conversationId)).toEqual(["customer.left", "customer.returned"]);
    expect(await presenceColumns(conversationId)).toMatchObject({ customerGoneAt: null, customerReturnedAt: returnedAt, customerLeftAt: null });

    // without the return it would end now (5 minutes after the reminder)
    const sweep = await sweepIdleConversations(h.db, later(answeredAt, 10 * MINUTE + 5 * SECOND));
    expect(sweep.ended).not.toContain(conversationId);
    expect(sweep.reminded).not.toContain(conversationId);
    expect((await sweepIdleConversations(h.db, later(returnedAt, 5 * MINUTE + SECOND))).reminded).toContain(conversationId);
    expect((await presenceColumns(conversationId)).status).toBe("ACTIVE");
  });

  it("does nothing while both are switched off", async () => {
    const { conversationId, answeredAt } = await answeredConversation();
    await admin().settings.updateIdle({ ...idleSettings, reminderEnabled: false, autoEndEnabled: false });
    try {
      expect(await sweepIdleConversations(h.db, later(answeredAt, 60 * MINUTE))).toEqual({ reminded: [], ended: [] });
      await admin().settings.updateIdle({ ...idleSettings, reminderEnabled: false });
      // without reminders the end comes autoEndMinutes after the agent's message
      expect((await sweepIdleConversations(h.db, later(answeredAt, 5 * MINUTE + SECOND))).ended).toContain(conversationId);
      expect(await botTexts(conversationId, answeredAt)).toEqual([idleSettings.autoEndMessage]);
    } finally {
      await admin().settings.updateIdle(idleSettings);
    }
    expect((await presenceColumns(conversationId)).status).toBe("RESOLVED");
  });
});

describe("settings.updateIdle", () => {
  it("reads back what was saved, with the defaults", async () => {
    const saved = await admin().settings.updateIdle({ ...idleSettings, reminderMinutes: 3, autoEndMessage: "  再见  " });
    expect(saved).toMatchObject({ reminderMinutes: 3, autoEndMessage: "再见" });
    const read = await admin().settings.idle();
    expect(read.settings).toEqual(saved);
    expect(read.defaults).toMatchObject({ reminderEnabled: true, reminderMinutes: 5, autoEndEnabled: true, autoEndMinutes: 5 });
    expect(read.lastChange?.by?.id).toBe(h.users.ADMIN.id);
    await admin().settings.updateIdle(idleSettings);
  });

  const cases: [string, (valid: IdleSettingsInput) => unknown, string][] = [
    ["reminder after 0 minutes", (v) => ({ ...v, reminderMinutes: 0 }), "reminderMinutes"],
    ["reminder after 1.5 minutes", (v) => ({ ...v, reminderMinutes: 1.5 }), "reminderMinutes"],
    ["reminder after more than a day", (v) => ({ ...v, reminderMinutes: 24 * 60 + 1 }), "reminderMinutes"],
    ["end minutes as text", (v) => ({ ...v, autoEndMinutes: "5" }), "autoEndMinutes"],
    ["blank reminder text", (v) => ({ ...v, reminderMessage: "   " }), "reminderMessage"],
    ["end text too long", (v) => ({ ...v, autoEndMessage: "长".repeat(501) }), "autoEndMessage"],
    ["no end category", (v) => ({ ...v, autoEndCategory: "" }), "autoEndCategory"],
    ["end category too long", (v) => ({ ...v, autoEndCategory: "类".repeat(65) }), "autoEndCategory"],
    ["switch missing", (v) => ({ ...v, autoEndEnabled: undefined }), "autoEndEnabled"],
  ];

  it.each(cases)("refuses %s, naming the field, and writes nothing", async (_name, mutate, field) => {
    const before = await h.db.setting.findMany({ orderBy: { key: "asc" } });
    expect(await outcome(() => admin().settings.updateIdle(mutate(idleSettings) as IdleSettingsInput))).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.setting.findMany({ orderBy: { key: "asc" } })).toEqual(before);
  });

  it("is for admins only", async () => {
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).settings.updateIdle(idleSettings))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).settings.idle())).toMatchObject({ code: "FORBIDDEN" });
  });
});
