import type { ConversationStatus } from "@kefu/db/client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../../errors.ts";
import type * as QueueModule from "../../job-queue/queue.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { publish } from "../../realtime/pusher.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { updateSetting } from "../settings/index.ts";
import { abandonConversation } from "./abandon.ts";
import { submitCsat } from "./csat.ts";
import { handoffToQueue } from "./handoff.ts";
import { listCustomerMessages, listMessages } from "./messages.ts";
import { pauseConversation, resumeConversation } from "./pause.ts";
import { queuePosition } from "./queue.ts";
import { receiveCustomerMessage, type CustomerMessageInput } from "./receive-message.ts";
import { handleReplyTimeout } from "./reply-timeout.ts";
import { addInternalNote, sendAgentReply } from "./reply.ts";
import { resolveByBot, resolveConversation } from "./resolve.ts";
import { routeQueued } from "./routing.ts";
import { TRANSITIONS } from "./state-machine.ts";
import { eventTypes, footprint, makeAgent, makeConversation, makeCustomer, makeTeam, quiesce } from "./test-fixtures.ts";
import { transferConversation } from "./transfer.ts";

const flags = vi.hoisted(() => ({ failNextEnqueue: false }));

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));
vi.mock("../../job-queue/queue.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof QueueModule>();
  return {
    ...actual,
    enqueueJob: vi.fn((...args: Parameters<typeof actual.enqueueJob>) => {
      if (flags.failNextEnqueue) {
        flags.failNextEnqueue = false;
        return Promise.reject(new Error("outbox unavailable"));
      }
      return actual.enqueueJob(...args);
    }),
  };
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await quiesce(h);
  vi.mocked(publish).mockClear();
  flags.failNextEnqueue = false;
});
afterAll(async () => {
  await h.database.drop();
});

let visitor = 0;
function message(overrides: Partial<CustomerMessageInput> = {}): CustomerMessageInput {
  visitor++;
  return { channel: "WEB", externalUserId: `visitor-${visitor}`, clientId: `c-${visitor}`, body: "你好，我的订单还没发货", ...overrides };
}

async function failure(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const supervisor = () => h.users.SUPERVISOR;

/** An ACTIVE conversation routed to a fresh agent of a fresh team (the agent has one more free slot). */
async function activeConversation(options: { replyTimeoutSeconds?: number } = {}) {
  const team = await makeTeam(h.db, options);
  const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 2 });
  const received = await receiveCustomerMessage(h.db, message());
  const after = await handoffToQueue(h.db, received.conversationId, { reason: "customer_request", teamId: team.id });
  expect(after).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
  return { team, agent, conversationId: received.conversationId };
}

