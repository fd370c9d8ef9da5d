import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { createTeamWithAgents, latestConversationOfTeam, retireTeam, type TeamFixture } from "./fixtures";
import { signInAndWait, toastWith } from "./helpers";

/**
 * Attachments, typing and read receipts between a customer's widget and an agent's workspace: an image each way,
 * shown as a thumbnail on the other side; "typing…" both ways; 已读 under what the other side has read.
 */

const stamp = Date.now().toString(36).slice(-6);
let team: TeamFixture;
const contexts: BrowserContext[] = [];

// a 120×90 PNG (the customer's screenshot) and a 90×120 JPEG (the agent's photo)
const SCREENSHOT = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAHgAAABaCAIAAAD8YgW4AAAACXBIWXMAAAPoAAAD6AG1e1JrAAABOklEQVR4nO3UAY0DARDDwCI5nAVrMCXRflavkYLAcvx63tnzewgvlJ8/UQ3ogO4/vY3RAd1cQ0Y3Bycd3ZxGB3RzDRndHJx0dHMaHdDNNWR0c3DS0c1pdEA315DRzcFJRzen0QHdXENGNwcnHd2cRgd0cw0Z3RycdHRzGh3QzTVkdHNw0tHNaXRAN9eQ0c3BSUc3p9EB3VxDRjcHJx3dnEYHdHMNGd0cnHR0cxod0M01ZHRzcNLRzWl0QDfXkNHNwUlHN6fRAd1cQ0Y3Bycd3ZxGB3RzDRndHJx0dHMaHdDNNWR0c3DS0c1pdEA315DRzcFJRzen0QHdXENGNwcnHd2cRgd0cw0Z3RycdHRzGh3QzTVkdHNw0tHNaXRAN9eQ0c3BSUc3p9EB3VxDRjcHJx3dnEYHdHMNv7gPiir85QnXh+cAAAAASUVORK5CYII=",
  "base64",
);
const PHOTO = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAB4AFoDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAYH/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AhAJVrwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/9k=",
  "base64",
);

test.beforeAll(async () => {
  team = await createTeamWithAgents(1, stamp);
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

/** The image has loaded from the server (not only an empty element). */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

test("an image each way as a thumbnail, typing indicators both ways, and read receipts", async ({ browser }) => {
  test.setTimeout(120_000);
  const [agent] = team.agents as [TeamFixture["agents"][number]];
  const workspace = await newContext(browser);
  await signInAndWait(workspace, agent.employeeNo);
  await workspace.goto("/workspace");
  await workspace.getByRole("combobox", { name: "在线状态" }).selectOption("ONLINE");
  await expect(toastWith(workspace, "在线状态已更新")).toBeVisible();

  const customer = await newContext(browser, true);
  await customer.goto(`/chat?team=${team.teamId}`);
  await customer.getByRole("button", { name: "跳过" }).click();
  await customer.getByRole("button", { name: "转人工" }).click();
  await expect(customer.getByTestId("system-caption").filter({ hasText: `客服 ${agent.name} 已接入` })).toBeVisible();
  const conversation = await latestConversationOfTeam(team.teamId);
  expect(conversation).toMatchObject({ status: "ACTIVE", assigneeId: agent.id });
  await workspace.locator(`button[data-conversation-id="${conversation.id}"]`).click();
  const transcript = workspace.getByTestId("transcript");
  await expect(transcript.locator('[data-kind="customer"]').filter({ hasText: "转人工" })).toBeVisible();

  // the customer types: the agent sees it; the agent types: the customer sees it
  await customer.getByRole("textbox", { name: "输入消息" }).fill("我的订单");
  await expect(workspace.getByTestId("typing-indicator")).toHaveText("客户正在输入…");
  await workspace.getByTestId("composer").fill("请稍等");
  await expect(customer.getByTestId("typing-indicator")).toHaveText("客服正在输入…");

  // customer → agent: a screenshot, shown to the agent as a thumbnail
  await customer.getByTestId("attachment-input").setInputFiles({ name: `订单截图-${stamp}.png`, mimeType: "image/png", buffer: SCREENSHOT });
  await expectLoaded(customer.getByTestId("attachment-thumbnail").first());
  const received = transcript.locator('[data-kind="customer"]').getByTestId("attachment-thumbnail");
  await expectLoaded(received);
  await expect(received).toHaveAttribute("alt", `订单截图-${stamp}.png`);
  // the agent had the conversation open: the customer sees that it was read
  const screenshotItem = customer.getByRole("listitem").filter({ has: customer.getByRole("img", { name: `订单截图-${stamp}.png` }) });
  await expect(screenshotItem.getByTestId("read-receipt")).toHaveText("已读");

  // agent → customer: a photo, shown to the customer as a thumbnail fetched with the visitor token
  await workspace.getByTestId("attachment-input").setInputFiles({ name: `保修卡-${stamp}.jpg`, mimeType: "image/jpeg", buffer: PHOTO });
  await expectLoaded(transcript.locator('[data-kind="agent"]').getByTestId("attachment-thumbnail"));
  const sent = customer.getByRole("listitem").filter({ has: customer.getByRole("img", { name: `保修卡-${stamp}.jpg` }) });
  await expectLoaded(sent.getByTestId("attachment-thumbnail"));
  // the customer's widget is on screen: the agent sees the reply was read
  await expect(transcript.getByTestId("read-receipt")).toHaveText("已读");

  // a file the server refuses by its content never reaches the agent
  await customer.getByTestId("attachment-input").setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
  await expect(customer.getByRole("alert").filter({ hasText: "文件未能发送：类型与内容不符或无法读取" })).toBeVisible();
  await expect(transcript.getByText("invoice.pdf")).toHaveCount(0);

  // nobody else can fetch the customer's file: a signed-out request gets 404
  const [attachmentSrc] = await received.evaluateAll((images) => images.map((img) => (img as HTMLImageElement).getAttribute("src")));
  const anonymous = await browser.newContext();
  contexts.push(anonymous);
  const answer = await anonymous.request.get(attachmentSrc!);
  expect(answer.status()).toBe(404);
});
