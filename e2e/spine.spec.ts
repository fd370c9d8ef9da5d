import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createTeamWithAgents, latestConversationOfTeam, presenceOf, retireTeam, type TeamFixture } from "./fixtures";
import { agentComesOnline } from "./helpers";

/**
 * One conversation end to end (issue: the conversation spine), in three browser contexts: a customer on a phone,
 * and two agents of a team nobody else routes to. Every step on one side must appear on the other without a reload.
 */

const stamp = Date.now().toString(36).slice(-6);
let team: TeamFixture;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  team = await createTeamWithAgents(2, stamp);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (team) await retireTeam(team);
});

async function newContext(browser: Browser, phone = false): Promise<Page> {
  const context = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...(phone ? { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } }),
  });
  contexts.push(context);
  return context.newPage();
}

const transcript = (page: Page) => page.getByTestId("transcript");
const inTranscript = (page: Page, kind: string, text: string) => transcript(page).locator(`[data-kind="${kind}"]`).filter({ hasText: text });
const customerSees = (page: Page, text: string) => page.getByRole("listitem").filter({ hasText: text }).last();

async function customerSays(customer: Page, text: string) {
  await customer.getByRole("textbox", { name: "输入消息" }).fill(text);
  await customer.getByRole("button", { name: "发送" }).click();
  await expect(customerSees(customer, text)).toBeVisible();
}