describe("a customer's message", () => {
  it("creates the customer and a BOT conversation with its CREATED event, in one go", async () => {
    const input = message({ customerName: "王女士", phone: "138 0013 8000" });
    const result = await receiveCustomerMessage(h.db, input);
    expect(result).toMatchObject({ status: "BOT", duplicate: false, created: true, reopened: false });
    const conversation = await h.db.conversation.findUniqueOrThrow({
      where: { id: result.conversationId },
      include: { customer: { include: { identities: true } } },
    });
    expect(conversation).toMatchObject({ channel: "WEB", status: "BOT", lastMessageId: result.messageId, priority: 0 });
    expect(conversation.lastCustomerMessageAt).not.toBeNull();
    expect(conversation.customer).toMatchObject({
      name: "王女士",
      phoneLast4: "8000",
      conversationCount: 1,
      identities: [{ channel: "WEB", externalUserId: input.externalUserId }],
    });
    expect(JSON.stringify(conversation.customer)).not.toContain("13800138000");
    expect(await eventTypes(h.db, result.conversationId)).toEqual(["CREATED"]);
    expect(await h.db.message.findUniqueOrThrow({ where: { id: result.messageId } })).toMatchObject({
      senderType: "CUSTOMER",
      kind: "TEXT",
      clientId: input.clientId,
      body: input.body,
    });
    // the event carries the message as the pages draw it, so they need not ask for it
    expect(vi.mocked(publish)).toHaveBeenCalledWith([`private-conversation-${result.conversationId}`], "message.created", {
      id: result.messageId,
      conversationId: result.conversationId,
      senderType: "CUSTOMER",
      kind: "TEXT",
      previousId: null,
      message: expect.objectContaining({
        id: result.messageId,
        senderType: "CUSTOMER",
        kind: "TEXT",
        body: input.body,
        clientId: input.clientId,
        sender: null,
        attachment: null,
      }) as unknown,
    });

    const second = await receiveCustomerMessage(h.db, { ...input, clientId: "c-second", body: "请帮我查一下" });
    expect(second).toMatchObject({ conversationId: result.conversationId, created: false });
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: conversation.customerId } })).conversationCount).toBe(1);
  });

  it("returns the stored message for a replayed clientId and writes nothing, even when replays race", async () => {
    const input = message();
    const first = await receiveCustomerMessage(h.db, input);
    const before = await footprint(h.db, first.conversationId);
    const replays = await Promise.all(Array.from({ length: 6 }, () => receiveCustomerMessage(h.db, input)));
    for (const replay of replays) expect(replay).toMatchObject({ conversationId: first.conversationId, messageId: first.messageId, duplicate: true });
    expect(await footprint(h.db, first.conversationId)).toEqual(before);
    expect(await h.db.message.count({ where: { clientId: input.clientId } })).toBe(1);
  });

  it("gives parallel first messages of a new visitor one customer and one conversation", async () => {
    const base = message();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => receiveCustomerMessage(h.db, { ...base, clientId: `${base.clientId}-${i}` })));
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await h.db.customerIdentity.count({ where: { externalUserId: base.externalUserId } })).toBe(1);
    expect(await h.db.message.count({ where: { conversationId: results[0]!.conversationId } })).toBe(8);
  });

  it("recognises a customer by phone on another channel, with a conversation per channel", async () => {
    const web = await receiveCustomerMessage(h.db, message({ phone: "13900139001" }));
    const wechat = await receiveCustomerMessage(h.db, message({ channel: "WECHAT", phone: "+86 139-0013-9001" }));
    const [a, b] = await h.db.conversation.findMany({ where: { id: { in: [web.conversationId, wechat.conversationId] } }, orderBy: { id: "asc" } });
    expect(a!.customerId).toBe(b!.customerId);
    expect(a!.id).not.toBe(b!.id);
    expect(await h.db.customerIdentity.count({ where: { customerId: a!.customerId } })).toBe(2);
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: a!.customerId } })).conversationCount).toBe(2);
  });

  it("sends a VIP straight to the queue, as the auto-reply strategy says", async () => {
    const customer = await makeCustomer(h.db, { level: "VIP" });
    await h.db.customerIdentity.create({ data: { customerId: customer.id, channel: "APP", externalUserId: "vip-app-1" } });
    const result = await receiveCustomerMessage(h.db, message({ channel: "APP", externalUserId: "vip-app-1" }));
    expect(result).toMatchObject({ status: "QUEUED", created: true });
    expect(await eventTypes(h.db, result.conversationId)).toEqual(["CREATED", "QUEUED"]);
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: result.conversationId } })).toMatchObject({ priority: 1, status: "QUEUED" });
    expect(await queuePosition(h.db, result.conversationId)).toMatchObject({ position: 1 });
  });

  it.each([
    ["an empty body", { body: "" }, "body"],
    ["a blank body", { body: "   \n " }, "body"],
    ["a body of 5,001 characters", { body: "字".repeat(5001) }, "body"],
    ["a missing clientId", { clientId: "" }, "clientId"],
    ["a too long clientId", { clientId: "x".repeat(65) }, "clientId"],
    ["an unknown channel", { channel: "FAX" as never }, "channel"],
    ["a bad phone", { phone: "12345" }, "phone"],
  ])("refuses %s naming the field, writing nothing", async (_label, patch, field) => {
    const before = await Promise.all([h.db.customer.count(), h.db.conversation.count(), h.db.message.count()]);
    expect(await failure(() => receiveCustomerMessage(h.db, message(patch)))).toMatchObject({ code: "INVALID_INPUT", field });
    expect(await Promise.all([h.db.customer.count(), h.db.conversation.count(), h.db.message.count()])).toEqual(before);
  });

  it("accepts a body of exactly 5,000 characters", async () => {
    const result = await receiveCustomerMessage(h.db, message({ body: "字".repeat(5000) }));
    expect((await h.db.message.findUniqueOrThrow({ where: { id: result.messageId } })).body).toHaveLength(5000);
    // 15 KB of text is more than a realtime event may carry: the event says a message came, the page fetches it
    const published = vi.mocked(publish).mock.calls.find(([, event, data]) => event === "message.created" && data.id === result.messageId);
    expect(published?.[2]).toMatchObject({ id: result.messageId, message: null });
  });

  it("names the message before each new one, so a page that has it appends without asking", async () => {
    const first = await receiveCustomerMessage(h.db, message({ externalUserId: "visitor-chain", clientId: "c-chain-1", body: "你好" }));
    const second = await receiveCustomerMessage(h.db, message({ externalUserId: "visitor-chain", clientId: "c-chain-2", body: "在吗" }));
    expect(second.conversationId).toBe(first.conversationId);
    const events = vi
      .mocked(publish)
      .mock.calls.filter(([, event, data]) => event === "message.created" && data.conversationId === first.conversationId)
      .map(([, , data]) => data as { id: number; previousId: number | null });
    const ids = (await h.db.message.findMany({ where: { conversationId: first.conversationId }, orderBy: { id: "asc" }, select: { id: true } })).map(
      (row) => row.id,
    );
    // every message of the conversation (the bot's answers too), each pointing at the one before it
    expect(events.map((event) => event.id)).toEqual(ids);
    expect(events.map((event) => event.previousId)).toEqual([null, ...ids.slice(0, -1)]);
    expect(ids).toContain(second.messageId);
  });
});

