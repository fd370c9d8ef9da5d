import type { Db } from "@kefu/db/client";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addInternalNote, routeQueued, sendAgentReply } from "../services/conversation/index.ts";
import { makeAgent } from "../services/conversation/test-fixtures.ts";
import { createApiKey, revokeApiKey } from "../services/integration/api-keys.ts";
import { reindexAll } from "../services/knowledge/indexer.ts";
import { invalidateVocabulary } from "../services/knowledge/tokenizer.ts";
import { handleChannelListMessages, handleChannelPostMessage } from "./channel-api.ts";

let database: TestDatabase;
let db: Db;
let key: string;
let revokedKey: string;
let webhookKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // seedDemo refuses a database with staff: seed before anything else
  await seedDemo(database.url, { conversations: 10, customers: 10 });
  db = database.db;
  invalidateVocabulary();
  await reindexAll(db);
  const admin = await db.user.findUniqueOrThrow({ where: { employeeNo: "1000" } });
  key = (await createApiKey(db, { name: "wechat", scopes: ["channel.messages"], createdById: admin.id })).key;
  const revoked = await createApiKey(db, { name: "old", scopes: ["channel.messages"], createdById: admin.id });
  await revokeApiKey(db, revoked.id);
  revokedKey = revoked.key;
  webhookKey = (await createApiKey(db, { name: "hooks", scopes: ["webhooks.read"], createdById: admin.id })).key;
});
afterAll(async () => {
  await database.drop();
});

interface ErrorBody {
  error: { code: string; field: string | null; message: string };
}

function post(channel: string, body: unknown, options: { key?: string | null; raw?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  const presented = options.key === undefined ? key : options.key;
  if (presented !== null) headers.set("authorization", `Bearer ${presented}`);
  const request = new Request(`http://kefu.test/api/v1/channels/${channel}/messages`, { method: "POST", headers, body: options.raw ?? JSON.stringify(body) });
  return handleChannelPostMessage(db, request, channel);
}

function get(channel: string, query: string, presented: string | null = key) {
  const headers = new Headers();
  if (presented !== null) headers.set("authorization", `Bearer ${presented}`);
  return handleChannelListMessages(db, new Request(`http://kefu.test/api/v1/channels/${channel}/messages?${query}`, { headers }), channel);
}

const counts = async () => ({
  messages: await db.message.count(),
  conversations: await db.conversation.count(),
  customers: await db.customer.count(),
  identities: await db.customerIdentity.count(),
});

describe("channel API: POST messages", () => {
  it("refuses every bad request with the status, code and field, writing nothing", async () => {
    const good = { userId: "wx-openid-1", clientMessageId: "m-1", text: "你好" };
    const before = await counts();
    const cases: { run: () => Promise<Response>; status: number; code: string; field: string }[] = [
      { run: () => post("wechat", good, { key: null }), status: 401, code: "INVALID_API_KEY", field: "authorization" },
      { run: () => post("wechat", good, { key: "kf_wrong" }), status: 401, code: "INVALID_API_KEY", field: "authorization" },
      { run: () => post("wechat", good, { key: `${key.slice(0, -3)}abc` }), status: 401, code: "INVALID_API_KEY", field: "authorization" },
      { run: () => post("wechat", good, { key: revokedKey }), status: 401, code: "INVALID_API_KEY", field: "authorization" },
      { run: () => post("wechat", good, { key: webhookKey }), status: 403, code: "FORBIDDEN", field: "authorization" },
      { run: () => post("sms", good), status: 404, code: "NOT_FOUND", field: "channel" },
      { run: () => post("__proto__", good), status: 404, code: "NOT_FOUND", field: "channel" },
      { run: () => post("wechat", null, { raw: '{"userId":' }), status: 400, code: "INVALID_INPUT", field: "body" },
      { run: () => post("wechat", null, { raw: "[1,2]" }), status: 400, code: "INVALID_INPUT", field: "body" },
      { run: () => post("wechat", { ...good, text: "" }), status: 400, code: "INVALID_INPUT", field: "text" },
      { run: () => post("wechat", { ...good, text: "  \n " }), status: 400, code: "INVALID_INPUT", field: "text" },
      { run: () => post("wechat", { ...good, text: "字".repeat(5_001) }), status: 400, code: "INVALID_INPUT", field: "text" },
      { run: () => post("wechat", { ...good, text: 12 }), status: 400, code: "INVALID_INPUT", field: "text" },
      { run: () => post("wechat", { ...good, userId: "" }), status: 400, code: "INVALID_INPUT", field: "userId" },
      { run: () => post("wechat", { ...good, userId: "u".repeat(129) }), status: 400, code: "INVALID_INPUT", field: "userId" },
      { run: () => post("wechat", { ...good, clientMessageId: undefined }), status: 400, code: "INVALID_INPUT", field: "clientMessageId" },
      { run: () => post("wechat", { ...good, clientMessageId: "c".repeat(65) }), status: 400, code: "INVALID_INPUT", field: "clientMessageId" },
      { run: () => post("wechat", { ...good, name: "名".repeat(65) }), status: 400, code: "INVALID_INPUT", field: "name" },
      { run: () => post("wechat", { ...good, phone: "not-a-phone" }), status: 400, code: "INVALID_INPUT", field: "phone" },
    ];
    for (const [i, c] of cases.entries()) {
      const response = await c.run();
      const body = (await response.json()) as ErrorBody;
      expect(response.status, `case ${i}`).toBe(c.status);
      expect(body.error, `case ${i}`).toMatchObject({ code: c.code, field: c.field });
    }
    expect(await counts()).toEqual(before);
  });

  it("accepts 5,000 characters, answers with the bot, and a replayed clientMessageId stores one message", async () => {
    const long = await post("app", { userId: "app-user-long", clientMessageId: "long-1", text: "字".repeat(5_000) });
    expect(long.status).toBe(201);

    const first = await post("wechat", { userId: "wx-openid-2", clientMessageId: "wx msg/1 (any shape)", text: "请问怎么修改收货地址？", name: "王先生" });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { conversationId: number; messageId: number; duplicate: boolean };
    expect(created.duplicate).toBe(false);
    const replay = await post("wechat", { userId: "wx-openid-2", clientMessageId: "wx msg/1 (any shape)", text: "请问怎么修改收货地址？" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ conversationId: created.conversationId, messageId: created.messageId, duplicate: true });
    expect(await db.message.count({ where: { conversationId: created.conversationId, senderType: "CUSTOMER" } })).toBe(1);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: created.conversationId }, include: { customer: true } });
    expect(conversation.channel).toBe("WECHAT");
    expect(conversation.customer.name).toBe("王先生");

    const replies = await get("wechat", "userId=wx-openid-2&after=0");
    expect(replies.status).toBe(200);
    const page = (await replies.json()) as { conversationId: number; nextAfter: number; items: { senderType: string; text: string }[] };
    expect(page.conversationId).toBe(created.conversationId);
    expect(page.items.every((m) => m.senderType !== "CUSTOMER")).toBe(true);
    expect(page.items.find((m) => m.senderType === "BOT")?.text).toContain("修改收货地址");
  });
});

