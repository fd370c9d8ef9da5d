import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

// Both tests change what every customer sees (a global setting, a published article): run them one by one.
test.describe.configure({ mode: "serial" });

/** A customer in a browser of their own opens the chat widget. */
async function openChat(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: "在线客服", level: 1 })).toBeVisible();
  return page;
}

async function customerAsks(chat: Page, question: string) {
  const skip = chat.getByRole("button", { name: "跳过" });
  if (await skip.isVisible()) await skip.click();
  await chat.getByRole("textbox", { name: "输入消息" }).fill(question);
  await chat.getByRole("button", { name: "发送" }).click();
  await expect(chat.getByText(question, { exact: true })).toBeVisible();
}

async function saveBotSettings(page: Page) {
  await page.getByRole("button", { name: "保存", exact: true }).click();
}

test("an admin's new welcome message greets the next customer; bad input is refused beside its field", async ({ page, browser }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "机器人与设置", level: 1 })).toBeVisible();
  const welcome = page.getByLabel("欢迎语");
  await expect(welcome).not.toHaveValue("");
  const original = await welcome.inputValue();
  // the queue-full rule is explained with the teams' real limits
  await expect(page.getByTestId("queue-limits")).toContainText("最大排队人数");

  try {
    // an empty welcome message: the server refuses it and the form says so next to the field
    await welcome.fill("");
    await saveBotSettings(page);
    await expect(welcome).toHaveAccessibleDescription(/必填/);
    // the toast, away from the field, names it as well as the rule
    await expect(toastWith(page, "欢迎语：必填")).toBeVisible();

    // bot hours ending before they start
    await welcome.fill(original);
    await page.getByRole("checkbox", { name: "全天" }).click();
    await page.getByLabel("开始时间").fill("18:00");
    await page.getByLabel("结束时间").fill("09:00");
    await saveBotSettings(page);
    await expect(page.getByLabel("结束时间")).toHaveAccessibleDescription(/结束时间必须晚于开始时间/);
    await expect(welcome).not.toHaveAccessibleDescription(/必填/);

    // nothing was written: a reload shows the saved values
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "全天" })).toBeChecked();
    await expect(welcome).toHaveValue(original);

    const greeting = `欢迎来到周年庆专场！我是小客，有问题随时问我。${Date.now()}`;
    await welcome.fill(greeting);
    await saveBotSettings(page);
    await expect(toastWith(page, "机器人设置已保存")).toBeVisible();
    await expect(page.getByTestId("bot-last-change")).toContainText("系统管理员");

    const chat = await openChat(browser);
    await expect(chat.getByText(greeting)).toBeVisible();
    await chat.context().close();
  } finally {
    // other specs share this database and expect the original greeting
    await page.goto("/settings");
    await page.getByLabel("欢迎语").fill(original);
    await saveBotSettings(page);
    await expect(toastWith(page, "机器人设置已保存")).toBeVisible();
  }
});

