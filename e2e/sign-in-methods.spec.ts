import { expect, test, type Browser, type CDPSession, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signInAndWait, toastWith } from "./helpers";

// each test signs in several people on a machine shared with other runs
test.describe.configure({ timeout: 180_000 });

/** Staff phones of the seed are 1380000 + 工号 (packages/db/src/seed/staff.ts). */
const phoneOf = (employeeNo: string) => `1380000${employeeNo}`;

/**
 * The newest code the development sender wrote for a phone, read where admins read it: the SMS outbox on the
 * security page (codes are never shown to anyone else). `after` is the outbox row the test saw before asking.
 */
async function newestCode(browser: Browser, employeeNo: string, after: number): Promise<{ code: string; rowId: number }> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAndWait(admin, ACCOUNTS.ADMIN);
  await admin.goto("/security");
  const row = admin.getByTestId("sms-outbox").locator(`tr[data-phone-last4="${employeeNo}"]`).first();
  await expect.poll(async () => Number((await row.getAttribute("data-testid"))?.replace("sms-", "") ?? 0), { timeout: 15_000 }).toBeGreaterThan(after);
  const rowId = Number((await row.getAttribute("data-testid"))!.replace("sms-", ""));
  const text = await row.innerText();
  await context.close();
  const code = /验证码 (\d{6})/.exec(text)?.[1];
  expect(code).toBeTruthy();
  return { code: code!, rowId };
}

async function latestOutboxId(browser: Browser, employeeNo: string): Promise<number> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAndWait(admin, ACCOUNTS.ADMIN);
  await admin.goto("/security");
  await expect(admin.getByRole("heading", { name: "短信发件箱" })).toBeVisible();
  const row = admin.getByTestId("sms-outbox").locator(`tr[data-phone-last4="${employeeNo}"]`).first();
  const id = (await row.count()) ? Number((await row.getAttribute("data-testid"))!.replace("sms-", "")) : 0;
  await context.close();
  return id;
}

async function askForCode(page: Page, employeeNo: string) {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "验证码" }).click();
  await page.getByLabel("手机号").fill(phoneOf(employeeNo));
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByTestId("sms-code-sent")).toBeVisible();
  // the 60 s countdown replaces the button's text
  await expect(page.getByRole("button", { name: /秒后可重发/ })).toBeDisabled();
}

test("SMS code sign-in with the development sender's code", async ({ page, browser }) => {
  const employeeNo = "2003";
  const before = await latestOutboxId(browser, employeeNo);
  await askForCode(page, employeeNo);
  const { code } = await newestCode(browser, employeeNo, before);
  await page.getByLabel("短信验证码").fill(code);
  await page.getByRole("button", { name: "验证码登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
});

test("an unknown phone gets the same answer, and bad input names the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "验证码" }).click();
  await page.getByLabel("手机号").fill("12345");
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByText("请输入 11 位中国大陆手机号，以 1 开头")).toBeVisible();
  await page.getByLabel("手机号").fill("13999990000");
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByTestId("sms-code-sent")).toContainText("如果该手机号登记在员工账号上");
});

test("wrong SMS codes lock the account as wrong passwords do", async ({ page, browser }) => {
  const employeeNo = "4002";
  const before = await latestOutboxId(browser, employeeNo);
  await askForCode(page, employeeNo);
  const { code } = await newestCode(browser, employeeNo, before);
  const wrong = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel("短信验证码").fill(wrong);
    await page.getByRole("button", { name: "验证码登录" }).click();
    await expect(page.getByTestId("sign-in-error")).toContainText("验证码不正确或已失效");
    await expect(page.getByLabel("短信验证码")).toHaveValue("");
  }
  await page.getByLabel("短信验证码").fill(wrong);
  await page.getByRole("button", { name: "验证码登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("账号因多次登录失败已被锁定");
  // the password is refused too
  await page.getByRole("tab", { name: "密码" }).click();
  await page.getByLabel("工号或邮箱").fill(employeeNo);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("已被锁定");
});

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test("passkey: register from 个人设置, sign out, sign in with it; a clone with a stale counter is refused", async ({ page, browser }) => {
  const employeeNo = "2002";
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await signInAndWait(page, employeeNo);
  await page.goto("/account");
  await page.getByLabel("通行密钥名称").fill("测试电脑");
  await page.getByLabel("输入登录密码以确认身份").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "添加通行密钥" }).click();
  await expect(toastWith(page, "已添加通行密钥")).toBeVisible();
  const row = page.getByTestId("passkey-list").getByRole("row").filter({ hasText: "测试电脑" });
  await expect(row).toContainText("从未使用");

  // the credential as it is now, before it signs in: what a copy taken today would hold
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  const snapshot = credentials[0]!;

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("tab", { name: "指纹" }).click();
  await page.getByRole("button", { name: "使用指纹登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("passkey-list").getByRole("row").filter({ hasText: "测试电脑" })).not.toContainText("从未使用");

  // a cloned authenticator holding the same key with the old counter
  const cloneContext = await browser.newContext();
  const clonePage = await cloneContext.newPage();
  const clone = await virtualAuthenticator(clonePage);
  await clone.cdp.send("WebAuthn.addCredential", { authenticatorId: clone.authenticatorId, credential: { ...snapshot, signCount: snapshot.signCount } });
  await clonePage.goto("/sign-in");
  await clonePage.getByRole("tab", { name: "指纹" }).click();
  await clonePage.getByRole("button", { name: "使用指纹登录" }).click();
  await expect(clonePage.getByTestId("sign-in-error")).toContainText("无法验证此通行密钥");
  await cloneContext.close();

  // the admins hear of it
  await page.getByRole("button", { name: "退出登录" }).click();
  // signing out ends on the sign-in page: going there before it arrives would cut that navigation short
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/security");
  await expect(page.getByTestId("security-alerts").getByRole("row").filter({ hasText: employeeNo })).toContainText("通行密钥计数器异常");
});
