/**
 * Outgoing webhooks with real HTTP: a receiver started here checks every signature with an independent
 * implementation (the `standardwebhooks` package; node:crypto written apart for the fake-clock schedule).
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_SECONDS } from "../../contracts/webhook.ts";
import { claimJobs, recoverStaleJobs } from "../../job-queue/queue.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { addInternalNote, handoffToQueue, receiveCustomerMessage, resolveConversation, sendAgentReply, submitCsat } from "../conversation/index.ts";
import { makeAgent, makeTeam, quiesce } from "../conversation/test-fixtures.ts";
import { attemptWebhookDelivery, WEBHOOK_DELIVER_JOB } from "./deliver.ts";
import { assertWebhookUrlAllowed, isInternalAddress } from "./url-guard.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver answering from a script of statuses (then 200), recording every request. */
async function startReceiver() {
  const requests: Received[] = [];
  const script: { status: number; headers?: Record<string, string>; body?: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const next = script.shift() ?? { status: 200, body: "ok" };
      response.writeHead(next.status, next.headers ?? {});
      response.end(next.body ?? "");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, requests, script, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The receiver's own check, written from the specification apart from the server's signing code. */
function independentlyValid(secret: string, request: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body}`)
    .digest("base64");
  return request.headers["webhook-signature"]!.split(" ").some((part) => part === `v1,${expected}`);
}

function parsed(request: Received) {
  return JSON.parse(request.body) as { type: string; data: Record<string, unknown> };
}

function standardVerify(secret: string, request: Received) {
  return new StandardWebhook(secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

/** Runs the worker until no job is due. */
async function drain() {
  for (let round = 0; round < 50; round++) if ((await runDueJobs(h.db, "test-worker", { batchSize: 50 })) === 0) return;
  throw new Error("the queue never emptied");
}

let h: Harness;
let receiver: Receiver;
beforeAll(async () => {
  h = await createHarness();
  receiver = await startReceiver();
});
afterEach(async () => {
  await quiesce(h);
  await h.db.webhook.deleteMany();
  await h.db.job.deleteMany();
  receiver.requests.length = 0;
  receiver.script.length = 0;
});
afterAll(async () => {
  await receiver.close();
  await h.database.drop();
});

const admin = () => h.callerFor(h.users.ADMIN);

async function addEndpoint(events: string[], url = receiver.url) {
  return admin().integration.createWebhook({ name: "CRM", url, events: events as never, description: "销售线索" });
}

describe("webhook endpoints", () => {
  it("shows a whsec_ secret once, stores it encrypted, and edits, disables, enables and deletes", async () => {
    const created = await addEndpoint(["message.created"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = await h.db.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    const listed = await admin().integration.listWebhooks();
    expect(listed.find((w) => w.id === created.id)).toMatchObject({ name: "CRM", events: ["message.created"], active: true, description: "销售线索" });
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6));

    await admin().integration.updateWebhook({
      id: created.id,
      name: "工单",
      url: `${receiver.url}/v2`,
      events: ["csat.submitted", "conversation.resolved"],
      description: "",
    });
    expect(await h.db.webhook.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: "工单", url: `${receiver.url}/v2`, description: null });
    await admin().integration.setWebhookActive({ id: created.id, active: false });
    expect(await h.db.webhook.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ active: false, disabledReason: "MANUAL" });
    expect(await outcome(() => admin().integration.setWebhookActive({ id: created.id, active: false }))).toMatchObject({ appCode: "ALREADY_DONE" });
    expect(await outcome(() => admin().integration.sendWebhookTestEvent({ id: created.id }))).toMatchObject({ appCode: "WEBHOOK_DISABLED" });
    await admin().integration.setWebhookActive({ id: created.id, active: true });
    expect(await h.db.webhook.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ active: true, disabledReason: null });
    await admin().integration.deleteWebhook({ id: created.id });
    expect(await h.db.webhook.count({ where: { id: created.id } })).toBe(0);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "", url: receiver.url, events: ["message.created"] }, "name"],
      [{ name: "x".repeat(65), url: receiver.url, events: ["message.created"] }, "name"],
      [{ name: "a", url: "not a url", events: ["message.created"] }, "url"],
      [{ name: "a", url: "ftp://example.com/x", events: ["message.created"] }, "url"],
      [{ name: "a", url: `https://example.com/${"x".repeat(500)}`, events: ["message.created"] }, "url"],
      [{ name: "a", url: receiver.url, events: [] }, "events"],
      [{ name: "a", url: receiver.url, events: ["message.deleted"] }, "events.0"],
      [{ name: "a", url: receiver.url, events: ["message.created", "message.created"] }, "events"],
      [{ name: "a", url: receiver.url, events: ["message.created"], description: "d".repeat(501) }, "description"],
    ];
    for (const [input, field] of cases) {
      const result = await outcome(() => admin().integration.createWebhook(input as never));
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ code: "BAD_REQUEST", field });
    }
    expect(await outcome(() => admin().integration.updateWebhook({ id: 987_654, name: "a", url: receiver.url, events: ["message.created"] }))).toMatchObject({
      appCode: "NOT_FOUND",
      field: "id",
    });
    expect(await outcome(() => admin().integration.replayWebhookDelivery({ id: 987_654 }))).toMatchObject({ appCode: "NOT_FOUND" });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).integration.listWebhooks())).toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.webhook.count()).toBe(0);
  });

  it("refuses loopback and private addresses unless allowed (SSRF), at saving and at connecting", async () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ])
      expect(isInternalAddress(address), address).toBe(true);
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"]) expect(isInternalAddress(address), address).toBe(false);

    for (const url of ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x", "http://10.0.0.5/x", "http://169.254.169.254/latest/meta-data"])
      await expect(assertWebhookUrlAllowed(url, { allowPrivate: false }), url).rejects.toMatchObject({ code: "WEBHOOK_URL_PRIVATE", field: "url" });
    await expect(assertWebhookUrlAllowed("http://93.184.216.34/hook", { allowPrivate: false })).resolves.toBeUndefined();
    await expect(assertWebhookUrlAllowed("http://127.0.0.1/hook", { allowPrivate: true })).resolves.toBeUndefined();

    // the address actually dialled is checked too: no request reaches a private receiver
    const endpoint = await addEndpoint(["message.created"]);
    const test = await h.db.webhookDelivery.create({
      data: {
        webhookId: endpoint.id,
        messageId: "msg_ssrf",
        event: "webhook.test",
        payload: { type: "webhook.test" },
        sourceKey: "test:ssrf",
        nextAttemptAt: new Date(),
      },
    });
    expect(await attemptWebhookDelivery(h.db, test.id, { allowPrivate: false })).toBe("retry");
    expect(receiver.requests).toHaveLength(0);
    expect((await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: test.id } })).lastError).toMatch(/internal address/);
  });
});

