/**
 * The CRM look-up and sync with real HTTP: a fake CRM started here answers from a script, and checks every
 * signature with its own node:crypto code. The clock is passed in (breaker cool-down, cache age), never slept.
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CRM_BREAKER_COOLDOWN_SECONDS, CRM_BREAKER_THRESHOLD, CRM_CACHE_FRESH_SECONDS, type SaveCrmConnectionInput } from "../../contracts/crm.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { handoffToQueue, receiveCustomerMessage, resolveConversation, sendAgentReply } from "../conversation/index.ts";
import { mergeCustomers, updateCustomerProfile } from "../customer/index.ts";
import { makeAgent, makeConversation, makeCustomer, makeTeam, quiesce } from "../conversation/test-fixtures.ts";
import { CRM_SYNC_JOB, lookupCustomer, syncCustomerNow } from "./index.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
interface Scripted {
  status: number;
  body?: unknown;
  delayMs?: number;
}

/** A fake CRM: answers each request from the script (then `fallback`), recording every request. */
async function startFakeCrm() {
  const requests: Received[] = [];
  const script: Scripted[] = [];
  const state = { fallback: { status: 200, body: {} } as Scripted };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ path: request.url ?? "", headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const next = script.shift() ?? state.fallback;
      const reply = () => {
        if (response.destroyed) return;
        response.writeHead(next.status, { "content-type": "application/json" });
        response.end(next.body === undefined ? "" : JSON.stringify(next.body));
      };
      if (next.delayMs) setTimeout(reply, next.delayMs);
      else reply();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    script,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The receiver's own check: HMAC-SHA256 (hex) over "<timestamp>.<body>", written apart from the server's code. */
function signatureValid(secret: string, request: Received): boolean {
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${request.headers["x-kefu-timestamp"]}.${request.body}`).digest("hex");
  return request.headers["x-kefu-signature"] === `sha256=${expected}`;
}

const PROFILE = {
  profile: { vip_level: "黄金会员", total_spent: 12800, owner: "华东大客户部", internal_code: "X-1" },
  orders: [
    { id: "SO-1003", title: "空气净化器 X3", amount: 2599, currency: "CNY", status: "已发货", createdAt: "2026-11-30" },
    { id: "SO-0981", title: "滤网套装", amount: 399, currency: "CNY", status: "已签收", createdAt: "2026-10-02" },
  ],
};

let h: Harness;
let crm: Awaited<ReturnType<typeof startFakeCrm>>;
const SECRET = "s3cret-shared-with-the-crm";

beforeAll(async () => {
  h = await createHarness();
  crm = await startFakeCrm();
});
afterEach(async () => {
  await quiesce(h);
  await h.db.crmConnection.deleteMany();
  await h.db.crmLookupCache.deleteMany();
  await h.db.job.deleteMany();
  crm.requests.length = 0;
  crm.script.length = 0;
  crm.state.fallback = { status: 200, body: {} };
});
afterAll(async () => {
  await crm.close();
  await h.database.drop();
});

const admin = () => h.callerFor(h.users.ADMIN);

function connectionInput(overrides: Partial<SaveCrmConnectionInput> = {}): SaveCrmConnectionInput {
  return {
    enabled: true,
    adapter: "GENERIC",
    lookupUrl: `${crm.base}/lookup`,
    syncUrl: `${crm.base}/sync`,
    secret: SECRET,
    timeoutMs: 1_000,
    fieldMapping: [
      { crmField: "vip_level", label: "会员等级", customerField: null },
      { crmField: "total_spent", label: "累计消费", customerField: null },
      { crmField: "owner", label: "客户经理", customerField: null },
      { crmField: "contact_name", label: "姓名", customerField: "name" },
      { crmField: "contact_email", label: "邮箱", customerField: "email" },
    ],
    ...overrides,
  };
}

async function customerWithIds() {
  const customer = await makeCustomer(h.db, { level: "VIP" });
  await h.db.customer.update({ where: { id: customer.id }, data: { externalId: `ext-${customer.id}`, email: `c${customer.id}@example.cn`, name: "王小明" } });
  return customer.id;
}

/** Runs the worker until no job is due. */
async function drain() {
  for (let round = 0; round < 50; round++) if ((await runDueJobs(h.db, "test-worker", { batchSize: 50 })) === 0) return;
  throw new Error("the queue never emptied");
}

describe("CRM connection", () => {
  it("generates a secret shown once when none is given, stores it encrypted, keeps it when saved again empty", async () => {
    const saved = await admin().crm.saveConnection(connectionInput({ secret: "" }));
    expect(saved.secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    const row = await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.secretEnc).not.toContain(saved.secret!.slice(4));
    const view = await admin().crm.getConnection();
    expect(JSON.stringify(view)).not.toContain(saved.secret!.slice(4));
    expect(view).toMatchObject({ enabled: true, adapter: "GENERIC", timeoutMs: 1_000, lookupUrl: `${crm.base}/lookup` });

    const again = await admin().crm.saveConnection(connectionInput({ secret: "", timeoutMs: 2_000 }));
    expect(again.secret).toBeNull();
    expect((await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } })).secretEnc).toBe(row.secretEnc);

    // the test button signs with the stored secret
    crm.script.push({ status: 404 });
    expect(await admin().crm.testConnection()).toMatchObject({ ok: true, status: 404, error: null });
    expect(signatureValid(saved.secret!, crm.requests[0]!)).toBe(true);
    crm.script.push({ status: 401 });
    expect(await admin().crm.testConnection()).toMatchObject({ ok: false, status: 401, error: "HTTP 401" });
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const cases: [Partial<SaveCrmConnectionInput>, string][] = [
      [{ lookupUrl: "" }, "lookupUrl"],
      [{ lookupUrl: "ftp://crm.example.cn/x" }, "lookupUrl"],
      [{ lookupUrl: `https://crm.example.cn/${"x".repeat(500)}` }, "lookupUrl"],
      [{ syncUrl: "not a url" }, "syncUrl"],
      [{ adapter: "HUBSPOT", syncUrl: "" }, "syncUrl"],
      [{ adapter: "SALESFORCE" as never }, "adapter"],
      [{ secret: "short" }, "secret"],
      [{ timeoutMs: 100 }, "timeoutMs"],
      [{ timeoutMs: 60_000 }, "timeoutMs"],
      [{ fieldMapping: [{ crmField: "bad field!", label: "x", customerField: null }] }, "fieldMapping.0.crmField"],
      [{ fieldMapping: [{ crmField: "a", label: "", customerField: null }] }, "fieldMapping.0.label"],
      [{ fieldMapping: [{ crmField: "a", label: "x".repeat(33), customerField: null }] }, "fieldMapping.0.label"],
      [{ fieldMapping: [{ crmField: "a", label: "x", customerField: "password" as never }] }, "fieldMapping.0.customerField"],
      [
        {
          fieldMapping: [
            { crmField: "a", label: "x", customerField: null },
            { crmField: "a", label: "y", customerField: null },
          ],
        },
        "fieldMapping",
      ],
      [{ fieldMapping: Array.from({ length: 21 }, (_, i) => ({ crmField: `f${i}`, label: "x", customerField: null })) }, "fieldMapping"],
    ];
    for (const [overrides, field] of cases) {
      const result = await outcome(() => admin().crm.saveConnection(connectionInput(overrides)));
      expect(result, JSON.stringify(overrides).slice(0, 80)).toMatchObject({ code: "BAD_REQUEST", field });
    }
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).crm.saveConnection(connectionInput()))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => admin().crm.testConnection())).toMatchObject({ appCode: "CRM_NOT_CONFIGURED" });
    expect(await h.db.crmConnection.count()).toBe(0);
  });
});

