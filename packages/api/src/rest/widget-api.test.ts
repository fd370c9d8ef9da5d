import type { Db } from "@kefu/db/client";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addInternalNote, resolveConversation, routeQueued, sendAgentReply } from "../services/conversation/index.ts";
import { makeAgent } from "../services/conversation/test-fixtures.ts";
import { reindexAll } from "../services/knowledge/indexer.ts";
import { invalidateVocabulary } from "../services/knowledge/tokenizer.ts";
import { issueVisitorToken } from "../services/widget/visitor-token.ts";
import {
  handleWidgetAnswerFeedback,
  handleWidgetCsat,
  handleWidgetLeave,
  handleWidgetListMessages,
  handleWidgetPostMessage,
  handleWidgetRealtimeAuth,
  handleWidgetSession,
  handleWidgetState,
} from "./widget-api.ts";

let database: TestDatabase;
let db: Db;
let ipCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  // seedDemo refuses a database with staff: seed before anything else
  await seedDemo(database.url, { conversations: 10, customers: 10 });
  db = database.db;
  invalidateVocabulary();
  await reindexAll(db);
});
afterAll(async () => {
  await database.drop();
});

const BASE = "http://kefu.test";

function request(
  path: string,
  options: { method?: string; token?: string | null; body?: unknown; raw?: string; origin?: string | null; contentType?: string; ip?: string } = {},
) {
  const headers = new Headers({ host: "kefu.test", "x-forwarded-for": options.ip ?? `10.0.0.${++ipCounter % 250}` });
  if (options.origin !== null) headers.set("origin", options.origin ?? BASE);
  if (options.token) headers.set("authorization", `Visitor ${options.token}`);
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  return new Request(`${BASE}${path}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

interface ErrorBody {
  error: { code: string; field: string | null };
}

async function session(token?: string) {
  const response = await handleWidgetSession(db, request("/api/v1/widget/session", { method: "POST", token }));
  return {
    status: response.status,
    body: (await response.json()) as {
      token: string;
      config: { welcomeMessage: string };
      conversation: { id: number; status: string; position: number | null; csat: { available: boolean } } | null;
    },
  };
}

async function say(token: string, body: unknown, clientId: unknown = crypto.randomUUID()) {
  const response = await handleWidgetPostMessage(db, request("/api/v1/widget/messages", { token, body: { clientId, body } }));
  return { status: response.status, body: (await response.json()) as { conversationId: number; messageId: number; duplicate: boolean } & ErrorBody };
}

async function messagesAfter(token: string, after?: number) {
  const response = await handleWidgetListMessages(db, request(`/api/v1/widget/messages${after === undefined ? "" : `?after=${after}`}`, { token }));
  return {
    status: response.status,
    body: (await response.json()) as {
      conversationId: number | null;
      items: {
        id: number;
        senderType: string;
        kind: string;
        body: string;
        senderName: string | null;
        ratable: boolean;
        rating: { helpful: boolean; reason: string | null } | null;
      }[];
    },
  };
}

const counts = async () => ({ messages: await db.message.count(), conversations: await db.conversation.count(), customers: await db.customer.count() });

describe("widget session", () => {
  it("issues a token, keeps a valid one, and refuses a forged one with 401", async () => {
    const first = await session();
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^v1\./);
    expect(first.body.config.welcomeMessage).toContain("智能客服");
    expect(first.body.conversation).toBeNull();

    const again = await session(first.body.token);
    expect(again.body.token).toBe(first.body.token);

    const forged = `${first.body.token.slice(0, -4)}AAAA`;
    const response = await handleWidgetSession(db, request("/api/v1/widget/session", { method: "POST", token: forged }));
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "INVALID_VISITOR_TOKEN", field: "authorization" });
  });

  it("refuses cross-site POSTs", async () => {
    const { token } = issueVisitorToken();
    const before = await counts();
    const response = await handleWidgetPostMessage(
      db,
      request("/api/v1/widget/messages", { token, origin: "https://evil.example", body: { clientId: "x1", body: "你好" } }),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "FORBIDDEN", field: "origin" });
    expect(await counts()).toEqual(before);
  });
});

describe("widget messages", () => {
  it("refuses bad input naming the field and writes nothing", async () => {
    const { token } = issueVisitorToken();
    const before = await counts();
    const cases: { init: Parameters<typeof request>[1]; status: number; code: string; field: string }[] = [
      { init: { token: null, body: { clientId: "a1", body: "你好" } }, status: 401, code: "INVALID_VISITOR_TOKEN", field: "authorization" },
      { init: { token: "v1.forged.abc.def", body: { clientId: "a1", body: "你好" } }, status: 401, code: "INVALID_VISITOR_TOKEN", field: "authorization" },
      { init: { token, raw: "{not json" }, status: 400, code: "INVALID_INPUT", field: "body" },
      { init: { token, body: { clientId: "a1", body: "" } }, status: 400, code: "INVALID_INPUT", field: "body" },
      { init: { token, body: { clientId: "a1", body: "   " } }, status: 400, code: "INVALID_INPUT", field: "body" },
      { init: { token, body: { clientId: "a1", body: "长".repeat(5_001) } }, status: 400, code: "INVALID_INPUT", field: "body" },
      { init: { token, body: { clientId: "a1", body: 42 } }, status: 400, code: "INVALID_INPUT", field: "body" },
      { init: { token, body: { body: "你好" } }, status: 400, code: "INVALID_INPUT", field: "clientId" },
      { init: { token, body: { clientId: "a1", body: "你好", phone: "12345" } }, status: 400, code: "INVALID_INPUT", field: "phone" },
      { init: { token, body: { clientId: "a1", body: "你好", name: "名".repeat(65) } }, status: 400, code: "INVALID_INPUT", field: "name" },
      { init: { token, body: { clientId: "a1", body: "你好", teamId: "x" } }, status: 400, code: "INVALID_INPUT", field: "teamId" },
      { init: { token, body: { clientId: "a1", body: "你好", teamId: 999_999 } }, status: 404, code: "NOT_FOUND", field: "teamId" },
    ];
    for (const c of cases) {
      const response = await handleWidgetPostMessage(db, request("/api/v1/widget/messages", c.init));
      expect(response.status, JSON.stringify(c)).toBe(c.status);
      expect(((await response.json()) as ErrorBody).error, JSON.stringify(c)).toMatchObject({ code: c.code, field: c.field });
    }
    expect(await counts()).toEqual(before);
  });

  it("the bot answers from the knowledge base; a replayed clientId stores one message", async () => {
    const { body: s } = await session();
    const clientId = crypto.randomUUID();
    const first = await say(s.token, "请问怎么修改收货地址？", clientId);
    expect(first.status).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const replay = await say(s.token, "请问怎么修改收货地址？", clientId);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ conversationId: first.body.conversationId, messageId: first.body.messageId, duplicate: true });
    expect(await db.message.count({ where: { conversationId: first.body.conversationId, senderType: "CUSTOMER" } })).toBe(1);

    const list = await messagesAfter(s.token);
    expect(list.body.conversationId).toBe(first.body.conversationId);
    const bot = list.body.items.find((m) => m.senderType === "BOT");
    expect(bot?.body).toContain("修改收货地址");
    expect((await session(s.token)).body.conversation).toMatchObject({ id: first.body.conversationId, status: "BOT" });
  });

  it("lets the visitor rate a bot answer, change their mind, and keeps the article's counts equal to the ratings", async () => {
    const { body: s } = await session();
    const sent = await say(s.token, "请问怎么修改收货地址？");
    const listed = await messagesAfter(s.token);
    const answer = listed.body.items.find((m) => m.senderType === "BOT" && m.ratable);
    expect(answer?.rating).toBeNull();
    const customerMessage = listed.body.items.find((m) => m.senderType === "CUSTOMER")!;
    expect(customerMessage.ratable).toBe(false);
    const { kbArticleId } = await db.message.findUniqueOrThrow({ where: { id: answer!.id }, select: { kbArticleId: true } });
    const counts = () => db.kbArticle.findUniqueOrThrow({ where: { id: kbArticleId! }, select: { helpfulCount: true, unhelpfulCount: true } });
    const before = await counts();
    const rate = (body: unknown, token = s.token) => handleWidgetAnswerFeedback(db, request("/api/v1/widget/feedback", { token, body }));

    // bad input names the field and writes nothing
    for (const [body, field] of [
      [{ helpful: true }, "messageId"],
      [{ messageId: answer!.id }, "helpful"],
      [{ messageId: answer!.id, helpful: "yes" }, "helpful"],
      [{ messageId: answer!.id, helpful: false, reason: "boring" }, "reason"],
      [{ messageId: answer!.id, helpful: true, reason: "unclear" }, "reason"],
      [{ messageId: answer!.id, helpful: false, comment: "长".repeat(501) }, "comment"],
    ] as const) {
      const response = await rate(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "INVALID_INPUT", field });
    }
    // only a bot answer of the visitor's own conversation
    for (const messageId of [customerMessage.id, 999_999_999]) {
      const response = await rate({ messageId, helpful: true });
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "NOT_FOUND", field: "messageId" });
    }
    const { body: stranger } = await session();
    await say(stranger.token, "你好");
    expect((await rate({ messageId: answer!.id, helpful: false }, stranger.token)).status).toBe(404);
    expect(await db.kbFeedback.count({ where: { messageId: answer!.id } })).toBe(0);
    expect(await counts()).toEqual(before);

    const unhelpful = await rate({ messageId: answer!.id, helpful: false, reason: "unclear", comment: "  步骤看不懂  " });
    expect(unhelpful.status).toBe(200);
    expect(await counts()).toEqual({ helpfulCount: before.helpfulCount, unhelpfulCount: before.unhelpfulCount + 1 });
    expect(await db.kbFeedback.findUniqueOrThrow({ where: { messageId: answer!.id } })).toMatchObject({
      articleId: kbArticleId,
      conversationId: sent.body.conversationId,
      helpful: false,
      reason: "unclear",
      comment: "步骤看不懂",
    });
    // the same rating twice (a double click) counts once; changing one's mind moves the count
    await Promise.all([rate({ messageId: answer!.id, helpful: true }), rate({ messageId: answer!.id, helpful: true })]);
    expect(await counts()).toEqual({ helpfulCount: before.helpfulCount + 1, unhelpfulCount: before.unhelpfulCount });
    expect(await db.kbFeedback.findUniqueOrThrow({ where: { messageId: answer!.id } })).toMatchObject({ helpful: true, reason: null, comment: null });
    expect((await messagesAfter(s.token)).body.items.find((m) => m.id === answer!.id)?.rating).toEqual({ helpful: true, reason: null });
  });

  it("a page embedding the widget for one team sends the conversation to that team's agents", async () => {
    const team = await db.team.create({ data: { name: `专线-${crypto.randomUUID().slice(0, 8)}` }, select: { id: true } });
    const agent = await makeAgent(db, { teamIds: [team.id], maxConcurrent: 50 });
    const { body: s } = await session();
    const response = await handleWidgetPostMessage(
      db,
      request("/api/v1/widget/messages", { token: s.token, body: { clientId: crypto.randomUUID(), body: "你好", teamId: team.id } }),
    );
    expect(response.status).toBe(201);
    const { conversationId } = (await response.json()) as { conversationId: number };
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { teamId: true } })).toEqual({ teamId: team.id });

    await say(s.token, "转人工");
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { status: true, teamId: true, assigneeId: true } });
    expect(conversation).toEqual({ status: "ACTIVE", teamId: team.id, assigneeId: agent.id });
  });

  it("GET ?after=id returns exactly the gap and never internal notes; after must be an id", async () => {
    const { body: s } = await session();
    const first = await say(s.token, "转人工");
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: first.body.conversationId } });
    expect(["QUEUED", "ACTIVE"]).toContain(conversation.status);
    const all = (await messagesAfter(s.token)).body.items;
    const lastSeen = all.at(-1)!.id;

    const agent = await makeAgent(db, { teamIds: [conversation.teamId ?? (await db.team.findFirstOrThrow()).id], maxConcurrent: 50 });
    if (conversation.status === "QUEUED") await routeQueued(db);
    const assigned = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(assigned.status).toBe("ACTIVE");
    const actor = { id: assigned.assigneeId!, role: assigned.assigneeId === agent.id ? agent.role : ("AGENT" as const) };
    await addInternalNote(db, actor, { conversationId: conversation.id, body: "内部备注：客户很着急" });
    const reply = await sendAgentReply(db, actor, { conversationId: conversation.id, body: "您好，我来为您处理" });

    const gap = (await messagesAfter(s.token, lastSeen)).body.items;
    const expected = await db.message.findMany({
      where: { conversationId: conversation.id, id: { gt: lastSeen }, kind: { not: "NOTE" } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(gap.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(gap.some((m) => m.kind === "NOTE" || m.body.includes("内部备注"))).toBe(false);
    const agentMessage = gap.find((m) => m.id === reply.messageId);
    expect(agentMessage).toMatchObject({ senderType: "AGENT", body: "您好，我来为您处理" });
    expect(agentMessage?.senderName).toBeTruthy();
    expect((await messagesAfter(s.token, reply.messageId)).body.items).toEqual([]);

    const bad = await handleWidgetListMessages(db, request("/api/v1/widget/messages?after=abc", { token: s.token }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error).toMatchObject({ code: "INVALID_INPUT", field: "after" });
  });
});

describe("widget realtime auth", () => {
  it("lets a visitor subscribe only to their own conversation channel", async () => {
    const mine = await session();
    const theirs = await session();
    const a = await say(mine.body.token, "你好");
    const b = await say(theirs.body.token, "你好呀");
    const auth = (token: string, channel: string, socketId = "123.456") =>
      handleWidgetRealtimeAuth(
        db,
        request("/api/v1/widget/realtime-auth", {
          token,
          raw: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
          contentType: "application/x-www-form-urlencoded",
        }),
      );
    const ok = await auth(mine.body.token, `private-conversation-${a.body.conversationId}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { auth: string }).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);

    for (const channel of [
      `private-conversation-${b.body.conversationId}`,
      "private-monitor",
      "presence-agents",
      `private-conversation-${a.body.conversationId}x`,
    ]) {
      const refused = await auth(mine.body.token, channel);
      expect(refused.status, channel).toBe(403);
      expect(((await refused.json()) as ErrorBody).error).toMatchObject({ code: "FORBIDDEN", field: "channel_name" });
    }
    const badSocket = await auth(mine.body.token, `private-conversation-${a.body.conversationId}`, "nope");
    expect(badSocket.status).toBe(400);
    const forged = await auth(`${mine.body.token}x`, `private-conversation-${a.body.conversationId}`);
    expect(forged.status).toBe(401);
  });
});