test("a supervisor publishes an article and the bot answers a customer with it", async ({ page, browser }) => {
  const title = `星际快递能送到月球基地吗${Date.now().toString(36)}`;
  const question = "星际快递能送到月球基地吗？";
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/knowledge");
  await expect(page.getByRole("heading", { name: "知识库", level: 1 })).toBeVisible();

  // before: the bot has nothing to say about it
  await page.getByRole("textbox", { name: "测试问题" }).fill(question);
  await page.getByRole("button", { name: "测试", exact: true }).click();
  await expect(page.getByTestId("try-bot-result").getByRole("status")).toContainText("没有文章达到阈值");

  await page.getByRole("button", { name: "新建文章" }).click();
  const dialog = page.getByRole("dialog", { name: "新建文章" });
  await dialog.getByLabel("标题").fill(title);
  await dialog.getByLabel("关键词 / 同义说法").fill("月球,星际快递,太空配送");
  await dialog.getByLabel("正文").fill("可以送达。星际快递每周三从文昌发射场发往月球基地，下单时选择“月球基地”地址即可。");
  await dialog.getByRole("button", { name: "保存并发布" }).click();
  await expect(toastWith(page, "已保存并发布")).toBeVisible();

  // an edit makes version 2, and the bot quotes the new text
  const row = page.getByTestId("article-table").getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("已发布");
  await expect(row).toContainText("v1");
  await row.getByRole("button", { name: "编辑" }).click();
  const editor = page.getByRole("dialog", { name: "编辑文章" });
  await expect(editor.getByTestId("article-version")).toHaveText("当前版本 v1 · 共 1 个版本");
  await editor.getByLabel("正文").fill("可以送达。星际快递每周五从文昌发射场发往月球基地，运费按公斤计算。");
  await editor.getByRole("button", { name: "保存并更新" }).click();
  // the first save's notice may still be showing: this one names the new version
  await expect(toastWith(page, /已保存.*（v2）/)).toBeVisible();
  await expect(row).toContainText("v2");

  // "try the bot" now shows the article clearing the threshold
  await page.getByRole("button", { name: "测试", exact: true }).click();
  const result = page.getByTestId("try-bot-result");
  await expect(result.getByRole("status")).toContainText(`机器人会用《${title}》回答`);
  await expect(result.getByRole("listitem").first()).toContainText("达到阈值");

  const chat = await openChat(browser);
  await customerAsks(chat, question);
  await expect(chat.getByText(`【${title}】`, { exact: false })).toBeVisible();
  await expect(chat.getByText("每周五从文昌发射场发往月球基地", { exact: false })).toBeVisible();
  await chat.context().close();

  // archiving (confirmed) takes it away from the bot again, so later runs start clean
  await row.getByRole("button", { name: "归档" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "归档" }).click();
  await expect(toastWith(page, "已归档")).toBeVisible();
  await expect(row).toContainText("已归档");
  await page.getByRole("button", { name: "测试", exact: true }).click();
  await expect(result.getByRole("status")).not.toContainText(title);
});

test("questions the bot could not answer are listed most asked first, and an article written from one resolves it", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const often = `火星上的天气怎么样 ${suffix}`;
  const once = `量子纠缠怎么解释 ${suffix}`;

  // one customer asks the same thing twice (the bot asks to rephrase, then hands off), another asks once
  const first = await openChat(browser);
  await customerAsks(first, often);
  await expect(first.getByText("抱歉，我没有完全理解您的问题", { exact: false })).toBeVisible();
  await first.getByRole("textbox", { name: "输入消息" }).fill(`${often}？`);
  await first.getByRole("button", { name: "发送" }).click();
  await expect(first.getByText(`${often}？`, { exact: true })).toBeVisible();
  await first.context().close();
  const second = await openChat(browser);
  await customerAsks(second, once);
  await expect(second.getByText("抱歉，我没有完全理解您的问题", { exact: false })).toBeVisible();
  await second.context().close();

  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/knowledge");
  await page.getByRole("tab", { name: "未解答问题" }).click();
  const table = page.getByTestId("unanswered-table");
  const oftenRow = table.getByRole("row").filter({ hasText: often });
  const onceRow = table.getByRole("row").filter({ hasText: once });
  await expect(oftenRow).toContainText("2 次");
  await expect(onceRow).toContainText("1 次");
  const questions = await table.locator("tbody tr td:first-child").allInnerTexts();
  expect(questions.findIndex((q) => q.includes(often))).toBeLessThan(questions.findIndex((q) => q.includes(once)));

  await oftenRow.getByRole("button", { name: "写文章" }).click();
  const dialog = page.getByRole("dialog", { name: "新建文章" });
  await expect(dialog.getByLabel("标题")).toHaveValue(often);
  await expect(dialog).toContainText("保存后该问题标记为已解决");
  await dialog.getByLabel("正文").fill("目前无法提供火星天气信息，请关注官方公告。");
  await dialog.getByRole("button", { name: "保存为草稿" }).click();
  await expect(toastWith(page, "已保存")).toBeVisible();

  // it leaves the open questions and shows as resolved, linked to the new article
  await expect(oftenRow).toHaveCount(0);
  await page.getByRole("combobox", { name: "处理状态" }).selectOption({ label: "已解决" });
  await expect(oftenRow).toContainText("已解决");
  await expect(oftenRow.getByRole("button", { name: often })).toBeVisible();
});

test("agents may open neither page", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.AGENT);
  for (const path of ["/settings", "/knowledge"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden"), path).toBeVisible();
  }
});

test("supervisors may not open the bot settings", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/settings");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await page.goto("/knowledge");
  // the supervisor sees the threshold in "try the bot" but gets no link to settings they cannot change
  await expect(page.getByRole("heading", { name: "测试机器人" })).toBeVisible();
  await expect(page.getByRole("link", { name: "调整阈值与策略" })).toHaveCount(0);
});