describe("CRM look-up", () => {
  it("says NOT_CONFIGURED without a connection or when it is off, and asks nobody", async () => {
    const customerId = await customerWithIds();
    expect(await lookupCustomer(h.db, customerId)).toEqual({ state: "NOT_CONFIGURED" });
    await admin().crm.saveConnection(connectionInput({ enabled: false }));
    expect(await lookupCustomer(h.db, customerId)).toEqual({ state: "NOT_CONFIGURED" });
    expect(crm.requests).toHaveLength(0);
  });

  it("asks with a signed request, shows the mapped fields and orders, and serves the cache while fresh", async () => {
    await admin().crm.saveConnection(connectionInput());
    const customerId = await customerWithIds();
    const conversation = await makeConversation(h.db, { status: "ACTIVE", customerId, assigneeId: h.users.AGENT.id });
    crm.script.push({ status: 200, body: PROFILE });
    // the router reads the real clock: the test's clock starts at it
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const first = await lookupCustomer(h.db, customerId, { now: t0 });
    expect(first).toMatchObject({
      state: "FOUND",
      stale: false,
      ageSeconds: 0,
      profile: [
        { crmField: "vip_level", label: "会员等级", value: "黄金会员" },
        { crmField: "total_spent", label: "累计消费", value: "12800" },
        { crmField: "owner", label: "客户经理", value: "华东大客户部" },
      ],
      orders: [{ id: "SO-1003", title: "空气净化器 X3", amount: 2599 }, { id: "SO-0981" }],
    });
    expect(crm.requests).toHaveLength(1);
    const request = crm.requests[0]!;
    expect(request.path).toBe("/lookup");
    expect(signatureValid(SECRET, request)).toBe(true);
    expect(signatureValid("another-secret-entirely", request)).toBe(false);
    expect(request.headers["x-kefu-timestamp"]).toBe(String(t0.getTime() / 1000));
    expect(JSON.parse(request.body)).toEqual({
      customer: { id: customerId, externalId: `ext-${customerId}`, phone: null, email: `c${customerId}@example.cn`, name: "王小明" },
    });

    // within the fresh window the CRM is not asked again
    const second = await lookupCustomer(h.db, customerId, { now: new Date(t0.getTime() + 60_000) });
    expect(second).toMatchObject({ state: "FOUND", stale: false, ageSeconds: 60 });
    expect(crm.requests).toHaveLength(1);
    expect(crm.requests).toHaveLength(1);
    // the agent's panel (through the router, access checked) reads the same cache
    const panel = await h.callerFor(h.users.AGENT).crm.lookup({ conversationId: conversation.id });
    expect(panel).toMatchObject({ customerId, state: "FOUND", orders: [{ id: "SO-1003" }, { id: "SO-0981" }] });
    expect(crm.requests).toHaveLength(1);
    // past it, or on refresh, it is
    crm.script.push({ status: 200, body: { ...PROFILE, orders: [] } });
    const later = await lookupCustomer(h.db, customerId, { now: new Date(t0.getTime() + (CRM_CACHE_FRESH_SECONDS + 1) * 1000) });
    expect(later).toMatchObject({ state: "FOUND", stale: false, ageSeconds: 0, orders: [] });
    expect(crm.requests).toHaveLength(2);

    // someone else's customer stays hidden from an agent
    const other = await makeAgent(h.db);
    expect(await outcome(() => h.callerFor(other).crm.lookup({ conversationId: conversation.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(other).crm.lookup({ conversationId: 987_654 }))).toMatchObject({ appCode: "NOT_FOUND", field: "conversationId" });
    expect(await outcome(() => h.callerFor(other).crm.lookup({ conversationId: -1 }))).toMatchObject({ code: "BAD_REQUEST", field: "conversationId" });
  });

  it("says NOT_FOUND when the CRM does not know the customer (404), and caches that too", async () => {
    await admin().crm.saveConnection(connectionInput());
    const customerId = await customerWithIds();
    crm.script.push({ status: 404 });
    expect(await lookupCustomer(h.db, customerId)).toMatchObject({ state: "NOT_FOUND", profile: [], orders: [] });
    expect(await lookupCustomer(h.db, customerId)).toMatchObject({ state: "NOT_FOUND" });
    expect(crm.requests).toHaveLength(1);
  });

  it("gives up on a slow CRM after the timeout and says UNAVAILABLE", async () => {
    await admin().crm.saveConnection(connectionInput({ timeoutMs: 500 }));
    const customerId = await customerWithIds();
    crm.script.push({ status: 200, body: PROFILE, delayMs: 3_000 });
    const started = Date.now();
    expect(await lookupCustomer(h.db, customerId)).toEqual({ state: "UNAVAILABLE", reason: "error" });
    expect(Date.now() - started).toBeLessThan(2_500);
    const row = await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ consecutiveFailures: 1, circuitOpenedAt: null });
    expect(row.lastLookupError).toMatch(/timed out after 500 ms/);
  });

  it("opens the breaker after consecutive failures, fails fast, half-opens after the cool-down for one trial", async () => {
    await admin().crm.saveConnection(connectionInput());
    const customerId = await customerWithIds();
    crm.state.fallback = { status: 503 };
    const t0 = new Date("2026-12-02T09:00:00Z");
    for (let i = 0; i < CRM_BREAKER_THRESHOLD; i++)
      expect(await lookupCustomer(h.db, customerId, { now: new Date(t0.getTime() + i * 1000) })).toEqual({ state: "UNAVAILABLE", reason: "error" });
    expect(crm.requests).toHaveLength(CRM_BREAKER_THRESHOLD);
    const opened = await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(opened.circuitOpenedAt).toEqual(new Date(t0.getTime() + (CRM_BREAKER_THRESHOLD - 1) * 1000));
    expect(opened.lastLookupError).toBe("HTTP 503");

    // open: nothing is sent
    const openAt = opened.circuitOpenedAt!.getTime();
    expect(await lookupCustomer(h.db, customerId, { now: new Date(openAt + 10_000) })).toEqual({ state: "UNAVAILABLE", reason: "circuit_open" });
    expect(crm.requests).toHaveLength(CRM_BREAKER_THRESHOLD);

    // half-open after the cool-down: one trial; it fails, so the breaker stays open for another cool-down
    const trial1 = new Date(openAt + CRM_BREAKER_COOLDOWN_SECONDS * 1000 + 1);
    expect(await lookupCustomer(h.db, customerId, { now: trial1 })).toEqual({ state: "UNAVAILABLE", reason: "error" });
    expect(crm.requests).toHaveLength(CRM_BREAKER_THRESHOLD + 1);
    expect((await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } })).circuitOpenedAt).toEqual(trial1);
    expect(await lookupCustomer(h.db, customerId, { now: new Date(trial1.getTime() + 5_000) })).toEqual({ state: "UNAVAILABLE", reason: "circuit_open" });
    expect(crm.requests).toHaveLength(CRM_BREAKER_THRESHOLD + 1);

    // the next trial succeeds: closed, counters reset
    crm.state.fallback = { status: 200, body: PROFILE };
    const trial2 = new Date(trial1.getTime() + CRM_BREAKER_COOLDOWN_SECONDS * 1000 + 1);
    expect(await lookupCustomer(h.db, customerId, { now: trial2 })).toMatchObject({ state: "FOUND", stale: false });
    expect(await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ consecutiveFailures: 0, circuitOpenedAt: null });
  });

  it("shows the last answer with its age while the CRM is down", async () => {
    await admin().crm.saveConnection(connectionInput());
    const customerId = await customerWithIds();
    const t0 = new Date("2026-12-02T10:00:00Z");
    crm.script.push({ status: 200, body: PROFILE });
    await lookupCustomer(h.db, customerId, { now: t0 });
    crm.state.fallback = { status: 500 };
    const tenMinutesLater = new Date(t0.getTime() + 10 * 60_000);
    expect(await lookupCustomer(h.db, customerId, { now: tenMinutesLater })).toMatchObject({
      state: "FOUND",
      stale: true,
      ageSeconds: 600,
      fetchedAt: t0,
      profile: [{ label: "会员等级", value: "黄金会员" }, { label: "累计消费" }, { label: "客户经理" }],
    });
    expect(crm.requests).toHaveLength(2);
    // an answer that is not the contract counts as a failure too
    crm.script.push({ status: 200, body: { orders: "none" } });
    expect(await lookupCustomer(h.db, customerId, { now: new Date(tenMinutesLater.getTime() + 1000) })).toMatchObject({ stale: true });
    expect((await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } })).lastLookupError).toMatch(/unexpected answer: orders/);
  });

  it("warms the cache when a conversation starts, through the outbox", async () => {
    await admin().crm.saveConnection(connectionInput());
    crm.state.fallback = { status: 200, body: PROFILE };
    const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "crm-visitor-1", clientId: "crm-1", body: "你好" });
    expect(crm.requests).toHaveLength(0);
    await drain();
    const conversation = await h.db.conversation.findUniqueOrThrow({ where: { id: received.conversationId }, select: { customerId: true } });
    expect(crm.requests.filter((r) => r.path === "/lookup")).toHaveLength(1);
    expect(await h.db.crmLookupCache.findUnique({ where: { customerId: conversation.customerId } })).toMatchObject({ status: "FOUND" });
  });
});

