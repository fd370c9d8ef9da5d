import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

// as scripts/e2e-server.ts starts the web and the worker
const TOKEN = "e2e-metrics-token-0123456789";
const WORKER_METRICS = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1100}/metrics`;
const auth = { authorization: `Bearer ${TOKEN}` };

/** The value of the samples of `name` whose labels include `labels`, added up. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([key, value]) => (match[2] ?? "").includes(`${key}="${value}"`));
    if (has) sum += Number(match[3]);
  }
  return sum;
}

async function scrape(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/metrics", { headers: auth });
  expect(response.status()).toBe(200);
  return response.text();
}

test("the production build serves metrics behind the token, counts requests and tRPC calls, and returns request ids", async ({ page, request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(401);

  const health = await request.get("/api/health", { headers: { "x-request-id": "e2e-ops-1" } });
  expect(health.headers()["x-request-id"]).toBe("e2e-ops-1");
  expect((await request.get("/api/health")).headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  const before = await scrape(request);
  expect(total(before, "kefu_database_up")).toBe(1);
  expect(total(before, "kefu_realtime_up")).toBe(1);
  expect(total(before, "kefu_http_requests_total", { route: "/api/health", method: "GET", status: "200" })).toBeGreaterThanOrEqual(2);
  expect(total(before, "process_cpu_seconds_total")).toBeGreaterThan(0);
  // the seeded demo: staff on duty and conversations waiting
  expect(total(before, "kefu_agents_on_duty")).toBeGreaterThan(0);
  expect(before).toContain("kefu_queue_length{");

  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/monitor");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // the page's data comes from server-side callers; one call over HTTP as the browser's client makes it
  const teams = await page.request.get("/api/trpc/team.list", { headers: { "x-request-id": "e2e-ops-2" } });
  expect(teams.status()).toBe(200);
  expect(teams.headers()["x-request-id"]).toBe("e2e-ops-2");
  const after = await scrape(request);
  expect(total(after, "kefu_trpc_calls_total", { code: "OK" })).toBeGreaterThan(total(before, "kefu_trpc_calls_total", { code: "OK" }));
  expect(total(after, "kefu_trpc_calls_total", { procedure: "team.list", type: "query", code: "OK" })).toBeGreaterThanOrEqual(1);
  expect(total(after, "kefu_http_requests_total", { route: "/api/trpc/[trpc]", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  expect(after).not.toMatch(/route="\/api\/trpc\/[a-z]/);
});

test("the worker serves its own metrics behind the same token", async ({ request }) => {
  expect((await request.get(WORKER_METRICS)).status()).toBe(401);
  const response = await request.get(WORKER_METRICS, { headers: auth });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toContain("# TYPE kefu_jobs_processed_total counter");
  expect(total(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
});