describe("channel API: GET replies", () => {
  it("returns exactly what came after the id, never internal notes", async () => {
    const sent = (await (await post("api", { userId: "crm-77", clientMessageId: "h-1", text: "转人工" })).json()) as { conversationId: number };
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: sent.conversationId } });
    const agent = await makeAgent(db, { teamIds: [conversation.teamId ?? (await db.team.findFirstOrThrow()).id], maxConcurrent: 50 });
    await db.user.updateMany({ where: { role: "AGENT", id: { not: agent.id } }, data: { presence: "OFFLINE" } });
    if (conversation.status === "QUEUED") await routeQueued(db);
    const assigned = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const actor = { id: assigned.assigneeId!, role: "AGENT" as const };
    const first = (await (await get("api", "userId=crm-77")).json()) as { nextAfter: number };

    await addInternalNote(db, actor, { conversationId: conversation.id, body: "内部备注" });
    const reply = await sendAgentReply(db, actor, { conversationId: conversation.id, body: "您好，请讲" });
    const gap = (await (await get("api", `userId=crm-77&after=${first.nextAfter}`)).json()) as {
      items: { id: number; text: string; senderType: string; senderName: string | null }[];
      nextAfter: number;
    };
    expect(gap.items.map((m) => m.id)).toEqual([reply.messageId]);
    expect(gap.items[0]).toMatchObject({ senderType: "AGENT", text: "您好，请讲" });
    expect(gap.nextAfter).toBe(reply.messageId);
    expect(((await (await get("api", `userId=crm-77&after=${reply.messageId}`)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("names the field of a bad query; an unknown user is 404", async () => {
    const cases: [Response, number, string, string][] = [
      [await get("wechat", "userId=wx-openid-2", null), 401, "INVALID_API_KEY", "authorization"],
      [await get("wechat", "userId=wx-openid-2", webhookKey), 403, "FORBIDDEN", "authorization"],
      [await get("line", "userId=wx-openid-2"), 404, "NOT_FOUND", "channel"],
      [await get("wechat", ""), 400, "INVALID_INPUT", "userId"],
      [await get("wechat", "userId=wx-openid-2&after=-1"), 400, "INVALID_INPUT", "after"],
      [await get("wechat", "userId=wx-openid-2&limit=0"), 400, "INVALID_INPUT", "limit"],
      [await get("wechat", "userId=wx-openid-2&limit=101"), 400, "INVALID_INPUT", "limit"],
      [await get("wechat", "userId=wx-openid-2&limit=1.5"), 400, "INVALID_INPUT", "limit"],
      [await get("wechat", "userId=wx-openid-2&after=abc"), 400, "INVALID_INPUT", "after"],
      [await get("wechat", `userId=${"u".repeat(129)}`), 400, "INVALID_INPUT", "userId"],
      [await get("wechat", "userId=nobody"), 404, "NOT_FOUND", "userId"],
      // the user exists on WeChat, not on the app channel
      [await get("app", "userId=wx-openid-2"), 404, "NOT_FOUND", "userId"],
    ];
    for (const [i, [response, status, code, field]] of cases.entries()) {
      expect(response.status, `case ${i}`).toBe(status);
      expect(((await response.json()) as ErrorBody).error, `case ${i}`).toMatchObject({ code, field });
    }
  });
});
