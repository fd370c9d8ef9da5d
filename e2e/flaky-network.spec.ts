import { expect, test, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { createTeamWithAgents, latestConversationOfTeam, retireTeam, withE2eDb, type TeamFixture } from "./fixtures";
import { agentComesOnline } from "./helpers";

/**
 * A customer on a phone and an agent on a flaky connection (issue 16): the network drops while they write and the
 * line is slow (3G). Every message arrives on the other side in the order written, none lost, none doubled, and
 * what was written while offline goes by itself when the connection is back.
 */

const stamp = Date.now().toString(36).slice(-6);
let team: TeamFixture;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  team = await createTeamWithAgents(1, `n${stamp}`);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (team) await retireTeam(team);
});

const transcript = (page: Page) => page.getByTestId("transcript");
const agentSees = (page: Page, kind: string, text: string) => transcript(page).locator(`[data-kind="${kind}"]`).filter({ hasText: text });
const customerSees = (page: Page, text: string) => page.getByRole("listitem").filter({ hasText: text });

const SLOW_3G = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const FAST = { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const sessions = new Map<Page, CDPSession>();

/**
 * The page's line, through one DevTools session per page (two sessions' emulations would not combine): offline, or
 * online at full speed or on slow 3G as Chrome's DevTools define it (400 ms latency, about 50 KB/s each way).
 */
async function line(page: Page, state: { offline: boolean; slow: boolean }) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send("Network.enable");
    sessions.set(page, session);
  }
  await session.send("Network.emulateNetworkConditions", { offline: state.offline, ...(state.slow ? SLOW_3G : FAST) });
  await page.evaluate((offline) => window.dispatchEvent(new Event(offline ? "offline" : "online")), state.offline);
}

/** Positions of the texts in a list of rendered texts: each present once, in the order given. */
function expectInOrderOnce(rendered: string[], texts: string[]) {
  for (const text of texts)
    expect(
      rendered.filter((body) => body.includes(text)),
      text,
    ).toHaveLength(1);
  const positions = texts.map((text) => rendered.findIndex((body) => body.includes(text)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

async function rowsWithBodies(texts: string[]): Promise<number> {
  return withE2eDb(async (db) => {
    const [row] = await db.query<{ n: bigint }[]>("SELECT COUNT(*) AS n FROM `Message` WHERE body IN (?)", [texts]);
    return Number(row!.n);
  });
}

test("on a flaky, slow connection every message arrives once and in order, and what was written offline goes by itself", async ({ browser }) => {
  test.setTimeout(180_000);
  const [agent] = team.agents as [TeamFixture["agents"][number]];
  const agentContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
  const customerContext = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(agentContext, customerContext);
  const workspace = await agentContext.newPage();
  const customer = await customerContext.newPage();
  await agentComesOnline(workspace, agent.employeeNo);

  // the customer reaches the agent
  await customer.goto(`/chat?team=${team.teamId}`);
  await customer.getByRole("button", { name: "跳过" }).click();
  const composer = customer.getByRole("textbox", { name: "输入消息" });
  await composer.fill(`你好 ${stamp}`);
  await composer.press("Enter");
  await expect(customerSees(customer, `你好 ${stamp}`)).toHaveCount(1);
  await customer.getByRole("button", { name: "转人工" }).click();
  await expect(customer.getByTestId("system-caption").filter({ hasText: `客服 ${agent.name} 已接入` })).toBeVisible();
  const conversation = await latestConversationOfTeam(team.teamId);
  await workspace.locator(`button[data-conversation-id="${conversation.id}"]`).click();
  await expect(agentSees(workspace, "customer", `你好 ${stamp}`)).toBeVisible();

  // 1. the customer's phone loses the network and they keep writing: the messages wait, then go by themselves
  await line(customer, { offline: true, slow: false });
  const offline = [`一 我在地铁里 ${stamp}`, `二 信号不好 ${stamp}`, `三 订单号 2026120212345 ${stamp}`];
  for (const text of offline) {
    await composer.fill(text);
    await composer.press("Enter");
  }
  await expect(customer.getByTestId("waiting-for-network")).toHaveCount(3);
  await workspace.waitForTimeout(1_000);
  for (const text of offline) await expect(agentSees(workspace, "customer", text)).toHaveCount(0);
  await line(customer, { offline: false, slow: false });
  for (const text of offline) await expect(agentSees(workspace, "customer", text)).toHaveCount(1);
  await expect(customer.getByTestId("waiting-for-network")).toHaveCount(0);
  expectInOrderOnce(await transcript(workspace).locator('[data-kind="customer"]').allInnerTexts(), offline);

  // 2. both on slow 3G; the customer writes quickly and the line drops in the middle
  await line(customer, { offline: false, slow: true });
  await line(workspace, { offline: false, slow: true });
  const bursts = [`四 还有一个问题 ${stamp}`, `五 能开发票吗 ${stamp}`, `六 抬头是公司 ${stamp}`, `七 税号稍后发您 ${stamp}`];
  for (const [i, text] of bursts.entries()) {
    if (i === 2) await line(customer, { offline: true, slow: true });
    await composer.fill(text);
    await composer.press("Enter");
  }
  await customer.waitForTimeout(1_000);
  await line(customer, { offline: false, slow: true });
  for (const text of bursts) await expect(agentSees(workspace, "customer", text)).toHaveCount(1, { timeout: 30_000 });
  expectInOrderOnce(await transcript(workspace).locator('[data-kind="customer"]').allInnerTexts(), [...offline, ...bursts]);

  // 3. the agent answers quickly on the same slow line, and loses it for a moment too
  const agentComposer = workspace.getByTestId("composer");
  const replies = [`甲 可以开发票 ${stamp}`, `乙 请提供税号 ${stamp}`, `丙 开好后发到您的邮箱 ${stamp}`];
  for (const [i, text] of replies.entries()) {
    if (i === 1) await line(workspace, { offline: true, slow: true });
    await agentComposer.fill(text);
    await agentComposer.press("Enter");
  }
  // what met the dropped line is still on its way (the first reply may have got through before the drop, or not)
  await expect(workspace.getByTestId("pending-message").filter({ hasText: replies[2]! })).toBeVisible();
  await workspace.waitForTimeout(1_000);
  await expect(customerSees(customer, replies[2]!)).toHaveCount(0);
  await line(workspace, { offline: false, slow: true });
  for (const text of replies) await expect(customerSees(customer, text)).toHaveCount(1, { timeout: 30_000 });
  for (const text of replies) await expect(agentSees(workspace, "agent", text)).toHaveCount(1);
  expectInOrderOnce(await customer.getByRole("listitem").allInnerTexts(), [...offline, ...bursts, ...replies]);

  // stored once each
  expect(await rowsWithBodies([...offline, ...bursts, ...replies])).toBe(offline.length + bursts.length + replies.length);
});
