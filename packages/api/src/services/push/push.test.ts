import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb, type Db } from "@kefu/db/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiEnv } from "../../env.ts";
import { jobHandlers } from "../../jobs/handlers.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { PUSH_ALERT_JOB, type MonitorAlertPush } from "./monitor-alert.ts";
import { ensureVapidKeys, rotateVapidKeys, VAPID_SETTING_KEY } from "./vapid.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
interface FakeBrowser {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
  keys: { p256dh: string; auth: string };
}

function fakeBrowser(): FakeBrowser {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, publicKey, auth, keys: { p256dh: publicKey.toString("base64url"), auth: auth.toString("base64url") } };
}

/** RFC 8291 + RFC 8188 (aes128gcm, one record), the way a browser decrypts a push message. */
function decryptPush(body: Buffer, browser: FakeBrowser): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const sharedSecret = browser.ecdh.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.publicKey, senderPublicKey]);
  const ikm = Buffer.from(hkdfSync("sha256", sharedSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end--;
  expect(padded[end], "last-record padding delimiter").toBe(2);
  return padded.subarray(0, end).toString("utf8");
}

/** Checks the VAPID header (RFC 8292): an ES256 JWT signed by the key named in `k`, for the endpoint's origin. */
function verifyVapid(header: string | undefined, endpointOrigin: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  expect(match, `Authorization: ${header}`).not.toBeNull();
  const [, jwt, k] = match!;
  const [encodedHeader, encodedClaims, signature] = jwt!.split(".");
  const point = Buffer.from(k!, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const signed = verify("sha256", Buffer.from(`${encodedHeader}.${encodedClaims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature!, "base64url"));
  expect(signed, "VAPID JWT signature").toBe(true);
  expect(JSON.parse(Buffer.from(encodedHeader!, "base64url").toString())).toMatchObject({ alg: "ES256", typ: "JWT" });
  const claims = JSON.parse(Buffer.from(encodedClaims!, "base64url").toString()) as { aud: string; sub: string; exp: number };
  expect(claims.aud).toBe(endpointOrigin);
  expect(claims.sub).toBe(apiEnv().PUSH_CONTACT);
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  return k!;
}

interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in push service on loopback: records each POST and answers 201, or what `answers` says for a path. */
class FakePushService {
  received: ReceivedPush[] = [];
  answers = new Map<string, number[]>();
  private server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const status = this.answers.get(path)?.shift() ?? 201;
      response.writeHead(status).end();
    });
  });
  origin = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const validKeys = () => fakeBrowser().keys;

describe("push.subscribe input", () => {
  it("names the bad field and writes nothing", async () => {
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const cases: [unknown, string][] = [
      [{ endpoint: "not a url", keys: validKeys() }, "endpoint"],
      [{ endpoint: "http://push.example.com/abc", keys: validKeys() }, "endpoint"],
      [{ endpoint: "https://127.0.0.1/abc", keys: validKeys() }, "endpoint"],
      [{ endpoint: "https://localhost/abc", keys: validKeys() }, "endpoint"],
      [{ endpoint: `https://push.example.com/${"a".repeat(500)}`, keys: validKeys() }, "endpoint"],
      [{ keys: validKeys() }, "endpoint"],
      [{ endpoint: "https://push.example.com/abc" }, "keys"],
      [{ endpoint: "https://push.example.com/abc", keys: { p256dh: validKeys().p256dh } }, "keys.auth"],
      [{ endpoint: "https://push.example.com/abc", keys: { auth: validKeys().auth } }, "keys.p256dh"],
      [{ endpoint: "https://push.example.com/abc", keys: { ...validKeys(), p256dh: "not-a-key" } }, "keys.p256dh"],
      [{ endpoint: "https://push.example.com/abc", keys: { ...validKeys(), auth: randomBytes(8).toString("base64url") } }, "keys.auth"],
    ];
    for (const [input, field] of cases) {
      expect(await outcome(() => supervisor.push.subscribe(input as never)), JSON.stringify(input).slice(0, 80)).toMatchObject({ code: "BAD_REQUEST", field });
    }
    expect(await h.db.pushSubscription.count()).toBe(0);
  });

  it("is for those who may view the monitor", async () => {
    const input = { endpoint: "https://push.example.com/agent", keys: validKeys() };
    expect(await outcome(() => h.callerFor(h.users.AGENT).push.subscribe(input))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.QA).push.vapidPublicKey())).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(null).push.subscribe(input))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("upserts by endpoint for the current person, reports and removes it, and keeps the keys out of the audit log", async () => {
    const endpoint = "https://fcm.googleapis.com/fcm/send/device-1";
    const supervisor = h.callerFor(h.users.SUPERVISOR);
    const admin = h.callerFor(h.users.ADMIN);
    const keys = validKeys();
    await supervisor.push.subscribe({ endpoint, keys });
    expect(await h.db.pushSubscription.findUniqueOrThrow({ where: { endpoint } })).toMatchObject({ userId: h.users.SUPERVISOR.id, auth: keys.auth });
    expect(await supervisor.push.status({ endpoint })).toEqual({ subscribed: true });

    // Someone else signs in on the same browser and turns pushes on: the device is now theirs.
    const newKeys = validKeys();
    await admin.push.subscribe({ endpoint, keys: newKeys });
    expect(await h.db.pushSubscription.findMany({ where: { endpoint } })).toEqual([
      expect.objectContaining({ userId: h.users.ADMIN.id, p256dh: newKeys.p256dh }),
    ]);
    expect(await supervisor.push.status({ endpoint })).toEqual({ subscribed: false });

    expect(await supervisor.push.unsubscribe({ endpoint })).toEqual({ removed: false });
    expect(await admin.push.unsubscribe({ endpoint })).toEqual({ removed: true });
    expect(await h.db.pushSubscription.count({ where: { endpoint } })).toBe(0);

    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "push.subscribe", actorId: h.users.ADMIN.id }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit.detail)).not.toContain(newKeys.auth);
    expect(JSON.stringify(audit.detail)).not.toContain(newKeys.p256dh);
  });

  it("keeps at most ten devices per person, dropping the oldest", async () => {
    const user = await h.createUser("SUPERVISOR");
    const caller = h.callerFor(user);
    for (let device = 1; device <= 11; device++) await caller.push.subscribe({ endpoint: `https://push.example.com/many-${device}`, keys: validKeys() });
    const endpoints = (await h.db.pushSubscription.findMany({ where: { userId: user.id }, select: { endpoint: true } })).map((row) => row.endpoint);
    expect(endpoints).toHaveLength(10);
    expect(endpoints).not.toContain("https://push.example.com/many-1");
  });
});

