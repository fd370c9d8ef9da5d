import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createTeamWithAgents, latestConversationOfTeam, retireTeam, type TeamFixture } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

/**
 * The agent's screen (issue 9): a personal 快捷回复 made on the management page and inserted with "/" and its
 * variables filled; an anonymous visitor shown as 访客 + number with device and page; a conversation's own address;
 * and the old agent's pane turning read-only the moment a supervisor hands the conversation to someone else.
 */

const stamp = Date.now().toString(36).slice(-6);
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const PAGE = "https://shop.example.com/products/robot-vacuum-s8";
let team: TeamFixture;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  team = await createTeamWithAgents(2, stamp);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (team) await retireTeam(team);
});

async function newPage(browser: Browser, userAgent?: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 }, userAgent });
  contexts.push(context);
  return context.newPage();
}

async function goOnline(page: Page) {
  await page.goto("/workspace");
  await expect(page.getByRole("heading", { name: "会话工作台", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "在线状态" }).selectOption("ONLINE");
  await expect(toastWith(page, "在线状态已更新")).toBeVisible();
}

const toolbar = (page: Page) => page.getByRole("toolbar", { name: "会话操作" });

test("快捷回复 from '/', visitor names, a conversation's own address, and the old agent's pane read-only after a hand-over", async ({ browser }) => {
  test.setTimeout(180_000);
  const [agentA, agentB] = team.agents as [TeamFixture["agents"][number], TeamFixture["agents"][number]];

  // agent A keeps a personal canned reply with variables, made on the management page
  const a = await newPage(browser);
  await signInAndWait(a, agentA.employeeNo);
  await a.goto("/canned-replies");
  await expect(a.getByRole("heading", { name: "快捷回复", level: 1 })).toBeVisible();
  await a.getByRole("button", { name: "新建快捷回复" }).first().click();
  const form = a.getByRole("dialog", { name: "新建快捷回复" });
  await form.getByLabel("标题").fill("退款进度");
  await form.getByLabel("快捷键").fill("tk has space");
  await form.getByLabel("分类").fill("退款");
  await form.getByLabel("内容").fill("您好，");
  await form.getByRole("button", { name: "客户名称" }).click();
  await form.getByLabel("内容").press("End");
  await form.getByLabel("内容").pressSequentially("，我是");
  await form.getByRole("button", { name: "我的姓名" }).click();
  await form.getByLabel("内容").press("End");
  await form.getByLabel("内容").pressSequentially("，退款已提交。");
  await form.getByRole("button", { name: "保存" }).click();
  // a shortcut with spaces is refused next to the field, and nothing is saved
  await expect(form.getByText("不能含空格", { exact: false })).toBeVisible();
  await form.getByLabel("快捷键").fill("tk");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form).toHaveCount(0);
  await expect(a.locator('[data-canned-reply="tk"]')).toContainText("退款进度");

  // an anonymous visitor on an iPhone opens the chat on a product page and asks for a person
  await goOnline(a);
  const customer = await newPage(browser, IPHONE);
  await customer.goto(`/chat?team=${team.teamId}&page=${encodeURIComponent(PAGE)}`);
  await customer.getByRole("button", { name: "跳过" }).click();
  await customer.getByRole("textbox", { name: "输入消息" }).fill("转人工");
  await customer.getByRole("button", { name: "发送" }).click();
  await expect(customer.getByTestId("system-caption").filter({ hasText: `客服 ${agentA.name} 已接入` })).toBeVisible();
  const conversation = await latestConversationOfTeam(team.teamId);

  // A opens it: the address is the conversation's own; the visitor has a number, a device and a page
  await a.locator(`button[data-conversation-id="${conversation.id}"]`).click();
  await expect(a).toHaveURL(new RegExp(`/workspace/c/${conversation.id}$`));
  const visitor = a.getByTestId("customer-panel").getByText(/^访客 \d+$/);
  await expect(visitor).toBeVisible();
  const visitorName = (await visitor.innerText()).trim();
  await expect(a.locator(`button[data-conversation-id="${conversation.id}"]`)).toContainText(visitorName);
  await expect(a.getByTestId("customer-panel")).toContainText("iPhone · Safari");
  await expect(a.getByTestId("visitor-page")).toHaveText(PAGE);

  // "/退" finds the reply by its title; Enter puts it in with the variables filled, Enter again sends it
  const composer = a.getByTestId("composer");
  await composer.fill("/退");
  const picker = a.getByTestId("canned-replies");
  await expect(picker.getByRole("option").filter({ hasText: "退款进度" })).toBeVisible();
  await composer.fill("/zz-nothing");
  await expect(a.getByTestId("canned-replies-empty")).toBeVisible();
  await composer.fill("/退");
  const index = await picker.getByRole("option").evaluateAll((options) => options.findIndex((o) => o.textContent?.includes("退款进度")));
  for (let i = 0; i < index; i++) await composer.press("ArrowDown");
  await composer.press("Enter");
  const filled = `您好，${visitorName}，我是${agentA.name}，退款已提交。`;
  await expect(composer).toHaveValue(filled);
  await composer.press("Enter");
  await expect(a.getByTestId("transcript").locator('[data-kind="agent"]').filter({ hasText: filled })).toBeVisible();
  await expect(customer.getByText(filled)).toBeVisible();

  // B comes online; a supervisor opens the conversation by its address and hands it to B
  const b = await newPage(browser);
  await signInAndWait(b, agentB.employeeNo);
  await goOnline(b);
  const supervisor = await newPage(browser);
  await signInAndWait(supervisor, ACCOUNTS.SUPERVISOR);
  await supervisor.goto(`/workspace/c/${conversation.id}`);
  await expect(supervisor.getByTestId("conversation-view").getByRole("heading", { level: 2 })).toContainText(visitorName);
  await toolbar(supervisor).getByRole("button", { name: "转接" }).click();
  const dialog = supervisor.getByRole("dialog", { name: "转接会话" });
  const colleague = dialog.getByLabel("同事", { exact: true });
  const optionB = colleague.locator("option").filter({ hasText: `${agentB.name}（${agentB.employeeNo}，` });
  await expect(optionB).toHaveCount(1);
  await colleague.selectOption((await optionB.getAttribute("value")) ?? "");
  await dialog.getByRole("button", { name: "转接" }).click();
  await expect(dialog).toHaveCount(0);

  // A's pane, untouched: read-only at once, saying who has it now
  await expect(a.getByTestId("handover-banner")).toHaveText(`已转接给 ${agentB.name} · 只读`);
  await expect(toolbar(a)).toHaveCount(0);
  await expect(composer).toBeDisabled();
  await expect(a.locator(`button[data-conversation-id="${conversation.id}"]`)).toHaveCount(0);

  // B has it, with the actions
  await b.locator(`button[data-conversation-id="${conversation.id}"]`).click();
  await expect(toolbar(b).getByRole("button", { name: "结束会话" })).toBeVisible();
  await expect(b.getByTestId("handover-banner")).toHaveCount(0);
  await expect(b.getByTestId("composer")).toBeEnabled();

  // someone outside the team following the link gets a clear refusal; an id that does not exist says so
  const stranger = await newPage(browser);
  await signInAndWait(stranger, ACCOUNTS.AGENT);
  await stranger.goto(`/workspace/c/${conversation.id}`);
  await expect(stranger.getByTestId("conversation-unavailable")).toContainText(`你无权查看会话 #${conversation.id}`);
  await expect(stranger.getByTestId("composer")).toHaveCount(0);
  await stranger.goto("/workspace/c/2000000000");
  await expect(stranger.getByTestId("conversation-unavailable")).toContainText("会话 #2000000000 不存在");
});
