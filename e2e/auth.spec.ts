import { expect, test } from "@playwright/test";
import { ACCOUNTS, navLabels, signIn, signInAndWait } from "./helpers";

test.describe("sign-in and navigation by role", () => {
  const expected: Record<keyof typeof ACCOUNTS, string[]> = {
    ADMIN: [
      "工作台",
      "实时监控",
      "数据报表",
      "会话工作台",
      "快捷回复",
      "客户",
      "工单",
      "知识库",
      "员工管理",
      "技能组",
      "分配规则",
      "质检评分",
      "我的质检",
      "自动质检",
      "审计日志",
      "安全中心",
      "后台任务",
      "集成与 API",
      "机器人与设置",
      "个人设置",
    ],
    SUPERVISOR: [
      "工作台",
      "实时监控",
      "数据报表",
      "会话工作台",
      "快捷回复",
      "客户",
      "工单",
      "知识库",
      "员工管理",
      "技能组",
      "分配规则",
      "质检评分",
      "我的质检",
      "自动质检",
      "个人设置",
    ],
    AGENT: ["工作台", "会话工作台", "快捷回复", "客户", "工单", "我的质检", "个人设置"],
    QA: ["工作台", "客户", "质检评分", "自动质检", "个人设置"],
  };

  for (const role of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
    test(`${role} sees only their navigation`, async ({ page }) => {
      await signInAndWait(page, ACCOUNTS[role]);
      expect(await navLabels(page)).toEqual(expected[role]);
    });
  }

  test("the console is zh-CN by default and switches to English", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.AGENT);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto("/account");
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(page.getByRole("navigation", { name: "Navigation" }).getByRole("link", { name: "My account" })).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.getByRole("link", { name: "个人设置" })).toBeVisible();
  });

  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "登录客服控制台" })).toBeVisible();
  });
});

test("five wrong passwords lock the account and say so", async ({ page }) => {
  const employeeNo = "3030";
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, employeeNo, "not-the-password");
    await expect(page.getByTestId("sign-in-error")).toContainText(`再失败 ${5 - attempt} 次`);
  }
  await signIn(page, employeeNo, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toContainText("账号因多次登录失败已被锁定");
  // Even the right password is refused now.
  await signIn(page, employeeNo);
  await expect(page.getByTestId("sign-in-error")).toContainText("已被锁定");

  // The admin sees the security alert and the locked account.
  await page.context().clearCookies();
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/security");
  await expect(page.getByTestId("security-alerts").getByRole("row").filter({ hasText: employeeNo })).toContainText("账号锁定");
  await page.goto("/staff");
  await page.getByRole("searchbox").fill(employeeNo);
  await expect(page.locator(`[data-employee-no="${employeeNo}"]`)).toContainText("已锁定");
});
