import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createConnection } from "mariadb";
import { ACCOUNTS, signInAndWait } from "./helpers";

/**
 * The fleet topology of `pnpm start:cluster` (issue 16): a balancer in front of two separate web instances, two
 * workers, soketi, Redis and the database. A session from one instance is valid on the other, a rate limit counts
 * the hits of both, and a change made through one instance reaches the pages served by the other.
 */

const BALANCER = Number(process.env.E2E_CLUSTER_PORT ?? 3410);
const WEB = [BALANCER + 1, BALANCER + 2] as const;
const origin = (port: number) => `http://localhost:${port}`;
const DATABASE = `kefu_cluster_${BALANCER}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";

let cluster: ChildProcess | null = null;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  const url = new URL(serverUrl);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await connection.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await connection.end();
  url.pathname = `/${DATABASE}`;
  cluster = spawn(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/cluster.ts", "--demo=200"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(BALANCER),
      DATABASE_URL: url.toString(),
      NEXTAUTH_URL: origin(BALANCER),
      AUTH_URL: origin(BALANCER),
      PUSHER_PORT: String(Number(process.env.E2E_CLUSTER_PUSHER_PORT ?? 6041)),
      AUTH_SECRET: "cluster-auth-secret-with-at-least-32-characters",
      AUDIT_HMAC_KEY: "cluster-audit-hmac-key-0123456789",
      FIELD_ENCRYPTION_KEYS: "c1:Y2x1c3Rlci1maWVsZC1rZXktMDEyMzQ1Njc4OWFiY2Q=",
      LOOKUP_HASH_KEY: "cluster-lookup-hash-key-0123456789",
      WIDGET_TOKEN_SECRET: "cluster-widget-token-secret-0123456789",
      LOGIN_RATE_LIMIT_PER_IP: "1000",
      LOG_LEVEL: "warn",
    },
  });
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  cluster.stdout!.on("data", collect);
  cluster.stderr!.on("data", collect);
  const deadline = Date.now() + 330_000;
  while (!output.includes("is serving on port")) {
    if (cluster.exitCode !== null) throw new Error(`the cluster stopped (${cluster.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the cluster did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (!cluster || cluster.exitCode !== null) return;
  const exited = new Promise((resolve) => cluster!.once("exit", resolve));
  process.kill(-cluster.pid!, "SIGTERM");
  await exited;
});

async function trpc<T>(request: APIRequestContext, port: number, path: string, input: unknown, method: "query" | "mutation") {
  const response =
    method === "query"
      ? await request.get(`${origin(port)}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await request.post(`${origin(port)}/api/trpc/${path}`, {
          headers: { "content-type": "application/json", origin: origin(port) },
          data: { json: input },
        });
  const body = (await response.json()) as { result?: { data?: { json?: T } } };
  return { status: response.status(), data: body.result?.data?.json as T };
}

test("the balancer spreads requests over both web instances", async ({ request }) => {
  const served = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const response = await request.get(`${origin(BALANCER)}/api/health`);
    expect(response.status()).toBe(200);
    served.add(response.headers()["x-kefu-upstream"] ?? "");
  }
  expect([...served].sort()).toEqual(["web-1", "web-2"]);
});

test("a rate limit counts the requests of both instances together (Redis)", async ({ request }) => {
  // one client address, as the balancer would pass it; 30 passkey ceremonies a minute are allowed per address
  const client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const ask = (port: number) =>
    request.post(`${origin(port)}/api/sign-in/passkey-options`, {
      headers: { origin: origin(port), "x-forwarded-for": client, "content-type": "application/json" },
      data: {},
    });
  for (let i = 0; i < 30; i++) expect((await ask(i % 2 === 0 ? WEB[0] : WEB[1])).status(), `request ${i + 1}`).toBe(200);
  // each instance has seen 15: only a shared count refuses the next one
  const refused = await ask(WEB[0]);
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
  expect((await ask(WEB[1])).status()).toBe(429);
});

test("a session from one instance is valid on the other, and a change made through one reaches pages served by the other", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: origin(BALANCER), locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    // the same cookie on each instance directly
    const board = await trpc<{ agents: { id: number; role: string; presence: string }[] }>(context.request, WEB[0], "monitor.agents", {}, "query");
    expect(board.status).toBe(200);
    expect((await trpc(context.request, WEB[1], "monitor.agents", {}, "query")).status).toBe(200);
    const agent = board.data.agents.find((a) => a.role === "AGENT")!;
    const restore = agent.presence;

    // the monitor open on each instance
    const watchers = [page, await context.newPage()];
    for (const [i, watcher] of watchers.entries()) {
      await watcher.goto(`${origin(WEB[i]!)}/monitor`);
      await expect(watcher.getByTestId("monitor")).toHaveAttribute("data-live", "true", { timeout: 20_000 });
    }
    const presenceOn = (i: number) => watchers[i]!.locator(`tr[data-agent-id="${agent.id}"] select`);
    try {
      // set through web-2: the monitor served by web-1 sees it, and the other way round
      const first = restore === "AWAY" ? "BUSY" : "AWAY";
      expect((await trpc(context.request, WEB[1], "monitor.setAgentPresence", { userId: agent.id, presence: first }, "mutation")).status).toBe(200);
      await expect(presenceOn(0)).toHaveValue(first);
      await expect(presenceOn(1)).toHaveValue(first);
      expect((await trpc(context.request, WEB[0], "monitor.setAgentPresence", { userId: agent.id, presence: "OFFLINE" }, "mutation")).status).toBe(200);
      await expect(presenceOn(1)).toHaveValue("OFFLINE");
      await expect(presenceOn(0)).toHaveValue("OFFLINE");
    } finally {
      await trpc(context.request, WEB[0], "monitor.setAgentPresence", { userId: agent.id, presence: restore }, "mutation");
    }
  } finally {
    await context.close();
  }
});
