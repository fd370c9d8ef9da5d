/**
 * Tickets on the real database, and the external systems as real HTTP servers started here: a Zendesk-like server
 * that makes the ticket and then answers 500 on the first attempt (the retry must not make a second one), a
 * Jira-like server, and the signed status callback with good and bad signatures.
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleTicketStatusCallback } from "../../rest/ticket-api.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeConversation, makeTeam, quiesce } from "../conversation/test-fixtures.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A Zendesk- and Jira-compatible ticket server keeping its tickets in memory. */
async function startTicketServer() {
  const seen: Seen[] = [];
  const zendesk = new Map<string, number>();
  const jira = new Map<string, string>();
  let nextId = 100;
  let failNextAfterCreating = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const send = (status: number, data: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(data));
      };
      if (request.url === "/api/v2/tickets.json" && request.method === "POST") {
        const key = String(request.headers["idempotency-key"] ?? "");
        let id = zendesk.get(key);
        if (id === undefined) {
          id = nextId++;
          zendesk.set(key, id);
        }
        if (failNextAfterCreating > 0) {
          failNextAfterCreating--;
          return send(500, { error: "upstream timeout" });
        }
        return send(201, { ticket: { id, status: "new" } });
      }
      if (request.url?.startsWith("/rest/api/3/search/jql")) {
        const jql = new URL(request.url, "http://x").searchParams.get("jql") ?? "";
        const label = /labels = "(.+)"/.exec(jql)?.[1] ?? "";
        const key = jira.get(label);
        return send(200, { issues: key ? [{ key }] : [] });
      }
      if (request.url === "/rest/api/3/issue" && request.method === "POST") {
        const fields = (JSON.parse(body) as { fields: { labels: string[]; project: { key: string } } }).fields;
        const key = `${fields.project.key}-${nextId++}`;
        jira.set(fields.labels[0]!, key);
        if (failNextAfterCreating > 0) {
          failNextAfterCreating--;
          return send(502, {});
        }
        return send(201, { key, id: "1" });
      }
      send(404, {});
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    zendesk,
    jira,
    failNext: (n: number) => (failNextAfterCreating = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let h: Harness;
let server: Awaited<ReturnType<typeof startTicketServer>>;
beforeAll(async () => {
  h = await createHarness();
  server = await startTicketServer();
});
afterEach(async () => {
  await quiesce(h);
  await h.db.ticket.deleteMany();
  await h.db.ticketSystem.deleteMany();
  await h.db.job.deleteMany();
  server.seen.length = 0;
});
afterAll(async () => {
  await server.close();
  await h.database.drop();
});

/** Runs every job that is due now; jobs a failure pushed into the future are made due first when `catchUp`. */
async function runJobs(catchUp = false) {
  if (catchUp) await h.db.job.updateMany({ where: { status: "PENDING" }, data: { runAt: new Date(Date.now() - 1000) } });
  for (let round = 0; round < 20; round++) if ((await runDueJobs(h.db, "test-worker", { batchSize: 20 })) === 0) return;
}

async function heldConversation() {
  const team = await makeTeam(h.db);
  const conversation = await makeConversation(h.db, { status: "ACTIVE", assigneeId: h.users.AGENT.id, teamId: team.id });
  await h.db.message.create({ data: { conversationId: conversation.id, senderType: "CUSTOMER", body: "订单 8812 一直没有发货" } });
  await h.db.message.create({ data: { conversationId: conversation.id, senderType: "AGENT", senderId: h.users.AGENT.id, body: "我帮您查一下" } });
  await h.db.message.create({ data: { conversationId: conversation.id, senderType: "CUSTOMER", body: "已经等了五天了" } });
  return { ...conversation, teamId: team.id };
}

const agent = () => h.callerFor(h.users.AGENT);
const admin = () => h.callerFor(h.users.ADMIN);

function signed(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  // written apart from the server's signing code, from the documented rule
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

function callback(systemId: number, body: string, headers: { signature: string; timestamp?: number }) {
  return handleTicketStatusCallback(
    h.db,
    new Request("http://localhost/api/v1/tickets/status", {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-kefu-ticket-system": String(systemId),
        "x-kefu-timestamp": String(headers.timestamp ?? Math.floor(Date.now() / 1000)),
        "x-kefu-signature": headers.signature,
      },
    }),
  );
}

describe("built-in tickets", () => {
  it("an agent drafts a ticket from a conversation and creates it: linked, with its history and its event, no push without a system", async () => {
    const conversation = await heldConversation();
    const draft = await agent().ticket.draftFromConversation({ conversationId: conversation.id });
    expect(draft.subject).toBe("订单 8812 一直没有发货");
    expect(draft.description).toBe("订单 8812 一直没有发货\n已经等了五天了");
    const ticket = await agent().ticket.create({
      subject: draft.subject,
      description: draft.description,
      priority: "HIGH",
      type: "PROBLEM",
      teamId: conversation.teamId,
      customFields: { order_no: "8812" },
      conversationIds: [conversation.id],
    });
    expect(ticket).toMatchObject({
      status: "OPEN",
      priority: "HIGH",
      type: "PROBLEM",
      syncStatus: "LOCAL",
      conversationIds: [conversation.id],
      customFields: { order_no: "8812" },
    });
    expect(ticket.createdBy.id).toBe(h.users.AGENT.id);
    const listed = await agent().ticket.listForConversation({ conversationId: conversation.id });
    expect(listed.map((t) => t.id)).toEqual([ticket.id]);
    const history = await h.db.ticketChange.findMany({ where: { ticketId: ticket.id } });
    expect(history.map((row) => [row.field, row.toValue, row.actorId])).toEqual([["created", "OPEN", h.users.AGENT.id]]);
    const jobs = await h.db.job.findMany({ select: { type: true } });
    expect(jobs.map((job) => job.type)).not.toContain("event.tickets.push");
  });

  it("changes status, assignee and due date with one history line each; the same value again is ALREADY_DONE", async () => {
    const ticket = await agent().ticket.create({ subject: "退款", description: "客户要求退款" });
    const due = "2026-12-10T08:00:00.000Z";
    const updated = await h.callerFor(h.users.SUPERVISOR).ticket.update({ id: ticket.id, status: "PENDING", assigneeId: h.users.AGENT.id, dueAt: due });
    expect(updated).toMatchObject({ status: "PENDING", assignee: { id: h.users.AGENT.id } });
    expect(updated.dueAt?.toISOString()).toBe(due);
    const detail = await agent().ticket.get({ id: ticket.id });
    expect(detail.history.map((line) => line.field).sort()).toEqual(["assigneeId", "created", "dueAt", "status"]);
    expect((await outcome(() => agent().ticket.update({ id: ticket.id, status: "PENDING" }))).appCode).toBe("ALREADY_DONE");
    const solved = await agent().ticket.update({ id: ticket.id, status: "SOLVED" });
    expect(solved.solvedAt).not.toBeNull();
  });

  it("lists with filters, sorted and paginated", async () => {
    const a = await agent().ticket.create({ subject: "A", description: "a", priority: "LOW" });
    const b = await agent().ticket.create({ subject: "B", description: "b", priority: "URGENT", assigneeId: h.users.AGENT.id });
    await agent().ticket.create({ subject: "C", description: "c", priority: "NORMAL" });
    await agent().ticket.update({ id: a.id, status: "SOLVED" });
    const mine = await agent().ticket.list({ assignee: "me" });
    expect(mine.items.map((t) => t.id)).toEqual([b.id]);
    const open = await agent().ticket.list({ status: "OPEN", sort: "priority" });
    expect(open.items.map((t) => t.subject)).toEqual(["B", "C"]);
    const page2 = await agent().ticket.list({ pageSize: 2, page: 2, sort: "created" });
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.items.map((t) => t.subject)).toEqual(["A"]);
  });

  it("bad input names the field and writes nothing", async () => {
    const conversation = await heldConversation();
    const cases: [unknown, string][] = [
      [{ subject: "", description: "x" }, "subject"],
      [{ subject: "x".repeat(201), description: "x" }, "subject"],
      [{ subject: "s", description: "" }, "description"],
      [{ subject: "s", description: "d", priority: "SOON" }, "priority"],
      [{ subject: "s", description: "d", customFields: { "Bad Key": "v" } }, "customFields.Bad Key"],
      [{ subject: "s", description: "d", customFields: { ok: "v".repeat(501) } }, "customFields.ok"],
      [{ subject: "s", description: "d", dueAt: "next week" }, "dueAt"],
      [{ subject: "s", description: "d", assigneeId: 999_999 }, "assigneeId"],
      [{ subject: "s", description: "d", teamId: 999_999 }, "teamId"],
      [{ subject: "s", description: "d", conversationIds: [999_999] }, "conversationIds"],
    ];
    for (const [input, field] of cases) {
      const result = await outcome(() => agent().ticket.create(input as never));
      expect(result.field, JSON.stringify(input)).toBe(field);
      expect(result.code).not.toBe("INTERNAL_SERVER_ERROR");
    }
    // someone else's conversation
    const other = await makeConversation(h.db, { status: "ACTIVE", assigneeId: h.users.SUPERVISOR.id });
    expect(await outcome(() => agent().ticket.create({ subject: "s", description: "d", conversationIds: [other.id] }))).toMatchObject({
      code: "FORBIDDEN",
      field: "conversationIds",
    });
    expect(await h.db.ticket.count()).toBe(0);
    expect(await h.db.ticketChange.count()).toBe(0);
    expect(conversation.id).toBeGreaterThan(0);
  });

  it("a webhook endpoint subscribed to ticket events receives ticket.created", async () => {
    const endpoint = await admin().integration.createWebhook({ name: "tickets", url: `${server.url}/hooks`, events: ["ticket.created", "ticket.updated"] });
    const ticket = await agent().ticket.create({ subject: "发票", description: "需要补开发票" });
    await runJobs();
    const deliveries = await h.db.webhookDelivery.findMany({ where: { webhookId: endpoint.id }, select: { event: true, payload: true } });
    expect(deliveries.map((d) => d.event)).toEqual(["ticket.created"]);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "ticket.created",
      data: { ticket: { id: ticket.id, subject: "发票", status: "OPEN" }, changes: ["created"] },
    });
    await h.db.webhook.deleteMany();
  });
});

