import { expect, test, type Locator } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait } from "./helpers";

/** The value of the stat card labelled `label` (exactly) inside `scope`. */
function stat(scope: Locator, label: string): Locator {
  return scope
    .locator("dl")
    .filter({ has: scope.page().locator("dt").getByText(label, { exact: true }) })
    .locator("dd")
    .first();
}

test.describe("each role's home page shows its figures", () => {
  test("an agent sees their conversations, their teams' queue and today's figures", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.AGENT);
    const mine = page.getByTestId("role-home-agent");
    await expect(mine.getByRole("heading", { name: "我的工作" })).toBeVisible();
    // what the agent holds (the demo's two, and any an earlier spec routed to them), counted in the database
    const held = await withE2eDb(async (db) => {
      const rows = await db.query<{ held: bigint }[]>(
        "SELECT COUNT(*) AS held FROM `Conversation` c JOIN `User` u ON u.id = c.assigneeId WHERE u.employeeNo = ? AND c.status IN ('ACTIVE', 'PAUSED')",
        [ACCOUNTS.AGENT],
      );
      return Number(rows[0]!.held);
    });
    expect(held).toBeGreaterThanOrEqual(2);
    await expect(stat(mine, "处理中的会话")).toHaveText(String(held));
    for (const label of ["待我回复", "技能组排队", "今日解决", "今日接待", "今日转出"]) await expect(stat(mine, label)).toHaveText(/^\d+$/);
    await expect(stat(mine, "今日满意度")).toHaveText(/^(\d+(\.\d)?%|—)$/);
    await expect(page.getByTestId("role-home-operation")).toHaveCount(0);
    await expect(page.getByTestId("role-home-system")).toHaveCount(0);
    await mine.getByRole("link", { name: "进入工作台" }).click();
    await expect(page).toHaveURL(/\/workspace/);
  });

  test("a supervisor sees the live headline figures, the same as the monitor's, and the open alerts", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    const operation = page.getByTestId("role-home-operation");
    await expect(operation.getByRole("heading", { name: "运营实况" })).toBeVisible();
    const resolved = (await stat(operation, "今日已解决").innerText()).trim();
    expect(Number(resolved.replace(/,/g, ""))).toBeGreaterThan(0);
    for (const label of ["排队中", "处理中", "在线坐席", "待回复会话", "未处理告警"]) await expect(stat(operation, label)).toHaveText(/^[\d,]+$/);
    await expect(page.getByTestId("role-home-agent")).toHaveCount(0);
    // the same figure the monitor shows (its overview, read with the supervisor's session)
    const response = await page.request.get(`/api/trpc/monitor.overview?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { result: { data: { json: { today: { kpis: { resolved: number } } } } } };
    expect(body.result.data.json.today.kpis.resolved).toBe(Number(resolved.replace(/,/g, "")));
    await operation.getByRole("link", { name: "打开实时监控" }).click();
    await expect(page).toHaveURL(/\/monitor/);
  });

  test("an admin sees system health, jobs and security alerts, and the operation", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.ADMIN);
    const system = page.getByTestId("role-home-system");
    await expect(system.getByRole("heading", { name: "系统状态" })).toBeVisible();
    await expect(stat(system, "服务状态")).toHaveText("正常");
    await expect(stat(system, "实时推送")).toHaveText("已连接");
    for (const label of ["待执行任务", "失败任务", "未处理安全告警"]) await expect(stat(system, label)).toHaveText(/^[\d,]+$/);
    await expect(page.getByTestId("role-home-operation")).toBeVisible();
  });

  test("QA sees today's satisfaction and resolutions, in English too", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.QA);
    const quality = page.getByTestId("role-home-quality");
    await expect(quality.getByRole("heading", { name: "今日服务质量" })).toBeVisible();
    await expect(stat(quality, "满意度")).toHaveText(/^(\d+(\.\d)?%|—)$/);
    await expect(stat(quality, "已解决会话")).toHaveText(/^[\d,]+$/);
    await expect(page.getByTestId("role-home-operation")).toHaveCount(0);
    await page.goto("/account");
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(page.getByRole("navigation", { name: "Navigation" })).toBeVisible();
    await page.goto("/");
    await expect(page.getByTestId("role-home-quality").getByRole("heading", { name: "Service quality today" })).toBeVisible();
    await page.goto("/account");
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.getByRole("navigation", { name: "导航菜单" })).toBeVisible();
  });
});