describe("legal transitions, each with its events", () => {
  it("BOT → QUEUED: the bot hands off (a BOT_HANDOFF marker, then the QUEUED transition, queuedAt, a system message, the routing job)", async () => {
    const team = await makeTeam(h.db);
    const { conversationId } = await receiveCustomerMessage(h.db, message());
    const result = await handoffToQueue(h.db, conversationId, { reason: "customer_request", teamId: team.id, priority: 3 });
    expect(result).toMatchObject({ status: "QUEUED", teamId: team.id, assigneeId: null });
    const row = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ status: "QUEUED", teamId: team.id, priority: 3 });
    expect(row.queuedAt).not.toBeNull();
    const events = await h.db.conversationEvent.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ["CREATED", null, "BOT"],
      ["BOT_HANDOFF", null, null],
      ["QUEUED", "BOT", "QUEUED"],
    ]);
    expect(events[1]!.detail).toEqual({ reason: "customer_request", routing: { by: "caller" } });
    const system = await h.db.message.findFirstOrThrow({ where: { conversationId, senderType: "SYSTEM" } });
    expect(JSON.parse(system.body)).toEqual({ key: "conversation.queued" });
    expect(await h.db.job.count({ where: { type: "conversation.route", dedupeKey: { startsWith: `conversation.route:${conversationId}:` } } })).toBe(1);
    expect(vi.mocked(publish)).toHaveBeenCalledWith(["private-monitor", `private-team-${team.id}`], "queue.changed", { teamId: team.id, queued: 1 });
  });

  it("QUEUED → ACTIVE when routed (handoff with an agent free), ACTIVE ⇄ PAUSED, PAUSED → RESOLVED", async () => {
    const { agent, conversationId } = await activeConversation();
    const actor = agent;
    await pauseConversation(h.db, actor, { conversationId });
    await resumeConversation(h.db, actor, { conversationId });
    await pauseConversation(h.db, actor, { conversationId });
    await resolveConversation(h.db, actor, { conversationId, resolutionCategory: "问题已解决" });
    expect(await eventTypes(h.db, conversationId)).toEqual(["CREATED", "BOT_HANDOFF", "QUEUED", "ASSIGNED", "PAUSED", "RESUMED", "PAUSED", "RESOLVED"]);
  });

  it("ACTIVE → ACTIVE and PAUSED → PAUSED: transfer to an agent keeps the status", async () => {
    const { team, agent, conversationId } = await activeConversation();
    const colleague = await makeAgent(h.db, { teamIds: [team.id] });
    await transferConversation(h.db, agent, { conversationId, toUserId: colleague.id });
    await pauseConversation(h.db, colleague, { conversationId });
    const back = await transferConversation(h.db, colleague, { conversationId, toUserId: agent.id });
    expect(back).toMatchObject({ status: "PAUSED", assigneeId: agent.id });
    const transfers = await h.db.conversationEvent.findMany({ where: { conversationId, type: "TRANSFERRED" }, orderBy: { id: "asc" } });
    expect(transfers.map((e) => [e.fromStatus, e.toStatus, e.fromUserId, e.toUserId])).toEqual([
      ["ACTIVE", "ACTIVE", agent.id, colleague.id],
      ["PAUSED", "PAUSED", colleague.id, agent.id],
    ]);
  });

  it("ACTIVE → QUEUED and PAUSED → QUEUED: transfer to a team; QUEUED → QUEUED: a supervisor moves it to another queue", async () => {
    const { agent, conversationId } = await activeConversation();
    const [other, third] = [await makeTeam(h.db), await makeTeam(h.db)];
    await transferConversation(h.db, agent, { conversationId, toTeamId: other.id, note: "需要售后组处理退款" });
    await transferConversation(h.db, supervisor(), { conversationId, toTeamId: third.id });
    const taker = await makeAgent(h.db, { teamIds: [third.id] });
    await routeQueued(h.db, { teamId: third.id });
    await pauseConversation(h.db, taker, { conversationId });
    await transferConversation(h.db, taker, { conversationId, toTeamId: other.id });
    const events = await h.db.conversationEvent.findMany({
      where: { conversationId, id: { gt: 0 } },
      orderBy: { id: "asc" },
      select: { type: true, fromStatus: true, toStatus: true, fromTeamId: true, toTeamId: true },
    });
    expect(events.slice(4).map((e) => `${e.type}:${e.fromStatus}→${e.toStatus}`)).toEqual([
      "TRANSFERRED:null→null",
      "QUEUED:ACTIVE→QUEUED",
      "TRANSFERRED:QUEUED→QUEUED",
      "ASSIGNED:QUEUED→ACTIVE",
      "PAUSED:ACTIVE→PAUSED",
      "TRANSFERRED:null→null",
      "QUEUED:PAUSED→QUEUED",
    ]);
    expect(events[6]).toMatchObject({ fromTeamId: other.id, toTeamId: third.id });
  });

  it("QUEUED → ACTIVE by hand: a supervisor assigns a waiting conversation to an agent", async () => {
    const team = await makeTeam(h.db, { autoAssign: false });
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const { id } = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    const result = await transferConversation(h.db, supervisor(), { conversationId: id, toUserId: agent.id });
    expect(result).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
    const [event] = await h.db.conversationEvent.findMany({ where: { conversationId: id } });
    expect(event).toMatchObject({ type: "ASSIGNED", actorId: supervisor().id, fromStatus: "QUEUED", toStatus: "ACTIVE", toUserId: agent.id });
  });

  it("ACTIVE → RESOLVED, BOT → RESOLVED (the bot) and QUEUED → ABANDONED", async () => {
    const { agent, conversationId } = await activeConversation();
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "已提供方案", note: "已告知物流单号" });
    const resolved = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(resolved).toMatchObject({ status: "RESOLVED", resolutionCategory: "已提供方案", resolutionNote: "已告知物流单号", assigneeId: agent.id });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.csatSentAt).not.toBeNull();

    const bot = await receiveCustomerMessage(h.db, message());
    await resolveByBot(h.db, bot.conversationId);
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: bot.conversationId } })).toMatchObject({
      status: "RESOLVED",
      resolutionCategory: "机器人已解答",
      csatSentAt: null,
    });

    await h.db.user.update({ where: { id: agent.id }, data: { presence: "OFFLINE" } });
    const left = await receiveCustomerMessage(h.db, message());
    expect(await handoffToQueue(h.db, left.conversationId, { reason: "customer_request" })).toMatchObject({ status: "QUEUED" });
    await abandonConversation(h.db, left.conversationId);
    const abandoned = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId: left.conversationId, type: "ABANDONED" } });
    expect(abandoned).toMatchObject({ fromStatus: "QUEUED", toStatus: "ABANDONED" });
    expect(typeof (abandoned.detail as { waitedSeconds?: unknown }).waitedSeconds).toBe("number");
  });

  it("RESOLVED → ACTIVE, QUEUED or BOT: the customer writes again within 72 h", async () => {
    // resolved by a person who is still online with a free slot: back to them
    const { agent, conversationId } = await activeConversation();
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    const externalUserId = (await h.db.customerIdentity.findFirstOrThrow({ where: { customer: { conversations: { some: { id: conversationId } } } } }))
      .externalUserId;
    const again = await receiveCustomerMessage(h.db, message({ externalUserId, body: "还有一个问题" }));
    expect(again).toMatchObject({ conversationId, status: "ACTIVE", reopened: true });
    const reopened = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(reopened).toMatchObject({ assigneeId: agent.id, resolvedAt: null, resolutionCategory: null });
    expect(reopened.reopenedAt).not.toBeNull();
    expect(await h.db.conversationEvent.findFirst({ where: { conversationId, type: "REOPENED" } })).toMatchObject({
      fromStatus: "RESOLVED",
      toStatus: "ACTIVE",
      toUserId: agent.id,
    });

    // the agent went offline: back to the team's queue
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await h.db.user.update({ where: { id: agent.id }, data: { presence: "OFFLINE" } });
    const queued = await receiveCustomerMessage(h.db, message({ externalUserId, body: "又出问题了" }));
    expect(queued).toMatchObject({ conversationId, status: "QUEUED", reopened: true });
    expect((await eventTypes(h.db, conversationId)).slice(-2)).toEqual(["REOPENED", "QUEUED"]);

    // resolved by the bot: back to the bot
    const bot = await receiveCustomerMessage(h.db, message());
    await resolveByBot(h.db, bot.conversationId);
    const botExternal = (await h.db.customerIdentity.findFirstOrThrow({ where: { customer: { conversations: { some: { id: bot.conversationId } } } } }))
      .externalUserId;
    expect(await receiveCustomerMessage(h.db, message({ externalUserId: botExternal }))).toMatchObject({
      conversationId: bot.conversationId,
      status: "BOT",
      reopened: true,
    });
  });

  it("starts a new conversation after the reopen window, and after an abandoned one", async () => {
    const bot = await receiveCustomerMessage(h.db, message());
    await resolveByBot(h.db, bot.conversationId);
    await h.db.conversation.update({ where: { id: bot.conversationId }, data: { resolvedAt: new Date(Date.now() - 73 * 3_600_000) } });
    const externalUserId = (await h.db.customerIdentity.findFirstOrThrow({ where: { customer: { conversations: { some: { id: bot.conversationId } } } } }))
      .externalUserId;
    const fresh = await receiveCustomerMessage(h.db, message({ externalUserId }));
    expect(fresh).toMatchObject({ created: true, reopened: false });
    expect(fresh.conversationId).not.toBe(bot.conversationId);

    await handoffToQueue(h.db, fresh.conversationId, { reason: "customer_request" });
    await abandonConversation(h.db, fresh.conversationId);
    const third = await receiveCustomerMessage(h.db, message({ externalUserId }));
    expect(third).toMatchObject({ created: true });
  });

  it("ACTIVE → QUEUED when the reply times out (see the reply-timeout tests) — and every legal move has now been made", async () => {
    const { conversationId, agent } = await activeConversation();
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${conversationId}:` } },
    });
    await h.db.user.update({ where: { id: agent.id }, data: { presence: "OFFLINE" } });
    expect(await handleReplyTimeout(h.db, job.payload)).toBe("requeued");

    const moves = await h.db.conversationEvent.findMany({
      where: { fromStatus: { not: null }, toStatus: { not: null } },
      distinct: ["fromStatus", "toStatus"],
      select: { fromStatus: true, toStatus: true },
    });
    const made = new Set(moves.map((m) => `${m.fromStatus}→${m.toStatus}`));
    const legal = Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`));
    expect(legal.filter((move) => !made.has(move))).toEqual([]);
  });
});

