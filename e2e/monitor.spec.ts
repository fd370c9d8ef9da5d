import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

// managers watch the operation from their phones
test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

interface Agent {
  id: number;
  role: string;
  presence: "ONLINE" | "BUSY" | "AWAY" | "OFFLINE";
}

/** A tRPC call over HTTP as the signed-in browser makes it (superjson envelope, same-origin header on writes). */
async function trpc<T>(
  request: APIRequestContext,
  origin: string,
  path: string,
  input: unknown,
  method: "query" | "mutation",
): Promise<{ status: number; data: T }> {
  const response =
    method === "query"
      ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await request.post(`/api/trpc/${path}`, { headers: { "content-type": "application/json", origin }, data: { json: input } });
  const body = (await response.json()) as { result?: { data?: { json?: T } } };
  return { status: response.status(), data: body.result?.data?.json as T };
}

async function scrollWidth(page: Page) {
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

test("a manager sees the queue grow live, is alerted past a threshold, and the page fits a phone", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, ACCOUNTS.ADMIN);
  const origin = new URL(page.url()).origin;
  await page.goto("/monitor");
  await expect(page.getByRole("heading", { name: "实时监控", level: 1 })).toBeVisible();
  // subscribed to private-monitor before anything happens
  await expect(page.getByTestId("monitor")).toHaveAttribute("data-live", "true", { timeout: 20_000 });
  const queued = page.getByTestId("kpi-queued");
  await expect(queued).toHaveText(/^\d+$/);

  // keep the new conversation waiting: every agent who could take it is set away, through the monitor's own action
  const board = await trpc<{ agents: Agent[] }>(page.request, origin, "monitor.agents", {}, "query");
  expect(board.status).toBe(200);
  const available = board.data.agents.filter((agent) => agent.role === "AGENT" && agent.presence === "ONLINE");
  let ruleId: number | null = null;
  // the installation's standing rules (the defaults fire on the demo's long queue) are paused: this test watches its own
  const standing = (await trpc<{ id: number; enabled: boolean }[]>(page.request, origin, "alert.listRules", {}, "query")).data.filter((r) => r.enabled);
  const customerContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    for (const rule of standing) expect((await trpc(page.request, origin, "alert.updateRule", { id: rule.id, enabled: false }, "mutation")).status).toBe(200);
    for (const agent of available) {
      expect((await trpc(page.request, origin, "monitor.setAgentPresence", { userId: agent.id, presence: "AWAY" }, "mutation")).status).toBe(200);
    }
    // the snapshot after the presence changes is the baseline: read once it has landed (the button is busy until then)
    const refresh = page.getByRole("button", { name: "刷新" });
    const refreshed = page.waitForResponse((response) => response.url().includes("monitor.overview") && response.ok());
    await refresh.click();
    await refreshed;
    await expect(refresh).not.toHaveAttribute("aria-busy", "true");
    await expect(queued).toHaveText(/^\d+$/);
    const before = Number(await queued.textContent());

    // an alert rule just above the current queue
    const rule = await trpc<{ id: number }>(page.request, origin, "alert.createRule", { metric: "QUEUE_LENGTH", threshold: before }, "mutation");
    expect(rule.status).toBe(200);
    ruleId = rule.data.id;
    await expect(page.getByTestId("alert-banner")).toHaveCount(0);

    // a customer starts a chat in another browser and asks for a person
    const customer = await customerContext.newPage();
    await customer.goto("/chat");
    await customer.getByRole("button", { name: "跳过" }).click();
    await customer.getByRole("textbox", { name: "输入消息" }).fill("转人工");
    const posted = customer.waitForResponse((response) => response.url().endsWith("/api/v1/widget/messages") && response.request().method() === "POST");
    await customer.getByRole("button", { name: "发送" }).click();
    // the delta moves the figure, well before the next 30 s snapshot (how fast is the benchmarks' business, not a test's)
    await expect(queued).toHaveText(String(before + 1));
    await expect(customer.getByText("正在为您转接人工客服")).toBeVisible();

    // the queue crossed the rule: the banner appears and can be acknowledged
    const banner = page.getByTestId("alert-banner");
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText(`排队人数超过 ${before}`);
    // the new arrival is listed, last in line, with its live wait
    const { conversationId } = (await (await posted).json()) as { conversationId: number };
    const showAll = page.getByTestId("queue-section").getByRole("button", { name: /显示全部/ });
    await expect(async () => {
      if (await showAll.isVisible()) await showAll.click();
      await expect(page.getByTestId("queue-list").locator(`li[data-conversation-id="${conversationId}"]`)).toContainText("已等待", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });

    // nothing on the page is wider than the phone
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await page.getByRole("button", { name: "表格" }).click();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    await banner.getByRole("button", { name: "确认" }).click();
    await expect(banner).toHaveCount(0);
    await page.goto("/monitor/alerts");
    const history = page.getByTestId("alert-history").locator("li").first();
    await expect(history).toContainText(`排队人数超过 ${before}`);
    await expect(history).toContainText("系统管理员 于");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    // the customer leaves the queue again
    await customer.getByRole("button", { name: "退出排队" }).click();
  } finally {
    if (ruleId !== null) await trpc(page.request, origin, "alert.deleteRule", { id: ruleId }, "mutation");
    for (const rule of standing) await trpc(page.request, origin, "alert.updateRule", { id: rule.id, enabled: true }, "mutation");
    for (const agent of available) await trpc(page.request, origin, "monitor.setAgentPresence", { userId: agent.id, presence: "ONLINE" }, "mutation");
    await customerContext.close();
  }
});

