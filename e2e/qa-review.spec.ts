import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

// 李静 (3001) is the demo agent; 蒋雪梅 (4001) the QA inspector
const AGENT_NAME = "李静";

async function switchTo(page: Page, account: string) {
  await page.context().clearCookies();
  await signInAndWait(page, account);
}

test("an inspector reviews a conversation; the agent disputes; the reviewer adjusts; the agent sees the new score", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAndWait(page, ACCOUNTS.QA);
  await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "质检评分" }).click();
  await expect(page.getByRole("heading", { name: "质检评分", level: 1 })).toBeVisible();

  // pick one of the agent's ended, unreviewed conversations
  await page.getByLabel("坐席").first().selectOption({ label: AGENT_NAME });
  const candidates = page.getByTestId("qa-candidates");
  const first = candidates.locator("tr[data-conversation-id]").first();
  await expect(first).toBeVisible();
  const conversationId = await first.getAttribute("data-conversation-id");
  await candidates.locator(`tr[data-conversation-id="${conversationId}"]`).getByRole("button", { name: "开始质检" }).click();
  await expect(page).toHaveURL(/\/qa\/reviews\/\d+$/);
  const reviewId = page.url().split("/").at(-1)!;
  const screen = page.getByTestId("qa-review");
  await expect(screen.getByRole("heading", { name: new RegExp(`会话 #${conversationId}`) })).toBeVisible();

  // highlight a message with a comment
  const message = screen
    .locator("[data-message-id]")
    .filter({ has: page.getByRole("button", { name: "标注", exact: true }) })
    .first();
  const messageId = await message.getAttribute("data-message-id");
  await message.getByRole("button", { name: "标注", exact: true }).click();
  await message.getByLabel("标注说明").fill("应先安抚客户情绪再解释原因");
  await message.getByRole("button", { name: "保存标注" }).click();
  await expect(screen.locator(`[data-message-id="${messageId}"]`).getByTestId("qa-highlight")).toContainText("应先安抚客户情绪再解释原因");

  // a submission without every criterion scored names the one missing
  const scorecard = screen.getByRole("form", { name: "评分卡" });
  await scorecard.getByRole("button", { name: "提交评分" }).click();
  await expect(scorecard.getByText("请为「服务态度」评分（或标记为不适用）。")).toBeVisible();

  // full marks except 服务态度 6/10: (60×20 + 100×90) ÷ 110 = 92.7
  for (const select of await scorecard.getByRole("combobox").all()) await select.selectOption({ index: 1 });
  await scorecard.getByRole("combobox", { name: "服务态度" }).selectOption("6");
  await scorecard.getByLabel("「服务态度」点评").fill("语气生硬");
  await scorecard.getByLabel("建议").fill("多用安抚话术，先共情再解决问题。");
  await scorecard.getByRole("button", { name: "提交评分" }).click();
  await expect(toastWith(page, "质检评分已提交")).toBeVisible();
  await expect(screen.getByTestId("qa-review-total")).toContainText("92.7");

  // the agent sees it and disputes 服务态度
  await switchTo(page, ACCOUNTS.AGENT);
  await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "我的质检" }).click();
  await page.getByTestId("qa-my-reviews").locator(`tr[data-review-id="${reviewId}"]`).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/qa/my-reviews/${reviewId}$`));
  await expect(page.getByTestId("qa-review-total")).toContainText("92.7");
  await expect(page.getByTestId("qa-advice")).toHaveText("多用安抚话术，先共情再解决问题。");
  await expect(page.locator(`[data-message-id="${messageId}"]`).getByTestId("qa-highlight")).toContainText("应先安抚客户情绪再解释原因");
  await page.getByRole("button", { name: "申诉", exact: true }).click();
  const dispute = page.getByRole("form", { name: "申诉", exact: true });
  await dispute.getByLabel("申诉理由").fill("客户情绪激动时我已道歉两次");
  await dispute.getByRole("combobox", { name: "服务态度" }).selectOption("10");
  await dispute.getByRole("button", { name: "提交申诉" }).click();
  await expect(toastWith(page, "申诉已提交")).toBeVisible();
  await expect(page.getByTestId("qa-disputes")).toContainText("待处理");

  // the reviewer adjusts 服务态度 to 8: (80×20 + 100×90) ÷ 110 = 96.4
  await switchTo(page, ACCOUNTS.QA);
  await page.goto(`/qa/reviews/${reviewId}`);
  const settle = page.getByRole("form", { name: "处理申诉" });
  await settle.getByLabel("处理方式").selectOption("ADJUST");
  await settle.getByRole("combobox", { name: "服务态度" }).selectOption("8");
  await settle.getByLabel("处理说明").fill("道歉属实，酌情加分");
  await settle.getByRole("button", { name: "处理申诉" }).click();
  await expect(toastWith(page, "申诉已处理")).toBeVisible();
  await expect(page.getByTestId("qa-review-total")).toContainText("96.4");

  // the agent sees the new score and acknowledges it
  await switchTo(page, ACCOUNTS.AGENT);
  await page.goto(`/qa/my-reviews/${reviewId}`);
  await expect(page.getByTestId("qa-review-total")).toContainText("96.4");
  await expect(page.getByTestId("qa-disputes")).toContainText("已调整");
  await expect(page.getByTestId("qa-disputes")).toContainText("92.7 → 96.4");
  await page.getByRole("button", { name: "确认结果" }).click();
  await expect(page.getByTestId("qa-acknowledged")).toBeVisible();
});
