import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, outcome, type Harness } from "../test/harness.ts";
import { handoffToQueue } from "../services/conversation/handoff.ts";
import { receiveCustomerMessage } from "../services/conversation/receive-message.ts";
import { makeAgent, makeConversation, makeTeam, quiesce } from "../services/conversation/test-fixtures.ts";

vi.mock("../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await quiesce(h);
});
afterAll(async () => {
  await h.database.drop();
});

let visitor = 0;
/** A customer's conversation handed to a fresh agent through the real services. */
async function assigned(options: { subject?: string } = {}) {
  const team = await makeTeam(h.db);
  const agent = await makeAgent(h.db, { teamIds: [team.id] });
  visitor++;
  const received = await receiveCustomerMessage(h.db, {
    channel: "WEB",
    externalUserId: `rv-${visitor}`,
    clientId: `rc-${visitor}`,
    body: "我要退货",
    customerName: `客户${visitor}`,
  });
  if (options.subject) await h.db.conversation.update({ where: { id: received.conversationId }, data: { subject: options.subject } });
  await handoffToQueue(h.db, received.conversationId, { reason: "customer_request", teamId: team.id });
  return { team, agent, id: received.conversationId, customer: { externalUserId: `rv-${visitor}` } };
}

describe("conversation router: input", () => {
  it.each([
    ["reply", "an empty body", { body: "" }, "body"],
    ["reply", "a blank body", { body: "   " }, "body"],
    ["reply", "a body of 5,001 characters", { body: "长".repeat(5001) }, "body"],
    ["reply", "a number as body", { body: 42 }, "body"],
    ["reply", "a clientId with spaces", { body: "hi", clientId: "has space" }, "clientId"],
    ["note", "a note of 1,001 characters", { body: "长".repeat(1001) }, "body"],
    ["transfer", "no target", {}, "toUserId"],
    ["transfer", "a note of 1,001 characters", { toTeamId: 1, note: "长".repeat(1001) }, "note"],
    ["transfer", "a negative user id", { toUserId: -3 }, "toUserId"],
    ["resolve", "an empty category", { resolutionCategory: "" }, "resolutionCategory"],
    ["resolve", "a note of 1,001 characters", { resolutionCategory: "问题已解决", note: "长".repeat(1001) }, "note"],
    ["markRead", "message id 0", { messageId: 0 }, "messageId"],
  ] as const)("%s refuses %s with BAD_REQUEST naming the field, writing nothing", async (procedure, _label, patch, field) => {
    const { agent, id } = await assigned();
    const before = await h.db.message.count({ where: { conversationId: id } });
    const caller = h.callerFor(agent).conversation as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    expect(await outcome(() => caller[procedure]!({ id, ...patch }))).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.message.count({ where: { conversationId: id } })).toBe(before);
  });

  it("refuses a wrong id type, a bad date range, a bad cursor and too large pages", async () => {
    const caller = h.callerFor(h.users.SUPERVISOR);
    expect(await outcome(() => caller.conversation.get({ id: "12" as never }))).toMatchObject({ code: "BAD_REQUEST", field: "id" });
    expect(await outcome(() => caller.conversation.get({ id: 1.5 }))).toMatchObject({ code: "BAD_REQUEST", field: "id" });
    const from = new Date("2026-01-01T00:00:00Z");
    expect(await outcome(() => caller.conversation.list({ view: "all", from, to: new Date(from.getTime() + 367 * 86_400_000) }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "to",
    });
    expect(await outcome(() => caller.conversation.list({ view: "all", from, to: new Date(from.getTime() - 1000) }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "to",
    });
    expect((await caller.conversation.list({ view: "all", from, to: new Date(from.getTime() + 366 * 86_400_000) })).items).toBeInstanceOf(Array);
    expect(await outcome(() => caller.conversation.list({ view: "all", cursor: "x'; DROP TABLE" }))).toMatchObject({ code: "BAD_REQUEST", field: "cursor" });
    expect(await outcome(() => caller.conversation.list({ view: "queue", cursor: "12.34" }))).toMatchObject({ code: "BAD_REQUEST", field: "cursor" });
    expect(await outcome(() => caller.conversation.list({ view: "all", limit: 101 }))).toMatchObject({ code: "BAD_REQUEST", field: "limit" });
    expect(await outcome(() => caller.conversation.list({ view: "everything" as never }))).toMatchObject({ code: "BAD_REQUEST", field: "view" });
    expect(await outcome(() => caller.conversation.messages({ id: 1, limit: 201 }))).toMatchObject({ code: "BAD_REQUEST", field: "limit" });
  });

  it("answers NOT_FOUND for an unknown conversation everywhere", async () => {
    const caller = h.callerFor(h.users.SUPERVISOR).conversation;
    const id = 987_654;
    const calls: [string, () => Promise<unknown>][] = [
      ["get", () => caller.get({ id })],
      ["messages", () => caller.messages({ id })],
      ["reply", () => caller.reply({ id, body: "您好" })],
      ["note", () => caller.note({ id, body: "备注" })],
      ["transfer", () => caller.transfer({ id, toTeamId: h.users.AGENT.id })],
      ["pause", () => caller.pause({ id })],
      ["resume", () => caller.resume({ id })],
      ["resolve", () => caller.resolve({ id, resolutionCategory: "问题已解决" })],
      ["markRead", () => caller.markRead({ id })],
      ["reassign", () => caller.reassign({ id, toUserId: h.users.AGENT.id })],
    ];
    for (const [name, call] of calls) expect((await outcome(call)).code, name).toBe("NOT_FOUND");
  });
});

describe("conversation router: who may act", () => {
  it("keeps another agent out of a conversation (FORBIDDEN, audited) and lets its assignee and supervisors in", async () => {
    const { agent, id } = await assigned();
    const other = await makeAgent(h.db);
    const stranger = h.callerFor(other).conversation;
    for (const [name, call] of [
      ["get", () => stranger.get({ id })],
      ["messages", () => stranger.messages({ id })],
      ["reply", () => stranger.reply({ id, body: "插一句" })],
      ["note", () => stranger.note({ id, body: "插一句" })],
      ["pause", () => stranger.pause({ id })],
      ["resolve", () => stranger.resolve({ id, resolutionCategory: "问题已解决" })],
      ["transfer", () => stranger.transfer({ id, toUserId: other.id })],
      ["markRead", () => stranger.markRead({ id })],
      ["reassign", () => stranger.reassign({ id, toUserId: other.id })],
    ] as const)
      expect((await outcome(call)).code, name).toBe("FORBIDDEN");
    const refused = await h.db.auditLog.findFirst({ where: { actorId: other.id, action: "conversation.reply" }, orderBy: { id: "desc" } });
    expect(refused).toMatchObject({ targetType: "Conversation", targetId: String(id), result: "DENIED", detail: { error: "FORBIDDEN" } });
    expect(await h.db.message.count({ where: { conversationId: id, senderId: other.id } })).toBe(0);

    await h.callerFor(agent).conversation.reply({ id, body: "您好，请提供订单号" });
    await h.callerFor(h.users.SUPERVISOR).conversation.note({ id, body: "注意退货时效" });
    const audit = await h.db.auditLog.findFirst({ where: { actorId: agent.id, action: "conversation.reply" } });
    expect(audit).toMatchObject({ result: "SUCCESS", targetType: "Conversation", targetId: String(id) });
    expect(await outcome(() => h.callerFor(h.users.QA).conversation.get({ id }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers an illegal transition with BAD_REQUEST naming both states", async () => {
    const { agent, id } = await assigned();
    const caller = h.callerFor(agent).conversation;
    const error = await caller.resume({ id }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string; cause: { code: string; params: unknown } },
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", cause: { code: "ILLEGAL_TRANSITION", params: { from: "ACTIVE", to: "ACTIVE" } } });
    await caller.resolve({ id, resolutionCategory: "问题已解决" });
    const second = await caller.pause({ id }).then(
      () => null,
      (e: unknown) => e as { message: string },
    );
    expect(second?.message).toMatch(/RESOLVED.*PAUSED/);
  });

  it("lets only supervisors reassign, including a waiting conversation to an agent by hand", async () => {
    const team = await makeTeam(h.db, { autoAssign: false });
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const { id } = await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    expect(await outcome(() => h.callerFor(agent).conversation.reassign({ id, toUserId: agent.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await h.callerFor(h.users.SUPERVISOR).conversation.reassign({ id, toUserId: agent.id })).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
  });
});

describe("conversation router: lists and details", () => {
  it("lists by view with keyset pages, unread counts and read markers", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 10 });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      visitor++;
      const r = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: `lv-${visitor}`, clientId: `lc-${visitor}`, body: `问题 ${i}` });
      await handoffToQueue(h.db, r.conversationId, { reason: "customer_request", teamId: team.id });
      ids.push(r.conversationId);
    }
    const caller = h.callerFor(agent).conversation;
    const page1 = await caller.list({ view: "mine", limit: 2 });
    const page2 = await caller.list({ view: "mine", limit: 2, cursor: page1.nextCursor });
    const page3 = await caller.list({ view: "mine", limit: 2, cursor: page2.nextCursor });
    const listed = [...page1.items, ...page2.items, ...page3.items].map((c) => c.id);
    expect(listed.sort()).toEqual([...ids].sort());
    expect(page3.nextCursor).toBeUndefined();
    expect(page1.items[0]).toMatchObject({ unread: 1, team: { id: team.id }, assignee: { id: agent.id } });
    expect(page1.items[0]!.customer.name).toMatch(/^web-/);
    expect(page1.items[0]!.lastMessage).toMatchObject({ senderType: "SYSTEM", kind: "EVENT" });

    // the customer writes twice more in the first conversation: 3 unread until the agent reads it
    const first = ids[0]!;
    const externalUserId = (await h.db.customerIdentity.findFirstOrThrow({ where: { customer: { conversations: { some: { id: first } } } } })).externalUserId;
    for (const n of [1, 2]) await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId, clientId: `more-${first}-${n}`, body: "在吗" });
    const unread = async () => (await caller.list({ view: "mine", limit: 10 })).items.find((c) => c.id === first)!.unread;
    expect(await unread()).toBe(3);
    const lastMessageId = (await h.db.conversation.findUniqueOrThrow({ where: { id: first } })).lastMessageId!;
    expect(await caller.markRead({ id: first })).toEqual({ conversationId: first, lastReadMessageId: lastMessageId });
    expect(await unread()).toBe(0);
    const older = (await h.db.message.findFirstOrThrow({ where: { conversationId: first }, orderBy: { id: "asc" } })).id;
    expect(await caller.markRead({ id: first, messageId: older })).toEqual({ conversationId: first, lastReadMessageId: lastMessageId });
    const foreign = (await h.db.message.findFirstOrThrow({ where: { conversationId: ids[1] } })).id;
    expect(await outcome(() => caller.markRead({ id: first, messageId: foreign }))).toMatchObject({ code: "NOT_FOUND", field: "messageId" });

    // the most recently active comes first
    expect((await caller.list({ view: "mine", limit: 1 })).items[0]!.id).toBe(first);
    expect(await outcome(() => caller.list({ view: "all" }))).toMatchObject({ code: "FORBIDDEN" });
    const elsewhere = await makeTeam(h.db);
    expect(await outcome(() => caller.list({ view: "team", teamId: elsewhere.id }))).toMatchObject({ code: "FORBIDDEN", field: "teamId" });
    expect((await caller.list({ view: "team" })).items.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect((await h.callerFor(h.users.SUPERVISOR).conversation.list({ view: "all", teamId: team.id, status: "ACTIVE" })).items).toHaveLength(5);
  });

  it("lists the queue in routing order across pages, and filters by search, channel, tag and date", async () => {
    const team = await makeTeam(h.db);
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const c1 = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 0, queuedAt: at(30) });
    const c2 = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 2, queuedAt: at(1) });
    const c3 = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 0, queuedAt: at(40) });
    const c4 = await makeConversation(h.db, { status: "QUEUED", teamId: team.id, priority: 0, queuedAt: at(40) });
    const member = await makeAgent(h.db, { teamIds: [team.id], presence: "OFFLINE" });
    const caller = h.callerFor(member).conversation;
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.list({ view: "queue", teamId: team.id, limit: 1, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([c2.id, c3.id, c4.id, c1.id]);

    const supervisorList = h.callerFor(h.users.SUPERVISOR).conversation.list;
    const { id: subjectId } = await assigned({ subject: "发票抬头写错了" });
    expect((await supervisorList({ view: "all", search: "抬头" })).items.map((c) => c.id)).toEqual([subjectId]);
    expect((await supervisorList({ view: "all", search: String(subjectId) })).items.map((c) => c.id)).toContain(subjectId);
    const phoneCustomer = await h.db.customer.create({ data: { name: "手机客户", ...protectPhone(fieldKeysFromEnv(), "13700137000") } });
    const byPhone = await makeConversation(h.db, { status: "RESOLVED", customerId: phoneCustomer.id });
    expect((await supervisorList({ view: "all", search: "137 0013 7000" })).items.map((c) => c.id)).toEqual([byPhone.id]);
    const tag = await h.db.tag.create({ data: { name: "催单-test" } });
    await h.db.conversationTag.create({ data: { conversationId: c1.id, tagId: tag.id } });
    expect((await supervisorList({ view: "all", tagId: tag.id })).items.map((c) => c.id)).toEqual([c1.id]);
    expect((await supervisorList({ view: "all", channel: "WECHAT" })).items).toEqual([]);
    expect((await supervisorList({ view: "all", from: new Date(Date.now() + 3_600_000), to: new Date(Date.now() + 7_200_000) })).items).toEqual([]);
  });

  it("gets a conversation with the customer summary — phone as the last 4 digits only", async () => {
    const { agent, id } = await assigned();
    const conversation = await h.db.conversation.findUniqueOrThrow({ where: { id } });
    await h.db.customer.update({ where: { id: conversation.customerId }, data: { level: "VIP", ...protectPhone(fieldKeysFromEnv(), "13600136000") } });
    await makeConversation(h.db, { status: "RESOLVED", customerId: conversation.customerId });
    const tag = await h.db.tag.create({ data: { name: "老客户-test" } });
    await h.db.customerTag.create({ data: { customerId: conversation.customerId, tagId: tag.id } });
    const detail = await h.callerFor(agent).conversation.get({ id });
    expect(detail).toMatchObject({
      id,
      status: "ACTIVE",
      canAct: true,
      assignee: { id: agent.id },
      customer: { level: "VIP", phoneLast4: "6000", pastConversations: 1, tags: [{ name: "老客户-test" }] },
    });
    expect(JSON.stringify(detail)).not.toMatch(/13600136000|phoneHash|phoneEnc|idNumber/);
    const messages = await h.callerFor(agent).conversation.messages({ id });
    expect(messages.items.map((m) => m.senderType)).toEqual(["CUSTOMER", "SYSTEM", "SYSTEM"]);
  });

  it("gives supervisors the queue overview per team", async () => {
    const team = await makeTeam(h.db);
    await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 4 });
    const busy = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 2, presence: "OFFLINE" });
    await makeConversation(h.db, { status: "ACTIVE", teamId: team.id, assigneeId: busy.id });
    await makeConversation(h.db, { status: "PAUSED", teamId: team.id, assigneeId: busy.id });
    await h.db.team.update({ where: { id: team.id }, data: { autoAssign: false } });
    await makeConversation(h.db, { status: "QUEUED", teamId: team.id, queuedAt: new Date(Date.now() - 120_000) });
    await makeConversation(h.db, { status: "QUEUED", teamId: team.id });
    const [row] = await h.callerFor(h.users.SUPERVISOR).conversation.queueOverview({ teamId: team.id });
    expect(row).toMatchObject({ teamId: team.id, queued: 2, active: 1, paused: 1, agentsOnline: 1, freeSlots: 4, autoAssign: false });
    expect(row!.longestWaitSeconds).toBeGreaterThanOrEqual(119);
    expect(await outcome(() => h.callerFor(h.users.AGENT).conversation.queueOverview())).toMatchObject({ code: "FORBIDDEN" });
  });
});
