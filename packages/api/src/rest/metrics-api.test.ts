import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../jobs/worker.ts";
import { logger } from "../logger.ts";
import { instrumentRoute } from "../observability/http.ts";
import { startMetricsServer } from "../observability/metrics-server.ts";
import { currentRequestId } from "../observability/request-context.ts";
import { parseExposition, sampleValue, serveFetch } from "../observability/test-fixtures.ts";
import { appRouter } from "../root.ts";
import { createApiKey } from "../services/integration/api-keys.ts";
import { createHarness, type Harness } from "../test/harness.ts";
import { createContextInner } from "../trpc.ts";
import { handleChannelPostMessage } from "./channel-api.ts";
import { handleMetrics, type MetricsAccess } from "./metrics-api.ts";

const TOKEN = "metrics-token-for-the-test-0123";
let harness: Harness;
let base: string;
let server: Server;
let apiKey: string;
let access: MetricsAccess = { token: TOKEN, production: false };

beforeAll(async () => {
  harness = await createHarness();
  const { db, users } = harness;
  apiKey = (await createApiKey(db, { name: "wechat", scopes: ["channel.messages"], createdById: users.ADMIN.id })).key;
  const gauges = { diskPaths: [process.cwd()], backupDir: null, publicUrl: null };
  const metricsRoute = instrumentRoute("/api/metrics", (request: Request) => handleMetrics(db, request, access, gauges));
  const channelRoute = instrumentRoute("/api/v1/channels/[channel]/messages", (request: Request) =>
    handleChannelPostMessage(db, request, new URL(request.url).pathname.split("/")[4]!),
  );
  const trpcRoute = instrumentRoute("/api/trpc/[trpc]", (request: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => createContextInner({ db, session: users.ADMIN }),
    }),
  );
  ({ url: base, server } = await serveFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/metrics") return metricsRoute(request);
    if (path.startsWith("/api/v1/channels/")) return channelRoute(request);
    if (path.startsWith("/api/trpc/")) return trpcRoute(request);
    return new Response("not found", { status: 404 });
  }));
});

afterAll(async () => {
  server?.close();
  await harness?.database.drop();
});

async function scrape() {
  const response = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

function postMessage(userId: string, text: string, requestId?: string) {
  return fetch(`${base}/api/v1/channels/wechat/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...(requestId ? { "x-request-id": requestId } : {}) },
    body: JSON.stringify({ userId, clientMessageId: `${userId}-${Date.now()}-${Math.random()}`, text }),
  });
}

describe("/api/metrics", () => {
  it("requires the bearer token; without a configured token it is open in development and hidden in production", async () => {
    const none = await fetch(`${base}/api/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { field: string } }).error.field).toBe("authorization");
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    try {
      access = { token: undefined, production: true };
      expect((await fetch(`${base}/api/metrics`)).status).toBe(404);
      access = { token: undefined, production: false };
      expect((await fetch(`${base}/api/metrics`)).status).toBe(200);
    } finally {
      access = { token: TOKEN, production: false };
    }
  });

  it("counts and times requests per route template, never per raw URL", async () => {
    const before = (await scrape()).samples;
    const labels = { route: "/api/v1/channels/[channel]/messages", method: "POST", status: "201" };
    const countBefore = sampleValue(before, "kefu_http_requests_total", labels);
    const timedBefore = sampleValue(before, "kefu_http_request_duration_seconds_count", { route: labels.route, method: "POST" });
    expect((await postMessage("metrics-user-1", "你好")).status).toBe(201);
    expect((await postMessage("metrics-user-2", "请问怎么退货")).status).toBe(201);
    const refused = await fetch(`${base}/api/v1/channels/wechat/messages`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);

    const after = (await scrape()).samples;
    expect(sampleValue(after, "kefu_http_requests_total", labels)).toBe(countBefore + 2);
    expect(sampleValue(after, "kefu_http_requests_total", { ...labels, status: "401" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, "kefu_http_request_duration_seconds_count", { route: labels.route, method: "POST" })).toBe(timedBefore + 3);
    const routes = new Set(after.filter((s) => s.name === "kefu_http_requests_total").map((s) => s.labels.route));
    expect([...routes].every((route) => !route?.includes("wechat"))).toBe(true);
  });

  it("counts tRPC calls per procedure and result", async () => {
    const before = sampleValue((await scrape()).samples, "kefu_trpc_calls_total", { procedure: "team.list", type: "query", code: "OK" });
    const response = await fetch(`${base}/api/trpc/team.list`);
    expect(response.status).toBe(200);
    const after = (await scrape()).samples;
    expect(sampleValue(after, "kefu_trpc_calls_total", { procedure: "team.list", type: "query", code: "OK" })).toBe(before + 1);
    expect(sampleValue(after, "kefu_trpc_call_duration_seconds_count", { procedure: "team.list", type: "query" })).toBeGreaterThanOrEqual(1);
  });

  it("reads the queue, agents, outbox and pool from the database at scrape time", async () => {
    const { db, users } = harness;
    const team = await db.team.create({ data: { name: "指标测试组" } });
    const customer = await db.customer.create({ data: { name: "排队客户" } });
    const queuedAt = new Date(Date.now() - 120_000);
    await db.conversation.create({ data: { customerId: customer.id, channel: "WEB", status: "QUEUED", teamId: team.id, queuedAt } });
    await db.user.update({ where: { id: users.AGENT.id }, data: { presence: "ONLINE" } });
    await db.job.create({ data: { type: "metrics.test", payload: {}, status: "DEAD", finishedAt: new Date() } });

    const { samples, families } = await scrape();
    expect(sampleValue(samples, "kefu_database_up")).toBe(1);
    expect(sampleValue(samples, "kefu_queue_length", { team: String(team.id) })).toBe(1);
    expect(sampleValue(samples, "kefu_queue_oldest_wait_seconds", { team: String(team.id) })).toBeGreaterThanOrEqual(119);
    expect(sampleValue(samples, "kefu_agents_on_duty", { presence: "ONLINE" })).toBe(await db.user.count({ where: { presence: "ONLINE" } }));
    expect(sampleValue(samples, "kefu_jobs_dead")).toBe(await db.job.count({ where: { status: "DEAD" } }));
    expect(sampleValue(samples, "kefu_outbox_jobs", { status: "PENDING" })).toBe(await db.job.count({ where: { status: "PENDING" } }));
    expect(sampleValue(samples, "kefu_db_pool_max_connections")).toBeGreaterThanOrEqual(5);
    expect(sampleValue(samples, "kefu_disk_free_ratio", { path: process.cwd() })).toBeGreaterThan(0);
    for (const family of ["process_cpu_seconds_total", "nodejs_eventloop_lag_seconds", "kefu_realtime_publish_failures_total", "kefu_db_slow_queries_total"])
      expect(families).toContain(family);
  });
});

