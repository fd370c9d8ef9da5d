import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

test("a customer finds a bot answer unhelpful and says why; the rating stays after a reload and reaches the knowledge admin", async ({ browser }) => {
  // two browsers and a sign-in
  test.setTimeout(120_000);
  const customerContext = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  const managerContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    const customer = await customerContext.newPage();
    await customer.goto("/chat");
    await customer.getByRole("button", { name: "跳过" }).click();
    await customer.getByRole("textbox", { name: "输入消息" }).fill("请问怎么修改收货地址？");
    await customer.getByRole("button", { name: "发送" }).click();
    const answer = customer.getByRole("listitem").filter({ hasText: "【如何修改收货地址】" });
    await expect(answer).toBeVisible();

    const feedback = answer.getByTestId("answer-feedback");
    await expect(feedback).toContainText("这个回答有帮助吗？");
    const rated = customer.waitForResponse((response) => response.url().endsWith("/api/v1/widget/feedback") && response.ok());
    await feedback.getByRole("button", { name: "没帮助" }).click();
    await rated;
    await expect(feedback.getByRole("status")).toHaveText("感谢您的反馈");
    const why = feedback.getByRole("group", { name: "哪里不满意？（可选）" });
    const reasoned = customer.waitForResponse((response) => response.url().endsWith("/api/v1/widget/feedback") && response.ok());
    await why.getByRole("button", { name: "看不懂" }).click();
    await reasoned;
    await expect(why.getByRole("button", { name: "看不懂" })).toHaveAttribute("aria-pressed", "true");

    // the rating is the visitor's: a reload shows it again
    await customer.reload();
    const again = customer.getByRole("listitem").filter({ hasText: "【如何修改收货地址】" }).getByTestId("answer-feedback");
    await expect(again.getByRole("button", { name: "没帮助" })).toHaveAttribute("aria-pressed", "true");
    await expect(again.getByRole("button", { name: "看不懂" })).toHaveAttribute("aria-pressed", "true");

    // the knowledge admin sees it first among the unhelpful ratings, with its reason and conversation
    const manager = await managerContext.newPage();
    await signInAndWait(manager, ACCOUNTS.SUPERVISOR);
    await manager.goto("/knowledge");
    await manager.getByRole("tab", { name: "答案反馈" }).click();
    await expect(manager.getByTestId("low-performers")).toBeVisible();
    const newest = manager.getByTestId("answer-ratings").locator("tbody tr").first();
    await expect(newest).toContainText("如何修改收货地址");
    await expect(newest).toContainText("没帮助");
    await expect(newest).toContainText("看不懂");
    await expect(newest.getByRole("link", { name: /会话 #\d+/ })).toHaveAttribute("href", /^\/workspace\/c\/\d+$/);
  } finally {
    await customerContext.close();
    await managerContext.close();
  }
});
