import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

test("an admin creates an API key, sees it once, and revokes it", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/integrations");
  await page.getByRole("button", { name: "创建 API 密钥" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "新建" }).click();
  await expect(dialog.getByText("必填", { exact: true })).toBeVisible();
  await dialog.getByLabel("名称").fill("企业微信渠道");
  await dialog.getByRole("button", { name: "新建" }).click();

  const key = await page.getByTestId("new-api-key").innerText();
  expect(key).toMatch(/^kf_[A-Za-z0-9]{12}_/);
  await page.getByRole("dialog").getByRole("button", { name: "关闭" }).last().click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "企业微信渠道" });
  await expect(row).toContainText(key.slice(0, 15));
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: "吊销" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "吊销" }).click();
  await expect(toastWith(page, "密钥已吊销")).toBeVisible();
  await expect(row).toContainText("已吊销");
});