test("customer ↔ bot ↔ agent ↔ transfer ↔ end and rate, live on every screen, and an agent's network drop loses nothing", async ({ browser }) => {
  test.setTimeout(150_000);
  const [agentA, agentB] = team.agents as [TeamFixture["agents"][number], TeamFixture["agents"][number]];
  const first = await newContext(browser);
  const customer = await newContext(browser, true);

  // agent A starts the shift; agent B is not in yet
  await agentComesOnline(first, agentA.employeeNo);

  // the customer opens the chat embedded for this team and asks a question the knowledge base answers
  await customer.goto(`/chat?team=${team.teamId}`);
  await customer.getByRole("button", { name: "跳过" }).click();
  await customerSays(customer, "请问怎么修改收货地址？");
  await expect(customer.getByText("【如何修改收货地址】", { exact: false })).toBeVisible();
  const conversation = await latestConversationOfTeam(team.teamId);
  expect(conversation.status).toBe("BOT");

  // asking for a person: routing gives it to agent A, who sees it arrive in "mine" without reloading
  await customer.getByRole("button", { name: "转人工" }).click();
  await expect(customer.getByTestId("system-caption").filter({ hasText: `客服 ${agentA.name} 已接入` })).toBeVisible();
  const row = first.locator(`button[data-conversation-id="${conversation.id}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(first.getByTestId("conversation-status")).toHaveText("进行中");
  await expect(inTranscript(first, "customer", "请问怎么修改收货地址？")).toBeVisible();
  await expect(inTranscript(first, "bot", "如何修改收货地址")).toBeVisible();

  // agent → customer, live
  const replyA = `您好，我是${agentA.name}，地址可以在订单详情里修改 ${stamp}`;
  await first.getByTestId("composer").fill(replyA);
  await first.getByTestId("composer").press("Enter");
  await expect(customerSees(customer, replyA)).toBeVisible();

  // customer → agent, live
  await customerSays(customer, `订单已经发货了还能改吗 ${stamp}`);
  await expect(inTranscript(first, "customer", `订单已经发货了还能改吗 ${stamp}`)).toBeVisible();

  // agent B comes online; A transfers the conversation to B with a note
  const second = await newContext(browser);
  await agentComesOnline(second, agentB.employeeNo);
  await first.getByRole("toolbar", { name: "会话操作" }).getByRole("button", { name: "转接" }).click();
  const dialog = first.getByRole("dialog", { name: "转接会话" });
  const colleague = dialog.getByLabel("同事", { exact: true });
  const optionB = colleague.locator("option").filter({ hasText: `${agentB.name}（${agentB.employeeNo}，` });
  await expect(optionB).toHaveCount(1);
  await colleague.selectOption((await optionB.getAttribute("value")) ?? "");
  const handoverNote = `已发货，需联系物流改址 ${stamp}`;
  await dialog.getByLabel("转接备注").fill(handoverNote);
  await dialog.getByRole("button", { name: "转接" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(customer.getByTestId("system-caption").filter({ hasText: "您的咨询已转交给其他客服" })).toBeVisible();
  await expect(first.locator(`button[data-conversation-id="${conversation.id}"]`)).toHaveCount(0);

  // B sees it appear, with the whole history and A's note (never shown to the customer)
  const rowB = second.locator(`button[data-conversation-id="${conversation.id}"]`);
  await expect(rowB).toBeVisible();
  await rowB.click();
  await expect(inTranscript(second, "agent", replyA)).toBeVisible();
  await expect(inTranscript(second, "note", handoverNote)).toBeVisible();
  await expect(customer.getByText(handoverNote)).toHaveCount(0);
  const replyB = `您好，我是${agentB.name}，已联系物流为您改址 ${stamp}`;
  await second.getByTestId("composer").fill(replyB);
  await second.getByTestId("composer").press("Enter");
  await expect(customerSees(customer, replyB)).toBeVisible();

  // B's network drops; the customer keeps writing; when B is back every message is there, in order
  await second.context().setOffline(true);
  await second.evaluate(() => window.dispatchEvent(new Event("offline")));
  const whileOffline = [`新地址是上海市浦东新区 ${stamp}`, `收件人不变 ${stamp}`, `麻烦尽快 ${stamp}`];
  for (const text of whileOffline) await customerSays(customer, text);
  await second.waitForTimeout(1_000);
  // nothing reached B while offline, so what follows is the gap fill, not the live feed
  for (const text of whileOffline) await expect(inTranscript(second, "customer", text)).toHaveCount(0);
  await second.context().setOffline(false);
  await second.evaluate(() => window.dispatchEvent(new Event("online")));
  for (const text of whileOffline) await expect(inTranscript(second, "customer", text)).toHaveCount(1);
  const order = await transcript(second).locator('[data-kind="customer"]').allInnerTexts();
  const positions = whileOffline.map((text) => order.findIndex((body) => body.includes(text)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));

  // B ends the conversation with a resolution; the customer is asked to rate it, and rates it
  await second.getByRole("toolbar", { name: "会话操作" }).getByRole("button", { name: "结束会话" }).click();
  const resolve = second.getByRole("dialog", { name: "结束会话" });
  await resolve.getByLabel("处理结果").selectOption("问题已解决");
  await resolve.getByRole("button", { name: "结束会话" }).click();
  await expect(second.getByTestId("conversation-status")).toHaveText("已结束");
  await expect(customer.getByTestId("system-caption").filter({ hasText: "本次会话已结束" })).toBeVisible();
  const survey = customer.getByRole("form", { name: "请对本次服务进行评价" });
  await expect(survey).toBeVisible();
  await survey.getByRole("radio", { name: "5 星" }).click();
  await survey.getByRole("textbox", { name: "其他意见（选填）" }).fill("改址很及时，谢谢");
  await survey.getByRole("button", { name: "提交评价" }).click();
  await expect(customer.getByText("感谢您的评价！")).toBeVisible();

  const ended = await latestConversationOfTeam(team.teamId);
  expect(ended).toMatchObject({ id: conversation.id, status: "RESOLVED", assigneeId: agentB.id, csatScore: 5 });

  // the end of B's shift: signing out takes B off the floor, so routing gives B nothing more
  expect(await presenceOf(agentB.id)).toBe("ONLINE");
  await second.getByRole("button", { name: "退出登录" }).click();
  await expect(second).toHaveURL(/\/sign-in/);
  await expect.poll(() => presenceOf(agentB.id)).toBe("OFFLINE");
});