describe("illegal transitions", () => {
  const OPS = {
    handoff: (id: number) => handoffToQueue(h.db, id, { reason: "customer_request" }),
    botResolve: (id: number) => resolveByBot(h.db, id),
    abandon: (id: number) => abandonConversation(h.db, id),
    pause: (id: number) => pauseConversation(h.db, supervisor(), { conversationId: id }),
    resume: (id: number) => resumeConversation(h.db, supervisor(), { conversationId: id }),
    resolve: (id: number) => resolveConversation(h.db, supervisor(), { conversationId: id, resolutionCategory: "问题已解决" }),
    transferToAgent: (id: number) => transferConversation(h.db, supervisor(), { conversationId: id, toUserId: h.users.AGENT.id }),
    transferToTeam: async (id: number) => transferConversation(h.db, supervisor(), { conversationId: id, toTeamId: (await makeTeam(h.db)).id }),
  } as const;
  const ACCEPTS: Record<keyof typeof OPS, { from: ConversationStatus[]; target: ConversationStatus }> = {
    handoff: { from: ["BOT"], target: "QUEUED" },
    botResolve: { from: ["BOT"], target: "RESOLVED" },
    abandon: { from: ["QUEUED"], target: "ABANDONED" },
    pause: { from: ["ACTIVE"], target: "PAUSED" },
    resume: { from: ["PAUSED"], target: "ACTIVE" },
    resolve: { from: ["ACTIVE", "PAUSED"], target: "RESOLVED" },
    transferToAgent: { from: ["QUEUED", "ACTIVE", "PAUSED"], target: "ACTIVE" },
    transferToTeam: { from: ["QUEUED", "ACTIVE", "PAUSED"], target: "QUEUED" },
  };
  const STATUSES: ConversationStatus[] = ["BOT", "QUEUED", "ACTIVE", "PAUSED", "RESOLVED", "ABANDONED"];
  const cases = (Object.keys(OPS) as (keyof typeof OPS)[]).flatMap((op) => STATUSES.filter((s) => !ACCEPTS[op].from.includes(s)).map((s) => [op, s] as const));

  it.each(cases)("%s from %s is a BAD_REQUEST naming both states, and writes nothing", async (op, status) => {
    const assigneeId = ["ACTIVE", "PAUSED", "RESOLVED"].includes(status) ? h.users.AGENT.id : null;
    const { id } = await makeConversation(h.db, { status, assigneeId });
    const before = await footprint(h.db, id);
    const error = await failure(() => OPS[op](id));
    expect(error).toMatchObject({ code: "ILLEGAL_TRANSITION", status: "BAD_REQUEST", params: { from: status, to: ACCEPTS[op].target } });
    expect(error.message).toContain(status);
    expect(error.message).toContain(ACCEPTS[op].target);
    expect(await footprint(h.db, id)).toEqual(before);
  });
});

