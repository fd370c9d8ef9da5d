import { expect, test } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

test("an admin sees the demo routing rules and overflow rules, and a bad rule is refused beside its field", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "分配规则" }).click();
  await expect(page.getByRole("heading", { name: "分配规则", level: 1 })).toBeVisible();

  const rules = page.getByTestId("routing-rules");
  await expect(rules.locator('tr[data-rule="退款退货"]')).toContainText("售后服务");
  await expect(rules.locator('tr[data-rule="退款退货"]')).toContainText("退货");
  await expect(page.getByTestId("routing-overflows").locator('tr[data-overflow="售后服务"]')).toContainText("售前咨询");
  await expect(page.getByTestId("routing-settings").getByLabel("默认技能组")).toHaveValue(/\d+/);

  const name = `以旧换新${Date.now() % 10_000}`;
  await page.getByRole("button", { name: "新建规则" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("意图名称").fill(name);
  await dialog.getByLabel("分配到技能组").selectOption({ label: "售前咨询" });
  await dialog.getByLabel("关键词").fill("以旧换新，以旧换新");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("关键词重复")).toBeVisible();

  await dialog.getByLabel("关键词").fill("以旧换新，旧机回收");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(toastWith(page, "规则已保存")).toBeVisible();
  const row = rules.locator(`tr[data-rule="${name}"]`);
  await expect(row).toContainText("旧机回收");

  // the new rule goes last; moving it up changes the order
  const names = () => rules.locator("tr[data-rule]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-rule")));
  expect((await names()).at(-1)).toBe(name);
  await row.getByRole("button", { name: `上移 ${name}` }).click();
  await expect.poll(async () => (await names()).at(-2)).toBe(name);

  await row.getByRole("button", { name: "删除" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "删除" }).click();
  await expect(row).toHaveCount(0);
});

test("a customer picks 发票 in the widget menu and, asking for a person, is queued for 售后服务 with the reason recorded", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    const chat = await context.newPage();
    await chat.goto("/chat");
    await chat.getByRole("button", { name: "跳过" }).click();
    const menu = chat.getByTestId("intent-menu");
    await expect(menu).toContainText("请选择您要咨询的问题类型");
    const posted = chat.waitForResponse((response) => response.url().endsWith("/api/v1/widget/messages") && response.request().method() === "POST");
    await menu.getByRole("button", { name: "发票" }).click();
    const { conversationId } = (await (await posted).json()) as { conversationId: number };
    await expect(chat.getByText("发票", { exact: true })).toBeVisible();
    await expect(menu).toHaveCount(0);

    await chat.getByRole("button", { name: "转人工" }).click();
    await expect(
      chat
        .getByTestId("system-caption")
        .filter({ hasText: /已为您转接人工客服|已接入/ })
        .first(),
    ).toBeVisible();

    const handoff = await withE2eDb(async (db) => {
      const [row] = await db.query<{ teamName: string; detail: string }[]>(
        "SELECT t.name AS teamName, e.detail FROM `ConversationEvent` e JOIN `Team` t ON t.id = e.toTeamId " +
          "WHERE e.conversationId = ? AND e.type = 'BOT_HANDOFF' ORDER BY e.id DESC LIMIT 1",
        [conversationId],
      );
      return row;
    });
    expect(handoff?.teamName).toBe("售后服务");
    const detail: unknown = typeof handoff?.detail === "string" ? JSON.parse(handoff.detail) : handoff?.detail;
    expect(detail).toMatchObject({ reason: "customer_request", routing: { by: "menu", ruleName: "发票" } });
  } finally {
    await context.close();
  }
});