describe("VAPID keys", () => {
  beforeEach(async () => {
    await h.db.setting.deleteMany({ where: { key: VAPID_SETTING_KEY } });
  });

  it("are generated once: concurrent callers in two processes get the same pair", async () => {
    const otherProcess: Db = createDb(h.database.url, 2);
    try {
      const results = await Promise.all([
        ensureVapidKeys(h.db),
        ensureVapidKeys(otherProcess),
        ensureVapidKeys(h.db),
        ensureVapidKeys(otherProcess),
        h.callerFor(h.users.SUPERVISOR).push.vapidPublicKey(),
      ]);
      const publicKeys = new Set(results.map((result) => result.publicKey));
      expect(publicKeys.size).toBe(1);
      const [publicKey] = [...publicKeys];
      expect(Buffer.from(publicKey!, "base64url")).toHaveLength(65);
      expect(new Set(results.slice(0, 4).map((result) => (result as { privateKey: string }).privateKey)).size).toBe(1);

      // Stored once, the private key encrypted; later calls read it back unchanged.
      const row = await h.db.setting.findUniqueOrThrow({ where: { key: VAPID_SETTING_KEY } });
      expect(JSON.stringify(row.value)).not.toContain((results[0] as { privateKey: string }).privateKey);
      expect(await ensureVapidKeys(otherProcess)).toEqual(results[0]);
    } finally {
      await otherProcess.$disconnect();
    }
  });

  it("rotate: a new pair, and the subscriptions made for the old one are gone", async () => {
    const before = await ensureVapidKeys(h.db);
    await h.db.pushSubscription.create({ data: { userId: h.users.SUPERVISOR.id, endpoint: "https://push.example.com/rotate", ...validKeys() } });
    const rotated = await rotateVapidKeys(h.db);
    expect(rotated.publicKey).not.toBe(before.publicKey);
    expect(rotated.removedSubscriptions).toBeGreaterThanOrEqual(1);
    expect(await h.db.pushSubscription.count()).toBe(0);
    expect((await ensureVapidKeys(h.db)).publicKey).toBe(rotated.publicKey);
  });
});