describe("request id", () => {
  it("is returned, bound to the request's jobs, and carried into the worker's log lines for them", async () => {
    const { db } = harness;
    const generated = await postMessage("rid-user-0", "你好");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const requestId = "req-metrics-test-42";
    const lastJob = await db.job.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    const response = await postMessage("rid-user-1", "第一次来，请问营业时间？", requestId);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    const jobs = await db.job.findMany({ where: { id: { gt: lastJob?.id ?? 0 } }, select: { id: true, type: true, requestId: true } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.requestId === requestId)).toBe(true);

    // the worker runs them under the same id: the handler sees it and every log line it writes carries it
    await db.job.updateMany({ where: { status: "PENDING", id: { lte: lastJob?.id ?? 0 } }, data: { runAt: new Date(Date.now() + 3_600_000) } });
    const seen: (string | undefined)[] = [];
    const lines: string[] = [];
    const stream = (logger as unknown as Record<symbol, { write: (line: string) => void }>)[pino.symbols.streamSym]!;
    const write = stream.write;
    const level = logger.level;
    stream.write = (line: string) => void lines.push(line);
    logger.level = "info";
    try {
      const handlers = Object.fromEntries(
        jobs.map((job) => [
          job.type,
          () => {
            seen.push(currentRequestId());
            logger.info({ jobType: job.type }, "handled in the test");
            return Promise.resolve();
          },
        ]),
      );
      await runDueJobs(db, "metrics-test", { handlers, batchSize: 50 });
    } finally {
      stream.write = write;
      logger.level = level;
    }
    expect(seen.length).toBe(jobs.length);
    expect(seen.every((id) => id === requestId)).toBe(true);
    const handled = lines.map((line) => JSON.parse(line) as { msg: string; requestId?: string }).filter((line) => line.msg === "handled in the test");
    expect(handled.length).toBe(jobs.length);
    expect(handled.every((line) => line.requestId === requestId)).toBe(true);
    const processed = sampleValue((await scrape()).samples, "kefu_jobs_processed_total", { type: jobs[0]!.type, outcome: "succeeded" });
    expect(processed).toBeGreaterThanOrEqual(1);
  });

  it("replaces a malformed caller id with a generated one", async () => {
    const response = await postMessage("rid-user-2", "hello", "bad id with spaces");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the worker's metrics listener", () => {
  it("serves the process's registry on /metrics behind the same token", async () => {
    const listener = await startMetricsServer({ port: 0, host: "127.0.0.1", access: { token: TOKEN, production: true } });
    try {
      const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      const { families } = parseExposition(await response.text());
      expect(families).toContain("kefu_jobs_processed_total");
      expect(families).toContain("process_cpu_seconds_total");
    } finally {
      listener.close();
    }
  });
});