/** The queue figure in the monitor snapshot the page keeps on the device. */
function keptQueued(page: Page) {
  return page.evaluate(() => {
    const kept = JSON.parse(window.localStorage.getItem("kefu.monitor.snapshot") ?? "null") as {
      overview?: { today?: { kpis?: { conversations?: { QUEUED?: number } } } };
    } | null;
    return kept?.overview?.today?.kpis?.conversations?.QUEUED ?? null;
  });
}

test("the last snapshot stays on the phone for offline reading", async ({ page, context }) => {
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/monitor");
  const queued = page.getByTestId("kpi-queued");
  await expect(queued).toHaveText(/^\d+$/);
  // customers come and go while this runs: the figure on screen is compared with the snapshot kept at that moment
  const shownAsKept = async () => (await queued.textContent()) === String(await keptQueued(page));
  await expect.poll(shownAsKept).toBe(true);
  const saved = await page.evaluate(
    () =>
      JSON.parse(window.localStorage.getItem("kefu.monitor.snapshot") ?? "null") as {
        savedAt: string;
        overview: { today: { kpis: { conversations: { QUEUED: number } } } };
        queue: unknown;
        agents: unknown;
      } | null,
  );
  expect(saved?.overview.today.kpis.conversations.QUEUED).toEqual(expect.any(Number));
  expect(new Date(saved!.savedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(saved).toHaveProperty("queue");
  expect(saved).toHaveProperty("agents");

  // the network drops while the page is open: the figures stay, marked as of their time
  await context.setOffline(true);
  await expect(page.getByTestId("offline-banner")).toContainText(/离线 · 数据截至 \d{2}:\d{2}/);
  await expect.poll(shownAsKept).toBe(true);
  await context.setOffline(false);
  await expect(page.getByTestId("offline-banner")).toHaveCount(0);

  // opened while the API cannot be reached: the saved snapshot is shown
  await page.route("**/api/trpc/**", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await expect(page.getByTestId("offline-banner")).toContainText(/离线 · 数据截至 \d{2}:\d{2}/, { timeout: 20_000 });
  // nothing can update the snapshot now: the page shows exactly what it kept
  await expect(queued).toHaveText(String(await keptQueued(page)));
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
});

test("an agent is refused the monitor page, its data and its live channel", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.AGENT);
  const origin = new URL(page.url()).origin;
  await page.goto("/monitor");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("kpi-queued")).toHaveCount(0);
  await page.goto("/monitor/alerts");
  await expect(page.getByTestId("forbidden")).toBeVisible();

  expect((await trpc(page.request, origin, "monitor.overview", {}, "query")).status).toBe(403);
  expect((await trpc(page.request, origin, "alert.active", {}, "query")).status).toBe(403);
  expect((await trpc(page.request, origin, "monitor.setAgentPresence", { userId: 1, presence: "AWAY" }, "mutation")).status).toBe(403);
  const auth = await page.request.post("/api/realtime/auth", { headers: { origin }, form: { socket_id: "123.456", channel_name: "private-monitor" } });
  expect(auth.status()).toBe(403);
});