describe("a change and its events commit together", () => {
  it("leaves neither the assignment nor its event when the transaction fails", async () => {
    const team = await makeTeam(h.db);
    await makeAgent(h.db, { teamIds: [team.id] });
    const { id } = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    const before = await footprint(h.db, id);
    flags.failNextEnqueue = true; // the reply-timeout job, written after the status, event and message
    await expect(routeQueued(h.db, { teamId: team.id })).rejects.toThrow("outbox unavailable");
    expect(await footprint(h.db, id)).toEqual(before);
    expect(vi.mocked(publish)).not.toHaveBeenCalled();
    expect(await routeQueued(h.db, { teamId: team.id })).toHaveLength(1);
  });

  it("leaves neither the hand-off nor its events when the transaction fails", async () => {
    const { conversationId } = await receiveCustomerMessage(h.db, message());
    const before = await footprint(h.db, conversationId);
    vi.mocked(publish).mockClear();
    flags.failNextEnqueue = true;
    await expect(handoffToQueue(h.db, conversationId, { reason: "customer_request" })).rejects.toThrow("outbox unavailable");
    expect(await footprint(h.db, conversationId)).toEqual(before);
    expect(vi.mocked(publish)).not.toHaveBeenCalled();
  });
});

describe("agent actions", () => {
  it("replies: ACTIVE only, the first human reply sets firstResponseAt, a replayed clientId stores one message", async () => {
    const { agent, conversationId } = await activeConversation();
    const first = await sendAgentReply(h.db, agent, { conversationId, body: "您好，我来帮您查询", clientId: "tab-1" });
    const replay = await sendAgentReply(h.db, agent, { conversationId, body: "您好，我来帮您查询", clientId: "tab-1" });
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(await h.db.message.count({ where: { conversationId, clientId: "tab-1" } })).toBe(1);
    const afterFirst = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(afterFirst.firstResponseAt).not.toBeNull();
    expect(afterFirst.lastMessageId).toBe(first.messageId);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendAgentReply(h.db, supervisor(), { conversationId, body: "主管补充一下" });
    const afterSecond = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(afterSecond.firstResponseAt).toEqual(afterFirst.firstResponseAt);
    expect(afterSecond.lastAgentMessageAt!.getTime()).toBeGreaterThan(afterFirst.lastAgentMessageAt!.getTime());

    await pauseConversation(h.db, agent, { conversationId });
    expect(await failure(() => sendAgentReply(h.db, agent, { conversationId, body: "在吗" }))).toMatchObject({
      code: "CONVERSATION_NOT_ACTIVE",
      params: { status: "PAUSED" },
    });
  });

  it("refuses a stranger (FORBIDDEN), an unknown conversation (NOT_FOUND) and bad bodies, writing nothing", async () => {
    const { conversationId } = await activeConversation();
    const stranger = await makeAgent(h.db);
    const before = await footprint(h.db, conversationId);
    expect(await failure(() => sendAgentReply(h.db, stranger, { conversationId, body: "hi" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(() => addInternalNote(h.db, stranger, { conversationId, body: "hi" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(() => pauseConversation(h.db, stranger, { conversationId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(() => resolveConversation(h.db, stranger, { conversationId, resolutionCategory: "问题已解决" }))).toMatchObject({ code: "FORBIDDEN" });
    const elsewhere = await makeTeam(h.db);
    expect(await failure(() => transferConversation(h.db, stranger, { conversationId, toTeamId: elsewhere.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(() => listMessages(h.db, stranger, { conversationId, limit: 10 }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(() => sendAgentReply(h.db, supervisor(), { conversationId: 987_654, body: "hi" }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await failure(() => sendAgentReply(h.db, supervisor(), { conversationId, body: "" }))).toMatchObject({ code: "INVALID_INPUT", field: "body" });
    expect(await failure(() => sendAgentReply(h.db, supervisor(), { conversationId, body: "a".repeat(5001) }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "body",
    });
    expect(await failure(() => addInternalNote(h.db, supervisor(), { conversationId, body: "a".repeat(1001) }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "body",
    });
    expect(await footprint(h.db, conversationId)).toEqual(before);
  });

  it("adds internal notes in any status without counting as a reply", async () => {
    const { agent, conversationId } = await activeConversation();
    const note = await addInternalNote(h.db, agent, { conversationId, body: "客户情绪激动，注意安抚" });
    expect(await h.db.message.findUniqueOrThrow({ where: { id: note.messageId } })).toMatchObject({ kind: "NOTE", senderType: "AGENT", senderId: agent.id });
    // the customer's widget listens on the conversation's channel: a note's event never carries its text
    const noteEvent = vi.mocked(publish).mock.calls.find(([, event, data]) => event === "message.created" && data.id === note.messageId);
    expect(noteEvent?.[2]).toMatchObject({ kind: "NOTE", message: null });
    expect(JSON.stringify(noteEvent)).not.toContain("注意安抚");
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).firstResponseAt).toBeNull();
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await addInternalNote(h.db, agent, { conversationId, body: "已回访" });
    expect((await listCustomerMessages(h.db, { conversationId, limit: 50 })).items.some((m) => m.kind === "NOTE")).toBe(false);
  });

  it("adds up paused time; the SLA clock stops while paused and a customer's message resumes", async () => {
    const { agent, conversationId } = await activeConversation();
    await pauseConversation(h.db, agent, { conversationId });
    await h.db.conversation.update({ where: { id: conversationId }, data: { pausedAt: new Date(Date.now() - 90_000) } });
    expect((await resumeConversation(h.db, agent, { conversationId })).pausedSeconds).toBe(90);
    await pauseConversation(h.db, agent, { conversationId });
    await h.db.conversation.update({ where: { id: conversationId }, data: { pausedAt: new Date(Date.now() - 30_000) } });
    expect((await resumeConversation(h.db, agent, { conversationId })).pausedSeconds).toBe(120);
    expect((await h.db.conversationEvent.findMany({ where: { conversationId, type: "RESUMED" } })).map((e) => e.detail)).toEqual([
      { pausedSeconds: 90 },
      { pausedSeconds: 30 },
    ]);

    await pauseConversation(h.db, agent, { conversationId });
    await h.db.conversation.update({ where: { id: conversationId }, data: { pausedAt: new Date(Date.now() - 10_000) } });
    const externalUserId = (await h.db.customerIdentity.findFirstOrThrow({ where: { customer: { conversations: { some: { id: conversationId } } } } }))
      .externalUserId;
    await receiveCustomerMessage(h.db, message({ externalUserId, body: "我查到了，单号是 123" }));
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: "ACTIVE",
      pausedAt: null,
      pausedSeconds: 130,
    });

    await pauseConversation(h.db, agent, { conversationId });
    await h.db.conversation.update({ where: { id: conversationId }, data: { pausedAt: new Date(Date.now() - 20_000) } });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: "RESOLVED",
      pausedAt: null,
      pausedSeconds: 150,
    });
  });

  it("transfers to an agent only when they are ONLINE with a free slot, with the note and a new reply timer", async () => {
    const { team, agent, conversationId } = await activeConversation();
    const away = await makeAgent(h.db, { teamIds: [team.id], presence: "AWAY" });
    const full = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 1 });
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: full.id, teamId: team.id });
    const free = await makeAgent(h.db, { teamIds: [team.id] });
    const before = await footprint(h.db, conversationId);
    expect(await failure(() => transferConversation(h.db, agent, { conversationId, toUserId: away.id }))).toMatchObject({
      code: "AGENT_UNAVAILABLE",
      field: "toUserId",
      params: { presence: "AWAY" },
    });
    expect(await failure(() => transferConversation(h.db, agent, { conversationId, toUserId: full.id }))).toMatchObject({
      code: "AGENT_AT_CAPACITY",
      params: { open: 1, max: 1 },
    });
    expect(await failure(() => transferConversation(h.db, agent, { conversationId, toUserId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "toUserId",
    });
    expect(await failure(() => transferConversation(h.db, agent, { conversationId, toUserId: agent.id }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "toUserId",
    });
    expect(await failure(() => transferConversation(h.db, agent, { conversationId, note: "x" }))).toMatchObject({ code: "INVALID_INPUT", field: "toUserId" });
    expect(await footprint(h.db, conversationId)).toEqual(before);

    const result = await transferConversation(h.db, agent, { conversationId, toUserId: free.id, note: "客户要求开专票，请跟进" });
    expect(result).toMatchObject({ status: "ACTIVE", assigneeId: free.id });
    const event = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "TRANSFERRED" } });
    expect(event).toMatchObject({ actorId: agent.id, fromUserId: agent.id, toUserId: free.id, detail: { manual: true, note: "客户要求开专票，请跟进" } });
    expect(await h.db.message.findFirst({ where: { conversationId, kind: "NOTE" } })).toMatchObject({ body: "客户要求开专票，请跟进", senderId: agent.id });
    expect(await h.db.job.count({ where: { dedupeKey: `conversation.replyTimeout:${conversationId}:${event.id}` } })).toBe(1);
    expect(vi.mocked(publish)).toHaveBeenCalledWith(`private-agent-${agent.id}`, "conversation.unassigned", { id: conversationId });
    expect(await failure(() => sendAgentReply(h.db, agent, { conversationId, body: "还在吗" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("transfers to a team through the queue, and routing gives it to that team's agent", async () => {
    const { agent, conversationId } = await activeConversation();
    const billing = await makeTeam(h.db);
    const billingAgent = await makeAgent(h.db, { teamIds: [billing.id] });
    const result = await transferConversation(h.db, agent, { conversationId, toTeamId: billing.id, note: "发票问题" });
    expect(result).toMatchObject({ status: "ACTIVE", assigneeId: billingAgent.id, teamId: billing.id });
    expect((await eventTypes(h.db, conversationId)).slice(-3)).toEqual(["TRANSFERRED", "QUEUED", "ASSIGNED"]);
    expect(await failure(() => transferConversation(h.db, supervisor(), { conversationId, toTeamId: 987_654 }))).toMatchObject({
      code: "NOT_FOUND",
      field: "toTeamId",
    });
  });

  it("resolves with a configured category; resolving frees the slot and the next conversation is routed", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 1 });
    const first = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, queuedAt: new Date(Date.now() - 60_000) });
    const second = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    await routeQueued(h.db, { teamId: team.id });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "QUEUED" });

    expect(await failure(() => resolveConversation(h.db, agent, { conversationId: first.id, resolutionCategory: "随便写的" }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "resolutionCategory",
    });
    await updateSetting(h.db, "conversation.resolution", { categories: ["问题已解决", "自定义分类"], botCategory: "机器人已解答" }, h.users.ADMIN.id);
    await resolveConversation(h.db, agent, { conversationId: first.id, resolutionCategory: "自定义分类" });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
    expect(await h.db.conversationEvent.findFirst({ where: { conversationId: first.id, type: "RESOLVED" } })).toMatchObject({
      actorId: agent.id,
      detail: { resolutionCategory: "自定义分类" },
    });
    await h.db.setting.delete({ where: { key: "conversation.resolution" } });
  });

  it("takes one satisfaction rating, 1–5, for a conversation a person resolved", async () => {
    const { agent, conversationId } = await activeConversation();
    expect(await failure(() => submitCsat(h.db, { conversationId, score: 5 }))).toMatchObject({ code: "CSAT_NOT_AVAILABLE" });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    for (const score of [0, 6, 2.5, Number.NaN])
      expect(await failure(() => submitCsat(h.db, { conversationId, score }))).toMatchObject({ code: "INVALID_INPUT", field: "score" });
    expect(await failure(() => submitCsat(h.db, { conversationId, score: 5, comment: "好".repeat(1001) }))).toMatchObject({ field: "comment" });
    expect(await failure(() => submitCsat(h.db, { conversationId, score: 5, customerId: 987_654 }))).toMatchObject({ code: "NOT_FOUND" });
    await submitCsat(h.db, { conversationId, score: 4, comment: "回复很及时" });
    expect(await failure(() => submitCsat(h.db, { conversationId, score: 1 }))).toMatchObject({ code: "ALREADY_DONE" });
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ csatScore: 4, csatComment: "回复很及时" });
    expect(await h.db.conversationEvent.findMany({ where: { conversationId, type: "CSAT" } })).toMatchObject([{ detail: { score: 4, comment: "回复很及时" } }]);

    const bot = await receiveCustomerMessage(h.db, message());
    await resolveByBot(h.db, bot.conversationId);
    expect(await failure(() => submitCsat(h.db, { conversationId: bot.conversationId, score: 5 }))).toMatchObject({ code: "CSAT_NOT_AVAILABLE" });
    expect(await failure(() => submitCsat(h.db, { conversationId: 987_654, score: 5 }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("reply timeout", () => {
  it("puts the conversation back in the queue when the assignee never answered, tells supervisors and routes it to someone else", async () => {
    const { team, agent, conversationId } = await activeConversation({ replyTimeoutSeconds: 60 });
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${conversationId}:` } },
    });
    const other = await makeAgent(h.db, { teamIds: [team.id] });
    vi.mocked(publish).mockClear();

    // due through the worker, like in production
    await h.db.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    // the report rollup jobs of the earlier tests are not this test's business: they wait
    await h.db.job.updateMany({ where: { status: "PENDING", type: "event.reports.rollup" }, data: { runAt: new Date(Date.now() + 3_600_000) } });
    await runDueJobs(h.db, "test-worker", { batchSize: 50 });
    expect((await h.db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("SUCCEEDED");

    const requeued = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "REQUEUED" } });
    expect(requeued).toMatchObject({ fromStatus: "ACTIVE", toStatus: "QUEUED", fromUserId: agent.id, toTeamId: team.id, detail: { reason: "reply_timeout" } });
    // the agent who let it wait is not given it back, even with the fewest open conversations
    expect(await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "ACTIVE", assigneeId: other.id });
    expect(vi.mocked(publish)).toHaveBeenCalledWith(["private-monitor", `private-team-${team.id}`], "conversation.replyTimeout", {
      id: conversationId,
      teamId: team.id,
      agentId: agent.id,
    });
    expect(vi.mocked(publish)).toHaveBeenCalledWith(`private-agent-${agent.id}`, "conversation.unassigned", { id: conversationId });

    // running the same job again does nothing
    const before = await footprint(h.db, conversationId);
    expect(await handleReplyTimeout(h.db, job.payload)).toBe("stale");
    expect(await footprint(h.db, conversationId)).toEqual(before);
  });

  it("does nothing once the agent has replied, or for an older assignment", async () => {
    const { team, agent, conversationId } = await activeConversation();
    const job = await h.db.job.findFirstOrThrow({
      where: { type: "conversation.replyTimeout", dedupeKey: { startsWith: `conversation.replyTimeout:${conversationId}:` } },
    });
    await sendAgentReply(h.db, agent, { conversationId, body: "您好" });
    let before = await footprint(h.db, conversationId);
    expect(await handleReplyTimeout(h.db, job.payload)).toBe("replied");
    expect(await footprint(h.db, conversationId)).toEqual(before);

    const colleague = await makeAgent(h.db, { teamIds: [team.id] });
    await transferConversation(h.db, agent, { conversationId, toUserId: colleague.id });
    await transferConversation(h.db, colleague, { conversationId, toUserId: agent.id });
    before = await footprint(h.db, conversationId);
    expect(await handleReplyTimeout(h.db, job.payload)).toBe("stale");
    expect(await handleReplyTimeout(h.db, { nonsense: true })).toBe("stale");
    expect(await footprint(h.db, conversationId)).toEqual(before);
  });
});

describe("message history", () => {
  it("returns exactly the gap after a client's last seen id, in pages", async () => {
    const { agent, conversationId } = await activeConversation();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await sendAgentReply(h.db, agent, { conversationId, body: `第 ${i} 条` })).messageId);
    const all = (await listMessages(h.db, agent, { conversationId, limit: 200 })).items.map((m) => m.id);
    const lastSeen = ids[2]!;
    const gap = all.filter((id) => id > lastSeen);

    const page1 = await listMessages(h.db, agent, { conversationId, afterId: lastSeen, limit: 3 });
    expect(page1.items.map((m) => m.id)).toEqual(gap.slice(0, 3));
    expect(page1.hasMore).toBe(true);
    const page2 = await listMessages(h.db, agent, { conversationId, afterId: page1.items.at(-1)!.id, limit: 3 });
    expect(page2.items.map((m) => m.id)).toEqual(gap.slice(3, 6));
    expect(page2.hasMore).toBe(false);
    expect(await listMessages(h.db, agent, { conversationId, afterId: all.at(-1)!, limit: 3 })).toEqual({ items: [], hasMore: false });

    const latest = await listMessages(h.db, agent, { conversationId, limit: 4 });
    expect(latest.items.map((m) => m.id)).toEqual(all.slice(-4));
    const older = await listMessages(h.db, agent, { conversationId, beforeId: latest.items[0]!.id, limit: 100 });
    expect(older.items.map((m) => m.id)).toEqual(all.slice(0, -4));
    expect(await listMessages(h.db, agent, { conversationId: 987_654, limit: 3 }).catch((e: AppError) => e.code)).toBe("NOT_FOUND");
  });
});

describe("queue position", () => {
  it("counts who is ahead in routing order and estimates the wait from the team's recent pace", async () => {
    const team = await makeTeam(h.db);
    const old = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, queuedAt: new Date(Date.now() - 300_000) });
    const vip = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 1 });
    const me = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    expect(await queuePosition(h.db, vip.id)).toMatchObject({ position: 1 });
    expect(await queuePosition(h.db, old.id)).toMatchObject({ position: 2 });
    expect(await queuePosition(h.db, me.id)).toMatchObject({ position: 3, expectedWaitSeconds: null });

    // six assignments in the last half hour: one every five minutes
    for (let i = 0; i < 6; i++) {
      const done = await makeConversation(h.db, { status: "RESOLVED", teamId: team.id });
      await h.db.conversationEvent.create({ data: { conversationId: done.id, type: "ASSIGNED", toTeamId: team.id, at: new Date(Date.now() - i * 60_000) } });
    }
    expect(await queuePosition(h.db, me.id)).toMatchObject({ position: 3, expectedWaitSeconds: 900 });
    expect(await queuePosition(h.db, (await makeConversation(h.db, { status: "ACTIVE" })).id)).toEqual({
      status: "ACTIVE",
      position: null,
      expectedWaitSeconds: null,
    });
  });
});