describe("push.alert job", () => {
  const push = new FakePushService();
  beforeAll(async () => {
    await push.start();
  });
  afterAll(async () => {
    await push.stop();
  });
  beforeEach(async () => {
    push.received = [];
    push.answers.clear();
    await h.db.pushSubscription.deleteMany({});
    await h.db.job.deleteMany({});
  });

  async function alertEvent(metric: "QUEUE_LENGTH" | "CSAT_TODAY_BELOW" | "LONGEST_WAIT_SECONDS", threshold: number, value: number, teamName?: string) {
    const team = teamName ? await h.db.team.create({ data: { name: teamName } }) : null;
    const rule = await h.db.monitorAlertRule.create({ data: { metric, threshold, teamId: team?.id ?? null } });
    return h.db.monitorAlertEvent.create({ data: { ruleId: rule.id, value } });
  }

  async function subscribe(userId: number, path: string) {
    const browser = fakeBrowser();
    const row = await h.db.pushSubscription.create({ data: { userId, endpoint: `${push.origin}${path}`, ...browser.keys } });
    return { browser, row };
  }

  it("delivers an encrypted, VAPID-signed message to each monitor viewer's devices, in their language", async () => {
    const englishAdmin = await h.createUser("ADMIN");
    await h.db.user.update({ where: { id: englishAdmin.id }, data: { locale: "en" } });
    const disabled = await h.createUser("SUPERVISOR");
    await h.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const supervisorPhone = await subscribe(h.users.SUPERVISOR.id, "/push/supervisor-phone");
    const adminLaptop = await subscribe(englishAdmin.id, "/push/admin-laptop");
    await subscribe(h.users.AGENT.id, "/push/agent");
    await subscribe(disabled.id, "/push/disabled");
    const event = await alertEvent("QUEUE_LENGTH", 10, 14, "售前组");

    await enqueueJob(h.db, { type: PUSH_ALERT_JOB, payload: { eventId: event.id } });
    expect(await runDueJobs(h.db, "test-worker")).toBe(1);
    expect((await h.db.job.findFirstOrThrow({ where: { type: PUSH_ALERT_JOB } })).status).toBe("SUCCEEDED");

    expect(push.received.map((request) => request.path).sort()).toEqual(["/push/admin-laptop", "/push/supervisor-phone"]);
    const { publicKey } = await ensureVapidKeys(h.db);
    for (const [device, locale] of [
      [supervisorPhone, "zh-CN"],
      [adminLaptop, "en"],
    ] as const) {
      const request = push.received.find((received) => device.row.endpoint.endsWith(received.path))!;
      expect(verifyVapid(request.headers.authorization, push.origin)).toBe(publicKey);
      expect(request.headers["content-encoding"]).toBe("aes128gcm");
      expect(request.headers["content-type"]).toBe("application/octet-stream");
      expect(request.headers.ttl).toBe("900");
      expect(request.headers.urgency).toBe("high");
      expect(request.headers.topic).toMatch(/^alert-rule-\d+$/);
      const message = JSON.parse(decryptPush(request.body, device.browser)) as MonitorAlertPush;
      expect(message).toEqual({
        type: "monitor.alert",
        eventId: event.id,
        metric: "QUEUE_LENGTH",
        value: 14,
        threshold: 10,
        teamName: "售前组",
        locale,
        url: "/monitor",
      });
    }
  });

  it("opens the conversation waiting longest when the alert is about a long wait", async () => {
    const device = await subscribe(h.users.SUPERVISOR.id, "/push/long-wait");
    const event = await alertEvent("LONGEST_WAIT_SECONDS", 300, 420, "久等组");
    const { teamId } = await h.db.monitorAlertRule.findUniqueOrThrow({ where: { id: event.ruleId }, select: { teamId: true } });
    const customer = await h.db.customer.create({ data: { name: "久等的客户" } });
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
    const queued = (secondsAgo: number) =>
      h.db.conversation.create({ data: { customerId: customer.id, channel: "WEB", status: "QUEUED", teamId, queuedAt: at(secondsAgo) }, select: { id: true } });
    await queued(60);
    const longest = await queued(420);
    await queued(200);

    await jobHandlers[PUSH_ALERT_JOB]!({ db: h.db, payload: { eventId: event.id } });
    const message = JSON.parse(decryptPush(push.received.find((request) => request.path === "/push/long-wait")!.body, device.browser)) as MonitorAlertPush;
    expect(message).toMatchObject({ metric: "LONGEST_WAIT_SECONDS", url: `/workspace/c/${longest.id}` });
  });

  it("forgets a subscription the push service answers 410 to, and keeps the others", async () => {
    const expired = await subscribe(h.users.SUPERVISOR.id, "/push/expired");
    const current = await subscribe(h.users.ADMIN.id, "/push/current");
    push.answers.set("/push/expired", [410]);
    const event = await alertEvent("CSAT_TODAY_BELOW", 80, 62.5);

    await jobHandlers[PUSH_ALERT_JOB]!({ db: h.db, payload: { eventId: event.id } });
    expect(push.received).toHaveLength(2);
    expect(await h.db.pushSubscription.findUnique({ where: { id: expired.row.id } })).toBeNull();
    expect(await h.db.pushSubscription.findUnique({ where: { id: current.row.id } })).not.toBeNull();
    const message = JSON.parse(decryptPush(push.received.find((request) => request.path === "/push/current")!.body, current.browser)) as MonitorAlertPush;
    expect(message).toMatchObject({ metric: "CSAT_TODAY_BELOW", value: 62.5, threshold: 80, teamName: null });

    // The next alert goes only to the subscription still on file.
    push.received = [];
    await jobHandlers[PUSH_ALERT_JOB]!({ db: h.db, payload: { eventId: event.id } });
    expect(push.received.map((request) => request.path)).toEqual(["/push/current"]);
  });

  it("retries the job when the push service fails, without forgetting the subscription", async () => {
    const device = await subscribe(h.users.SUPERVISOR.id, "/push/flaky");
    push.answers.set("/push/flaky", [503]);
    const event = await alertEvent("QUEUE_LENGTH", 5, 9);
    await enqueueJob(h.db, { type: PUSH_ALERT_JOB, payload: { eventId: event.id } });
    await runDueJobs(h.db, "test-worker");
    const job = await h.db.job.findFirstOrThrow({ where: { type: PUSH_ALERT_JOB } });
    expect(job.status).toBe("PENDING");
    expect(job.lastError).toContain("HTTP 503");
    expect(await h.db.pushSubscription.findUnique({ where: { id: device.row.id } })).not.toBeNull();
  });

  it("refuses a malformed payload and shrugs off an event that no longer exists", async () => {
    await expect(jobHandlers[PUSH_ALERT_JOB]!({ db: h.db, payload: { eventId: "x" } })).rejects.toThrow();
    await subscribe(h.users.SUPERVISOR.id, "/push/none");
    await jobHandlers[PUSH_ALERT_JOB]!({ db: h.db, payload: { eventId: 999_999 } });
    expect(push.received).toHaveLength(0);
  });
});