describe("CRM sync", () => {
  it("pushes the summary of a resolved conversation through the generic adapter, retrying a failure", async () => {
    await admin().crm.saveConnection(connectionInput());
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "crm-visitor-2", clientId: "crm-2", body: "我想退货" });
    const conversationId = received.conversationId;
    const { customerId } = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { customerId: true } });
    await h.db.customer.update({ where: { id: customerId }, data: { name: "李雷", email: "lilei@example.cn" } });
    await handoffToQueue(h.db, conversationId, { reason: "customer_request", teamId: team.id });
    await sendAgentReply(h.db, agent, { conversationId, body: "好的，已为您登记退货" });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    crm.state.fallback = { status: 200, body: PROFILE };
    crm.script.push({ status: 200, body: PROFILE }, { status: 503, body: { error: "maintenance" } });
    await drain();
    // the first push failed and is counted for the admins
    let row = await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ syncFailureCount: 1, lastSyncSuccessAt: null });
    expect(row.lastSyncError).toMatch(/HTTP 503/);
    // its retry (the job's backoff moved up instead of waited)
    await h.db.job.updateMany({ where: { type: "event.crm.sync", status: "PENDING" }, data: { runAt: new Date() } });
    await drain();
    const pushes = crm.requests.filter((r) => r.path === "/sync");
    expect(pushes).toHaveLength(2);
    expect(pushes.every((r) => signatureValid(SECRET, r))).toBe(true);
    const messageCount = await h.db.message.count({ where: { conversationId, senderType: { in: ["CUSTOMER", "AGENT", "BOT"] }, kind: "TEXT" } });
    expect(messageCount).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(pushes[1]!.body)).toMatchObject({
      type: "conversation.summary",
      customer: { id: customerId, properties: { contact_name: "李雷", contact_email: "lilei@example.cn" } },
      conversation: { id: conversationId, channel: "WEB", resolutionCategory: "问题已解决", agent: agent.name, messageCount },
    });
    row = await h.db.crmConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.lastSyncSuccessAt).not.toBeNull();
    expect(row.syncFailureCount).toBe(1);
  });

  it("upserts a contact through the HubSpot adapter from the agent's button; a failure goes to the retries", async () => {
    await admin().crm.saveConnection(
      connectionInput({
        adapter: "HUBSPOT",
        syncUrl: `${crm.base}/`,
        secret: "pat-na1-0123456789abcdef",
        fieldMapping: [
          { crmField: "firstname", label: "姓名", customerField: "name" },
          { crmField: "email", label: "邮箱", customerField: "email" },
          { crmField: "kefu_level", label: "等级", customerField: "level" },
        ],
      }),
    );
    const customerId = await customerWithIds();
    await makeConversation(h.db, { status: "ACTIVE", customerId, assigneeId: h.users.AGENT.id });
    crm.script.push({ status: 200, body: { status: "COMPLETE", results: [] } });
    expect(await h.callerFor(h.users.AGENT).crm.syncCustomer({ customerId })).toEqual({ status: "SYNCED", error: null });
    const upsert = crm.requests[0]!;
    expect(upsert.path).toBe("/crm/v3/objects/contacts/batch/upsert");
    expect(upsert.headers.authorization).toBe("Bearer pat-na1-0123456789abcdef");
    expect(JSON.parse(upsert.body)).toEqual({
      inputs: [
        {
          idProperty: "kefu_customer_id",
          id: String(customerId),
          properties: { firstname: "王小明", email: `c${customerId}@example.cn`, kefu_level: "VIP", kefu_customer_id: String(customerId) },
        },
      ],
    });

    crm.script.push({ status: 429, body: { message: "rate limited" } });
    const queued = await h.callerFor(h.users.AGENT).crm.syncCustomer({ customerId });
    expect(queued.status).toBe("QUEUED");
    expect(queued.error).toMatch(/HTTP 429/);
    const job = await h.db.job.findFirstOrThrow({ where: { type: CRM_SYNC_JOB } });
    await h.db.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    await drain();
    expect(crm.requests).toHaveLength(3);
    expect(await h.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED" });

    // HubSpot matching by email
    await admin().crm.saveConnection(connectionInput({ adapter: "HUBSPOT", syncUrl: crm.base, idProperty: "email", fieldMapping: [] }));
    await syncCustomerNow(h.db, h.users.ADMIN, { customerId });
    expect(JSON.parse(crm.requests[3]!.body)).toEqual({ inputs: [{ idProperty: "email", id: `c${customerId}@example.cn`, properties: {} }] });
  });

  it("pushes a customer whose profile was edited, and the survivor of a merge, through the outbox", async () => {
    await admin().crm.saveConnection(connectionInput());
    const customerId = await customerWithIds();
    const other = await customerWithIds();
    await updateCustomerProfile(h.db, h.users.ADMIN, { id: customerId, name: "韩梅梅", city: "杭州" });
    expect(crm.requests).toHaveLength(0);
    await drain();
    expect(crm.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      {
        type: "customer.upsert",
        customer: { id: customerId, externalId: `ext-${customerId}`, properties: { contact_name: "韩梅梅", contact_email: `c${customerId}@example.cn` } },
      },
    ]);
    await mergeCustomers(h.db, h.users.ADMIN, { survivorId: customerId, mergedId: other });
    await drain();
    expect(crm.requests).toHaveLength(2);
    expect(JSON.parse(crm.requests[1]!.body)).toMatchObject({ type: "customer.upsert", customer: { id: customerId } });
    expect(crm.requests.every((r) => signatureValid(SECRET, r))).toBe(true);
    // an edit that changes nothing pushes nothing; without a sync URL no job is written at all
    await updateCustomerProfile(h.db, h.users.ADMIN, { id: customerId, name: "韩梅梅" });
    await admin().crm.saveConnection(connectionInput({ syncUrl: "" }));
    await updateCustomerProfile(h.db, h.users.ADMIN, { id: customerId, name: "韩梅梅二" });
    expect(await h.db.job.count({ where: { type: "event.crm.customer", status: "PENDING" } })).toBe(0);
    await drain();
    expect(crm.requests).toHaveLength(2);
  });

  it("refuses the button without a sync URL or for a customer the agent does not serve", async () => {
    const customerId = await customerWithIds();
    expect(await outcome(() => admin().crm.syncCustomer({ customerId }))).toMatchObject({ appCode: "CRM_NOT_CONFIGURED" });
    await admin().crm.saveConnection(connectionInput({ syncUrl: "" }));
    expect(await outcome(() => admin().crm.syncCustomer({ customerId }))).toMatchObject({ appCode: "CRM_SYNC_NOT_CONFIGURED" });
    expect(await outcome(() => h.callerFor(h.users.AGENT).crm.syncCustomer({ customerId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.QA).crm.syncCustomer({ customerId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => admin().crm.syncCustomer({ customerId: 0 }))).toMatchObject({ code: "BAD_REQUEST", field: "customerId" });
    expect(crm.requests).toHaveLength(0);
    expect(await h.db.job.count({ where: { type: CRM_SYNC_JOB } })).toBe(0);
  });
});