describe("webhook delivery", () => {
  it("sends a conversation's events signed, in order, through the outbox; internal notes never", async () => {
    const endpoint = await addEndpoint([
      "conversation.created",
      "conversation.queued",
      "conversation.assigned",
      "conversation.resolved",
      "message.created",
      "csat.submitted",
    ]);
    const unrelated = await addEndpoint(["csat.submitted"]);
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-1", clientId: "wh-1", body: "我想咨询一下退货" });
    const conversationId = received.conversationId;
    await handoffToQueue(h.db, conversationId, { reason: "customer_request", teamId: team.id });
    await sendAgentReply(h.db, agent, { conversationId, body: "您好，请提供订单号" });
    await addInternalNote(h.db, agent, { conversationId, body: "内部备注：客户是老客户，不要外传" });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await submitCsat(h.db, { conversationId, score: 5, comment: "很好" });
    // nothing is sent before the worker runs the outbox
    expect(receiver.requests).toHaveLength(0);
    await drain();

    const mine = receiver.requests.filter((r) => r.headers["webhook-signature"] && standardVerifyOrNull(endpoint.secret, r));
    const bodies = mine.map((r) => standardVerify(endpoint.secret, r));
    expect(bodies.map((b) => b.type)).toEqual([
      "conversation.created",
      "message.created",
      "conversation.queued",
      "conversation.assigned",
      ...bodies.slice(4, -3).map(() => "message.created"),
      "message.created",
      "conversation.resolved",
      "csat.submitted",
    ]);
    expect(JSON.stringify(bodies)).not.toContain("内部备注");
    const messages = bodies.filter((b) => b.type === "message.created").map((b) => b.data.message as { id: number; senderType: string; kind: string });
    expect(messages.every((m) => m.kind !== "NOTE")).toBe(true);
    expect(messages.map((m) => m.id)).toEqual([...messages.map((m) => m.id)].sort((a, b) => a - b));
    expect(messages.map((m) => m.senderType)).toContain("AGENT");
    expect(bodies.at(-1)).toMatchObject({ type: "csat.submitted", data: { conversation: { id: conversationId }, score: 5, comment: "很好" } });
    for (const request of mine) expect(Buffer.byteLength(request.body)).toBeLessThan(20 * 1024);
    // the other endpoint got only what it chose
    expect(receiver.requests.filter((r) => standardVerifyOrNull(unrelated.secret, r)).map((r) => parsed(r).type)).toEqual(["csat.submitted"]);
    // a note wrote no outbox job at all
    expect(await h.db.webhookDelivery.count({ where: { webhookId: endpoint.id, status: { not: "SUCCEEDED" } } })).toBe(0);
    // a retried fan-out writes nothing twice
    const fanOuts = await h.db.job.findMany({ where: { type: "event.webhooks" }, select: { id: true } });
    await h.db.job.updateMany({ where: { id: { in: fanOuts.map((j) => j.id) } }, data: { status: "PENDING", runAt: new Date(0) } });
    const before = await h.db.webhookDelivery.count();
    await drain();
    expect(await h.db.webhookDelivery.count()).toBe(before);
  });

  it("holds a conversation's later deliveries while an earlier one is retried, then sends them in order", async () => {
    const endpoint = await addEndpoint(["message.created"]);
    const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-2", clientId: "wh-2a", body: "第一条" });
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-2", clientId: "wh-2b", body: "第二条" });
    receiver.script.push({ status: 503 });
    await drain();
    // the first failed once and waits 5 s; the second has not been sent past it
    expect(receiver.requests.map((r) => (parsed(r).data.message as { body: string }).body)).toEqual(["第一条"]);
    const first = await h.db.webhookDelivery.findFirstOrThrow({ where: { webhookId: endpoint.id }, orderBy: { id: "asc" } });
    expect(first).toMatchObject({ status: "PENDING", attempts: 1, responseStatus: 503 });
    // 5 s later (the job's time moved up instead of waiting)
    await h.db.webhookDelivery.update({ where: { id: first.id }, data: { nextAttemptAt: new Date() } });
    await h.db.job.updateMany({ where: { type: WEBHOOK_DELIVER_JOB, status: "PENDING" }, data: { runAt: new Date() } });
    await drain();
    expect(receiver.requests.map((r) => (parsed(r).data.message as { body: string }).body)).toEqual(["第一条", "第一条", "第二条"]);
    expect(receiver.requests.every((r) => standardVerify(endpoint.secret, r))).toBe(true);
    expect(received.conversationId).toBeGreaterThan(0);
  });

  it("retries on the schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), honours Retry-After, then gives up", async () => {
    const endpoint = await addEndpoint(["message.created"]);
    const deliveryId = (await admin().integration.sendWebhookTestEvent({ id: endpoint.id })).id;
    await h.db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED" } });
    receiver.requests.length = 0;
    await admin().integration.replayWebhookDelivery({ id: deliveryId });
    // a fake clock walks through the schedule; every attempt fails
    let now = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));
    await h.db.webhookDelivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: now } });
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++)
      receiver.script.push(i === 2 ? { status: 429, headers: { "retry-after": "3600" } } : { status: i % 2 ? 500 : 503 });
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      // not a moment early
      if (attempt > 1) expect(await attemptWebhookDelivery(h.db, deliveryId, { now: () => new Date(now.getTime() - 1000) })).toBe("not-due");
      const at = now;
      outcomes.push(await attemptWebhookDelivery(h.db, deliveryId, { now: () => at }));
      const row = await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      if (row.nextAttemptAt) now = row.nextAttemptAt;
    }
    expect(outcomes).toEqual([...Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, () => "retry"), "failed"]);
    const stamps = receiver.requests.map((r) => Number(r.headers["webhook-timestamp"]));
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    const expected = WEBHOOK_RETRY_DELAYS_SECONDS.slice(1).map((delay, i) => (i === 2 ? 3600 : delay));
    expect(gaps).toEqual(expected);
    expect(receiver.requests.every((r) => independentlyValid(endpoint.secret, r))).toBe(true);
    // one message id across all attempts: the receiver can deduplicate
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "FAILED", attempts: 8, responseStatus: 500 });
    // each failed attempt queued the next one at its time
    const jobs = await h.db.job.findMany({
      where: { type: WEBHOOK_DELIVER_JOB, payload: { equals: { deliveryId } } },
      orderBy: { id: "asc" },
      select: { runAt: true },
    });
    expect(jobs.slice(-7).map((j) => j.runAt.getTime() - jobs.at(-8)!.runAt.getTime()).length).toBe(7);
  });

  it("replays one delivery with the same id and a valid signature; a 410 disables the endpoint", async () => {
    const endpoint = await addEndpoint(["message.created"]);
    const sent = await admin().integration.sendWebhookTestEvent({ id: endpoint.id });
    expect(sent).toMatchObject({ status: "SUCCEEDED", attempts: 1, responseStatus: 200 });
    expect(await outcome(() => admin().integration.replayWebhookDelivery({ id: sent.id }))).toEqual({ code: "OK" });
    await drain();
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.headers["webhook-id"]).toBe(receiver.requests[0]!.headers["webhook-id"]);
    expect(standardVerify(endpoint.secret, receiver.requests[1]!)).toMatchObject({ type: "webhook.test" });
    const log = await admin().integration.listWebhookDeliveries({ webhookId: endpoint.id });
    expect(log.items[0]).toMatchObject({ id: sent.id, event: "webhook.test", status: "SUCCEEDED", attempts: 1, responseStatus: 200, responseBody: "ok" });
    expect(log.items[0]!.durationMs).toBeGreaterThanOrEqual(0);

    receiver.script.push({ status: 410, body: "gone" });
    const gone = await admin().integration.sendWebhookTestEvent({ id: endpoint.id });
    expect(gone).toMatchObject({ status: "FAILED", responseStatus: 410 });
    expect(await h.db.webhook.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ active: false, disabledReason: "GONE" });
    // a disabled endpoint gets nothing more
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-3", clientId: "wh-3", body: "还在吗" });
    await drain();
    expect(receiver.requests).toHaveLength(3);
  });

  it("signs with both secrets for 24 h after a rotation, then with the new one only", async () => {
    const endpoint = await addEndpoint(["message.created"]);
    const rotated = await admin().integration.rotateWebhookSecret({ id: endpoint.id });
    expect(rotated.secret).not.toBe(endpoint.secret);
    await admin().integration.sendWebhookTestEvent({ id: endpoint.id });
    const [request] = receiver.requests;
    expect(request!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(standardVerify(endpoint.secret, request!)).toMatchObject({ type: "webhook.test" });
    expect(standardVerify(rotated.secret, request!)).toMatchObject({ type: "webhook.test" });
    const later = new Date(rotated.previousSecretExpiresAt.getTime() + 1000);
    await admin().integration.sendWebhookTestEvent({ id: endpoint.id });
    const test = await h.db.webhookDelivery.findFirstOrThrow({ where: { webhookId: endpoint.id }, orderBy: { id: "desc" } });
    await h.db.webhookDelivery.update({ where: { id: test.id }, data: { status: "FAILED" } });
    await admin().integration.replayWebhookDelivery({ id: test.id });
    await attemptWebhookDelivery(h.db, test.id, { now: () => later });
    const last = receiver.requests.at(-1)!;
    expect(last.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(independentlyValid(rotated.secret, last)).toBe(true);
    expect(independentlyValid(endpoint.secret, last)).toBe(false);
  });

  it("loses nothing when a worker dies mid-delivery: the job goes back to the queue and the delivery is sent", async () => {
    const endpoint = await addEndpoint(["message.created"]);
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-4", clientId: "wh-4", body: "请尽快处理" });
    await drain(); // fan-out and the first attempt
    receiver.requests.length = 0;
    // a second message; the worker that takes its delivery dies after claiming both the job and the delivery
    await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: "wh-visitor-4", clientId: "wh-4b", body: "订单号 12345" });
    await runDueJobs(h.db, "fan-out-only", { batchSize: 1 });
    const [job] = await claimJobs(h.db, "dying-worker", 10);
    expect(job).toMatchObject({ type: WEBHOOK_DELIVER_JOB });
    const deliveryId = (job!.payload as { deliveryId: number }).deliveryId;
    const minutesAgo = new Date(Date.now() - 6 * 60_000);
    await h.db.webhookDelivery.update({ where: { id: deliveryId }, data: { lockedAt: minutesAgo, attempts: 1 } });
    await h.db.job.update({ where: { id: job!.id }, data: { lockedAt: minutesAgo } });
    expect(await runDueJobs(h.db, "other-worker")).toBe(0); // the job is RUNNING elsewhere: nothing to do yet
    expect(await recoverStaleJobs(h.db)).toBe(1);
    await drain();
    expect(receiver.requests.map((r) => standardVerify(endpoint.secret, r).data.message)).toMatchObject([{ body: "订单号 12345" }]);
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
  });
});

function standardVerifyOrNull(secret: string, request: Received) {
  try {
    return standardVerify(secret, request);
  } catch {
    return null;
  }
}