describe("widget state, leave and CSAT", () => {
  it("shows the queue position, lets the visitor leave the queue, and refuses leaving twice", async () => {
    // no agent can take it: everyone offline
    await db.user.updateMany({ where: { role: "AGENT" }, data: { presence: "OFFLINE" } });
    const { body: s } = await session();
    const noConversation = await handleWidgetState(db, request("/api/v1/widget/state", { token: s.token }));
    expect(await noConversation.json()).toEqual({ conversation: null });
    const leaveEarly = await handleWidgetLeave(db, request("/api/v1/widget/leave", { method: "POST", token: s.token }));
    expect(leaveEarly.status).toBe(404);

    const sent = await say(s.token, "人工");
    const state = (await (await handleWidgetState(db, request("/api/v1/widget/state", { token: s.token }))).json()) as {
      conversation: { id: number; status: string; position: number };
    };
    expect(state.conversation).toMatchObject({ id: sent.body.conversationId, status: "QUEUED" });
    expect(state.conversation.position).toBeGreaterThanOrEqual(1);

    const left = await handleWidgetLeave(db, request("/api/v1/widget/leave", { method: "POST", token: s.token }));
    expect(left.status).toBe(200);
    expect(await left.json()).toEqual({ conversationId: sent.body.conversationId, status: "ABANDONED" });
    const again = await handleWidgetLeave(db, request("/api/v1/widget/leave", { method: "POST", token: s.token }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as ErrorBody).error.code).toBe("ILLEGAL_TRANSITION");
  });

  it("offers CSAT once an agent resolves, validates the score and accepts it once", async () => {
    const { body: s } = await session();
    const sent = await say(s.token, "转人工");
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: sent.body.conversationId } });
    const agent = await makeAgent(db, { teamIds: [conversation.teamId ?? (await db.team.findFirstOrThrow()).id], maxConcurrent: 50 });
    await routeQueued(db);
    const assigned = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(assigned.assigneeId).toBe(agent.id);

    const csat = (body: unknown) => handleWidgetCsat(db, request("/api/v1/widget/csat", { token: s.token, body }));
    const early = await csat({ score: 5 });
    expect(early.status).toBe(412);
    expect(((await early.json()) as ErrorBody).error.code).toBe("CSAT_NOT_AVAILABLE");

    await sendAgentReply(db, agent, { conversationId: conversation.id, body: "已为您修改" });
    await resolveConversation(db, agent, { conversationId: conversation.id, resolutionCategory: "问题已解决" });
    expect((await session(s.token)).body.conversation).toMatchObject({ status: "RESOLVED", csat: { available: true } });

    for (const [body, field] of [
      [{ score: 0 }, "score"],
      [{ score: 6 }, "score"],
      [{ score: "5" }, "score"],
      [{ score: 5, comment: "长".repeat(1_001) }, "comment"],
    ] as const) {
      const response = await csat(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "INVALID_INPUT", field });
    }
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).csatScore).toBeNull();

    const ok = await csat({ score: 5, comment: "很满意" });
    expect(ok.status).toBe(200);
    const stored = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(stored).toMatchObject({ csatScore: 5, csatComment: "很满意" });
    expect((await csat({ score: 4 })).status).toBe(409);
    expect((await session(s.token)).body.conversation).toMatchObject({ csat: { available: false } });
  });
});
