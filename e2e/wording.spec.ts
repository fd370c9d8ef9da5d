import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

test("a pasted over-long knowledge title is kept whole, counted, and refused with the rule", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/knowledge");
  await page.getByRole("button", { name: "新建文章" }).click();
  const dialog = page.getByRole("dialog", { name: "新建文章" });
  const title = dialog.getByLabel("标题");
  const pasted = `退款多久到账${"，".repeat(10_000 - 6)}`;
  await title.fill(pasted);
  // nothing is cut: the whole paste stays in the box, the counter shows how far over it is
  expect((await title.inputValue()).length).toBe(10_000);
  await expect(dialog.getByTestId("article-title-counter")).toHaveText("10000 / 200");
  await expect(title).toHaveAccessibleDescription(/超出 9800 个字，最多 200 个字/);
  await dialog.getByLabel("正文").fill("退款原路退回，一般 1–3 个工作日到账。");

  const created = page.waitForRequest((request) => request.url().includes("knowledge.create"), { timeout: 2_000 }).catch(() => null);
  await dialog.getByRole("button", { name: "保存为草稿" }).click();
  await expect(dialog.getByText("最多 200 个字", { exact: true })).toBeVisible();
  expect(await created).toBeNull();
  await expect(dialog).toBeVisible();

  // shortened, it saves
  await title.fill("退款多久到账（长度测试）");
  await expect(dialog.getByTestId("article-title-counter")).toHaveText("12 / 200");
  await dialog.getByRole("button", { name: "保存为草稿" }).click();
  await expect(toastWith(page, "退款多久到账（长度测试）")).toBeVisible();
});

test("the audit log shows actions, targets and details in words", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  const team = `审计组${Date.now().toString().slice(-5)}`;
  await page.goto("/teams");
  await page.getByRole("button", { name: "新建技能组" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("名称").fill(team);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(toastWith(page, team)).toBeVisible();

  await page.goto("/audit");
  const created = page
    .getByRole("row")
    .filter({ hasText: `技能组「${team}」` })
    .first();
  await expect(created).toContainText("新建技能组");
  await expect(created).toContainText("名称");
  await expect(created).not.toContainText("team.create");
  await expect(created).not.toContainText('{"');
  // the stored JSON is kept for investigators, behind a toggle
  await created.getByText("原始数据").click();
  await expect(created.locator("pre")).toContainText(`"name": "${team}"`);

  const signedIn = page.getByRole("row").filter({ hasText: "登录" }).filter({ hasText: "（工号 1000）" }).first();
  await expect(signedIn).toBeVisible();
  await expect(signedIn).not.toContainText("auth.signIn");
  await expect(signedIn).not.toContainText("User#");
  await expect(page.getByRole("table")).not.toContainText("::ffff:");
});

test.describe("opened at 127.0.0.1 instead of the configured localhost", () => {
  test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` });

  test("the console signs in, works live, and says the address differs", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByTestId("address-banner")).toContainText("与控制台配置的地址");
    await expect(page.getByTestId("address-banner")).toContainText(`http://localhost:${process.env.E2E_PORT ?? 3100}`);
    await signInAndWait(page, ACCOUNTS.ADMIN);
    await expect(page.getByTestId("address-banner")).toBeVisible();
    await page.goto("/teams");
    await expect(page.getByRole("button", { name: "新建技能组" })).toBeEnabled();
  });

  test("the chat widget connects and answers", async ({ page }) => {
    await page.goto("/chat");
    await page.getByRole("button", { name: "跳过" }).click();
    const realtimeAuth = page.waitForResponse((response) => response.url().endsWith("/api/v1/widget/realtime-auth"));
    await page.getByRole("textbox", { name: "输入消息" }).fill("请问怎么修改收货地址？");
    await page.getByRole("button", { name: "发送" }).click();
    expect((await realtimeAuth).status()).toBe(200);
    await expect(page.getByText("【如何修改收货地址】", { exact: false })).toBeVisible();
    await expect(page.getByText("正在连接…")).toHaveCount(0);
  });
});
