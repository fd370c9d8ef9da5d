import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026kefu";
export const ACCOUNTS = {
  ADMIN: "1000",
  SUPERVISOR: "2001",
  AGENT: "3001",
  QA: "4001",
} as const;

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("工号或邮箱").fill(identifier);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function signInAndWait(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await signIn(page, identifier, password);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** The labels of the main navigation, in order. */
export async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole("navigation", { name: "导航菜单" }).getByRole("link").allInnerTexts();
}

/** A toast's text, searched inside the notifications region (Radix keeps a hidden copy elsewhere). */
export function toastWith(page: Page, text: string | RegExp) {
  return page.getByRole("region", { name: /通知/ }).getByRole("status").filter({ hasText: text });
}

/** Signs an agent in, opens the workspace and goes ONLINE; resolves once their own live channel is authorized. */
export async function agentComesOnline(page: Page, employeeNo: string) {
  await signInAndWait(page, employeeNo);
  const ownChannel = page.waitForResponse((r) => r.url().endsWith("/api/realtime/auth") && (r.request().postData() ?? "").includes("private-agent-"));
  await page.goto("/workspace");
  await expect(page.getByRole("heading", { name: "会话工作台", level: 1 })).toBeVisible();
  expect((await ownChannel).status()).toBe(200);
  await page.getByRole("combobox", { name: "在线状态" }).selectOption("ONLINE");
  await expect(toastWith(page, "在线状态已更新")).toBeVisible();
}