test("a supervisor may subscribe to the monitor channel", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  const origin = new URL(page.url()).origin;
  const auth = await page.request.post("/api/realtime/auth", { headers: { origin }, form: { socket_id: "123.456", channel_name: "private-monitor" } });
  expect(auth.status()).toBe(200);
  expect(((await auth.json()) as { auth?: string }).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);
});

test("in English too, no manager screen is wider than the phone", async ({ page, context }) => {
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  for (const path of ["/monitor", "/monitor/alerts", "/", "/knowledge", "/workspace", "/staff", "/teams", "/account"]) {
    await page.goto(path);
    await expect(page.getByTestId("current-user")).toBeVisible();
    if (path === "/monitor") await expect(page.getByTestId("queue-list").or(page.getByTestId("kpi-queued")).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await scrollWidth(page), path).toBeLessThanOrEqual(360);
  }
});

test("a supervisor moves a waiting customer to another team's queue from the monitor", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  const origin = new URL(page.url()).origin;
  // a customer who waits: the agents who could take them at once are set away for the test, as in the first test
  const board = await trpc<{ agents: Agent[] }>(page.request, origin, "monitor.agents", {}, "query");
  const available = board.data.agents.filter((agent) => agent.role === "AGENT" && agent.presence === "ONLINE");
  for (const agent of available)
    expect((await trpc(page.request, origin, "monitor.setAgentPresence", { userId: agent.id, presence: "AWAY" }, "mutation")).status).toBe(200);
  const customerContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    const customer = await customerContext.newPage();
    await customer.goto("/chat");
    await customer.getByRole("button", { name: "跳过" }).click();
    await customer.getByRole("textbox", { name: "输入消息" }).fill("转人工");
    await customer.getByRole("button", { name: "发送" }).click();
    await expect(customer.getByText("正在为您转接人工客服")).toBeVisible();
    await moveFirstWaitingCustomer(page);
  } finally {
    await customerContext.close();
    for (const agent of available) await trpc(page.request, origin, "monitor.setAgentPresence", { userId: agent.id, presence: "ONLINE" }, "mutation");
  }
});

async function moveFirstWaitingCustomer(page: Page) {
  await page.goto("/monitor");
  const queue = page.getByTestId("queue-list");
  await expect(queue.locator("li[data-conversation-id]").first()).toBeVisible();
  const id = await queue.locator("li[data-conversation-id]").first().getAttribute("data-conversation-id");
  // the live queue reorders as customers come and go: hold on to this customer's row, not to whichever is first
  const row = queue.locator(`li[data-conversation-id="${id}"]`);
  const teamBefore = (await row.locator(".truncate.text-xs").textContent()) ?? "";
  await row.getByRole("button", { name: "分配" }).click();
  const dialog = page.getByRole("dialog", { name: `分配会话 #${id}` });
  await dialog.getByRole("radio", { name: "技能组队列" }).check();
  const teams = dialog.getByLabel("技能组", { exact: true });
  const other = teams
    .locator("option")
    .filter({ hasNotText: "选择技能组" })
    .filter({ hasNotText: teamBefore.split(" · ")[0] ?? "" })
    .first();
  const otherName = (await other.textContent()) ?? "";
  await teams.selectOption({ label: otherName });
  await dialog.getByRole("button", { name: "分配" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("region", { name: /通知/ }).getByRole("status").filter({ hasText: "会话已分配" })).toBeVisible();
  // it waits in the other team's queue now, unless one of that team's agents took it at once
  await expect(async () => {
    if ((await row.count()) > 0) await expect(row).toContainText(otherName, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
}
