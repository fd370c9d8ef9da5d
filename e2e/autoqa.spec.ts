import { expect, test } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

test("an admin tries a forbidden word on sample text, a bad word is refused beside its line, and the rule is saved", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "自动质检" }).click();
  await expect(page.getByRole("heading", { name: "自动质检规则", level: 1 })).toBeVisible();
  await expect(page.locator('tr[data-rule="personal_data"]')).toContainText("泄露个人信息");

  await page.getByRole("button", { name: "编辑规则 禁语" }).click();
  const dialog = page.getByRole("dialog");
  const words = dialog.getByLabel("词语", { exact: true });
  const original = await words.inputValue();

  // the sample the page offers: 滚动 is whitelisted, 闭嘴 is not
  await dialog.getByRole("button", { name: "按当前设置试运行" }).click();
  const result = dialog.getByTestId("autoqa-test-result");
  await expect(result).toContainText("命中 1 处");
  await expect(result.locator("mark")).toHaveText(["闭嘴"]);

  await words.fill(`${original}\n气死我了`);
  await dialog.getByLabel("示例对话").fill("客户：怎么还没发货\n客服：真是气死我了\n客户：？");
  await dialog.getByRole("button", { name: "按当前设置试运行" }).click();
  await expect(result.locator("mark")).toHaveText(["气死我了"]);
  await expect(result.locator("li").nth(1)).toContainText("命中：气死我了");

  const lines = original.split("\n").length;
  await words.fill(`${original}\n${"很长的词".repeat(9)}`);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText(new RegExp(`第 ${lines + 1} 行`))).toBeVisible();

  await words.fill(`${original}\n气死我了`);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(toastWith(page, "规则已保存")).toBeVisible();

  await expect(dialog).toHaveCount(0);

  // put the demo's list back (the first save's notice may still be showing: the dialog closing says it saved)
  await page.getByRole("button", { name: "编辑规则 禁语" }).click();
  await expect(dialog.getByLabel("词语", { exact: true })).toHaveValue(`${original}\n气死我了`);
  await dialog.getByLabel("词语", { exact: true }).fill(original);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole("button", { name: "编辑规则 禁语" }).click();
  await expect(dialog.getByLabel("词语", { exact: true })).toHaveValue(original);
});

test("a QA inspector reads the rules and tries them, but cannot change them", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.QA);
  await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "自动质检" }).click();
  await page.getByRole("button", { name: "查看规则 投诉风险" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("词语", { exact: true })).toBeDisabled();
  await dialog.getByRole("button", { name: "按当前设置试运行" }).click();
  await expect(dialog.getByTestId("autoqa-test-result").locator("mark")).toHaveText(["12315", "投诉"]);
  await expect(dialog.getByRole("button", { name: "保存" })).toHaveCount(0);
});

test("a supervisor sees what AutoQA found in an ended demo conversation, marked in the message", async ({ page }) => {
  // the demo's ended conversations were checked after seeding, as the worker checks each one that ends
  const flagged = await withE2eDb(async (db) => {
    const [row] = await db.query<{ conversationId: number; messageId: number; hits: number }[]>(
      "SELECT f.conversationId, f.messageId, (SELECT COUNT(*) FROM `AutoQaFlag` a WHERE a.conversationId = f.conversationId) AS hits " +
        "FROM `AutoQaFlag` f WHERE f.rule = 'refund_identity_check' ORDER BY f.id LIMIT 1",
    );
    return row;
  });
  expect(flagged, "the demo has a refund promised before the identity check").toBeTruthy();
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto(`/workspace/c/${flagged!.conversationId}`);
  await expect(page.getByTestId("autoqa-summary")).toContainText(`命中 ${Number(flagged!.hits)} 处`);
  const message = page.locator(`[data-message-id="${flagged!.messageId}"]`);
  await expect(message.getByTestId("autoqa-flags")).toContainText("退款前核实身份 · 命中：");
  await expect(message.locator("mark").first()).toHaveText(/退/);
});
