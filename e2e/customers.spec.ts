import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

const matchingCount = async (page: Page) => Number((await page.getByTestId("customer-count").innerText()).replace(/\D/g, ""));

test("a manager filters customers, saves a segment, tags everyone matching and exports them", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString().slice(-6);
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/customers");
  await expect(page.getByTestId("customer-table")).toBeVisible();

  // the filter: regular customers only (more than one page of them)
  await page.getByTestId("toggle-filters").click();
  await page.getByTestId("add-condition").click();
  const builder = page.getByTestId("filter-builder");
  const condition = builder.getByTestId("filter-condition");
  await condition.getByRole("button", { name: "普通" }).click();
  await condition.getByRole("button", { name: "VIP", exact: true }).click();
  await condition.getByRole("button", { name: "SVIP" }).click();
  await expect(condition.getByRole("button", { name: "普通" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("[data-customer-id]").first()).toBeVisible();
  await expect.poll(() => matchingCount(page)).toBeGreaterThan(50);
  const matching = await matchingCount(page);
  await expect(page.locator("[data-customer-id]")).toHaveCount(50);

  // saved as a shared segment, which shows the same live count
  const segmentName = `普通客户 ${stamp}`;
  await page.getByTestId("save-segment").click();
  const segmentDialog = page.getByTestId("segment-dialog");
  await segmentDialog.getByLabel("分组名称").fill(segmentName);
  await segmentDialog.getByRole("switch").click();
  await segmentDialog.getByRole("button", { name: "保存" }).click();
  await expect(toastWith(page, `已保存分组「${segmentName}」`)).toBeVisible();
  const segment = page.getByTestId("segment-panel").locator(`[data-segment="${segmentName}"]`);
  await expect(segment.getByTestId("segment-count")).toHaveText(String(matching));
  await expect(segment).toContainText("共享");

  // every matching customer, not just the page, gets a new tag
  await page.getByTestId("select-page").click();
  await page.getByTestId("select-all-matching").click();
  await expect(page.getByTestId("selection-count")).toHaveText(`已选择全部 ${matching} 位符合条件的客户`);
  await page.getByTestId("bulk-bar").getByRole("button", { name: "添加标签" }).click();
  const bulk = page.getByTestId("bulk-dialog");
  const tagName = `回访${stamp}`;
  await bulk.getByLabel("新标签").fill(tagName);
  await bulk.getByRole("button", { name: "新建" }).click();
  await expect(bulk.getByLabel(tagName)).toBeChecked();
  await bulk.getByRole("button", { name: `应用到 ${matching} 位客户` }).click();
  await expect(toastWith(page, `符合条件 ${matching} 位，实际变更 ${matching} 位`)).toBeVisible();
  const tagged = await withE2eDb(async (db) => {
    const rows = await db.query<{ n: bigint }[]>("SELECT COUNT(*) AS n FROM `CustomerTag` ct JOIN `Tag` t ON t.id = ct.tagId WHERE t.name = ?", [tagName]);
    return Number(rows[0]!.n);
  });
  expect(tagged).toBe(matching);
  await expect(page.locator("[data-customer-id]").first()).toContainText(tagName);

  // and the same audience is exported: a job with a progress bar, then the file
  await page.getByTestId("bulk-bar").getByRole("button", { name: "导出" }).click();
  const exportDialog = page.getByTestId("export-dialog");
  await exportDialog.getByRole("button", { name: "开始导出" }).click();
  const progress = page.getByTestId("job-progress");
  await expect(progress.getByRole("progressbar")).toBeVisible();
  await expect(progress.getByTestId("job-result")).toContainText(`已导出 ${matching} 行`, { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), progress.getByTestId("export-download").click()]);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toMatch(/^id,name,phone,/);
  expect(lines).toHaveLength(matching + 1);
  expect(csv).toContain(tagName);
  expect(csv).not.toMatch(/,1[3-9]\d{9},/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  test("the customer list is one card per row and nothing scrolls sideways", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    await page.goto("/customers");
    const row = page.locator("[data-customer-id]").first();
    await expect(row).toBeVisible();
    expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
    const box = (await row.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByTestId("customer-search").fill("CRM-");
    await expect(page.getByTestId("customer-count")).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