describe("external ticket systems", () => {
  it("Zendesk: the first attempt makes the ticket and answers 500; the retry sends the same key and makes no second ticket", async () => {
    const system = await admin().integration.createTicketSystem({
      name: "Zendesk",
      kind: "ZENDESK",
      baseUrl: server.url,
      username: "ops@demo.cn",
      token: "zd-token",
    });
    const stored = await h.db.ticketSystem.findUniqueOrThrow({ where: { id: system.id } });
    expect(stored.tokenEnc).not.toContain("zd-token");
    expect(stored.callbackSecretEnc).not.toContain(system.callbackSecret);
    const conversation = await heldConversation();
    server.failNext(1);
    const ticket = await agent().ticket.create({ subject: "物流异常", description: "包裹丢失", priority: "URGENT", conversationIds: [conversation.id] });
    expect(ticket.syncStatus).toBe("PENDING");
    await runJobs();
    const failed = await h.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(failed).toMatchObject({ syncStatus: "FAILED", externalId: null });
    expect(failed.syncError).toContain("500");
    await runJobs(true);
    const synced = await h.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(synced).toMatchObject({ syncStatus: "SYNCED", externalId: "100", externalUrl: `${server.url}/agent/tickets/100`, syncError: null });
    const posts = server.seen.filter((request) => request.url === "/api/v2/tickets.json");
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((p) => p.headers["idempotency-key"]))).toEqual(new Set([synced.idempotencyKey]));
    expect(posts[0]!.headers.authorization).toBe(`Basic ${Buffer.from("ops@demo.cn/token:zd-token").toString("base64")}`);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ ticket: { subject: "物流异常", priority: "urgent", external_id: `kefu-${ticket.id}` } });
    expect(server.zendesk.size).toBe(1);
    // a job run once more changes nothing
    await runJobs(true);
    expect(server.seen.filter((request) => request.url === "/api/v2/tickets.json")).toHaveLength(2);
  });

  it("Jira: a retry finds the issue by its label instead of creating another", async () => {
    await admin().integration.createTicketSystem({
      name: "Jira",
      kind: "JIRA",
      baseUrl: server.url,
      username: "ops@demo.cn",
      token: "jira-token",
      projectKey: "CS",
    });
    server.failNext(1);
    const ticket = await agent().ticket.create({ subject: "系统报错", description: "支付页 500", type: "INCIDENT" });
    await runJobs();
    await runJobs(true);
    const synced = await h.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(synced.syncStatus).toBe("SYNCED");
    expect(synced.externalId).toMatch(/^CS-\d+$/);
    expect(server.seen.filter((request) => request.url === "/rest/api/3/issue")).toHaveLength(1);
    expect(server.jira.size).toBe(1);
  });

  it("the status callback: a good signature moves the status; a bad signature, a stale timestamp or a bad body writes nothing", async () => {
    const system = await admin().integration.createTicketSystem({ name: "Zendesk", kind: "ZENDESK", baseUrl: server.url, token: "zd-token" });
    const ticket = await agent().ticket.create({ subject: "账号冻结", description: "无法登录" });
    await runJobs();
    const { externalId } = await h.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    const body = JSON.stringify({ externalId, status: "solved" });
    const before = await h.db.ticketChange.count();

    const badSignature = await callback(system.id, body, { signature: signed("not-the-secret", body) });
    expect(badSignature.status).toBe(401);
    expect(await badSignature.json()).toMatchObject({ error: { field: "x-kefu-signature" } });
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect((await callback(system.id, body, { signature: signed(system.callbackSecret, body, stale), timestamp: stale })).status).toBe(401);
    expect((await callback(system.id + 1000, body, { signature: signed(system.callbackSecret, body) })).status).toBe(401);
    const badBody = JSON.stringify({ externalId, status: "archived" });
    const bad = await callback(system.id, badBody, { signature: signed(system.callbackSecret, badBody) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "status" } });
    const noId = JSON.stringify({ status: "solved" });
    expect(await (await callback(system.id, noId, { signature: signed(system.callbackSecret, noId) })).json()).toMatchObject({
      error: { field: "externalId" },
    });
    expect(await h.db.ticketChange.count()).toBe(before);
    expect((await h.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("OPEN");

    const good = await callback(system.id, body, { signature: signed(system.callbackSecret, body) });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ id: ticket.id, status: "SOLVED", changed: true });
    const detail = await agent().ticket.get({ id: ticket.id });
    expect(detail.status).toBe("SOLVED");
    expect(detail.history[0]).toMatchObject({ field: "status", fromValue: "OPEN", toValue: "SOLVED", source: "EXTERNAL", actor: null });
  });

  it("ticket system input names the field", async () => {
    expect(
      (await outcome(() => admin().integration.createTicketSystem({ name: "J", kind: "JIRA", baseUrl: server.url, token: "t", projectKey: "" }))).field,
    ).toBe("projectKey");
    expect((await outcome(() => admin().integration.createTicketSystem({ name: "J", kind: "REST", baseUrl: "ftp://x", token: "t" }))).field).toBe("baseUrl");
    expect((await outcome(() => admin().integration.createTicketSystem({ name: "J", kind: "REST", baseUrl: server.url, token: "" }))).field).toBe("token");
    expect(await h.db.ticketSystem.count()).toBe(0);
  });
});
