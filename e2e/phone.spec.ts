import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

// a manager on a phone: the narrowest screen the console supports
test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

const SECTIONS: [label: string, path: string][] = [
  ["工作台", "/"],
  ["实时监控", "/monitor"],
  ["数据报表", "/reports"],
  ["会话工作台", "/workspace"],
  ["快捷回复", "/canned-replies"],
  ["客户", "/customers"],
  ["工单", "/tickets"],
  ["知识库", "/knowledge"],
  ["员工管理", "/staff"],
  ["技能组", "/teams"],
  ["分配规则", "/routing"],
  ["质检评分", "/qa/reviews"],
  ["我的质检", "/qa/my-reviews"],
  ["自动质检", "/qa/rules"],
  ["审计日志", "/audit"],
  ["安全中心", "/security"],
  ["后台任务", "/jobs"],
  ["集成与 API", "/integrations"],
  ["机器人与设置", "/settings"],
  ["个人设置", "/account"],
];

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

test("the phone menu reaches every section and closes behind the choice", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, ACCOUNTS.ADMIN);
  const menu = page.getByRole("navigation", { name: "导航菜单" });
  // no sideways strip of links: the sections wait behind the menu button
  await expect(menu).toHaveCount(0);
  await page.getByRole("button", { name: "打开菜单" }).click();
  const drawer = page.getByRole("dialog", { name: "全部功能" });
  await expect(drawer).toBeVisible();
  expect(await drawer.getByRole("navigation", { name: "导航菜单" }).getByRole("link").allInnerTexts()).toEqual(SECTIONS.map(([label]) => label));
  await drawer.getByRole("button", { name: "关闭菜单" }).click();
  await expect(drawer).toHaveCount(0);

  for (const [label, path] of SECTIONS) {
    await page.getByRole("button", { name: "打开菜单" }).click();
    const link = page.getByRole("dialog", { name: "全部功能" }).getByRole("link", { name: label, exact: true });
    await link.click();
    await expect(page).toHaveURL(new RegExp(`^[^?#]*//[^/]+${path === "/" ? "/" : path}$`));
    await expect(page.getByRole("dialog", { name: "全部功能" })).toHaveCount(0);
    await expect(page.getByTestId("current-user")).toBeVisible();
    // the chosen section is marked as the current one
    await page.getByRole("button", { name: "打开菜单" }).click();
    await expect(page.getByRole("dialog", { name: "全部功能" }).getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "全部功能" })).toHaveCount(0);
    expect(await pageWidth(page), path).toBeLessThanOrEqual(360);
  }
});

test("a wide table becomes one card per row on a phone and stays a table on a desktop", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/staff");
  const table = page.getByTestId("staff-table");
  const row = table.locator("tbody tr[data-employee-no='2001']");
  await expect(row).toBeVisible();
  // each row a card: a block with its own border, every value under its column's name
  expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
  expect(await row.evaluate((tr) => getComputedStyle(tr).borderTopWidth)).toBe("1px");
  const labels = await row.locator("td").evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, "::before").content));
  expect(labels.slice(0, 3)).toEqual(['"工号"', '"姓名"', '"角色"']);
  await expect(row).toContainText("2001");
  // every column is on screen: nothing is clipped on the right, nothing scrolls sideways
  const box = (await row.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  for (const cell of await row.locator("td").all()) {
    const cellBox = await cell.boundingBox();
    if (cellBox) expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(360);
  }
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  // the column headings stay for screen readers
  await expect(table.getByRole("columnheader", { name: "工号" })).toHaveCount(1);

  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("table-row");
  await expect(table.getByRole("columnheader", { name: "工号" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "导航菜单" })).toBeVisible();
  await expect(page.getByRole("button", { name: "打开菜单" })).toBeHidden();
});
