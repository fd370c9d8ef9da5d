import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

// managers read the reports on their phones
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

interface Overview {
  current: { created: number };
}

async function overview(request: APIRequestContext, input: { from: string; to: string }): Promise<Overview> {
  const response = await request.get(`/api/trpc/report.overview?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: Overview } } }).result.data.json;
}

const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function monthBounds(firstOfMonth: string): { from: string; to: string } {
  const [year, month] = firstOfMonth.split("-").map(Number) as [number, number];
  return { from: firstOfMonth, to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

test("a manager on a phone reads the overview, compares last month with the month before, reads the table, downloads the CSV and drills down to a transcript", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const today = beijingDay(new Date());
  const lastMonth = monthBounds(beijingDay(new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000)).slice(0, 7) + "-01");
  const monthBefore = monthBounds(beijingDay(new Date(Date.parse(`${lastMonth.from}T00:00:00Z`) - 86_400_000)).slice(0, 7) + "-01");

  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  const before = (await overview(page.request, { from: today, to: today })).current.created;

  // a customer starts a conversation now: the worker rolls it up into today's figures within seconds
  const customerContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  let conversationId: number;
  try {
    const customer = await customerContext.newPage();
    await customer.goto("/chat");
    await customer.getByRole("button", { name: "跳过" }).click();
    await customer.getByRole("textbox", { name: "输入消息" }).fill("报表测试：请问发票怎么开？");
    const posted = customer.waitForResponse((response) => response.url().endsWith("/api/v1/widget/messages") && response.request().method() === "POST");
    await customer.getByRole("button", { name: "发送" }).click();
    conversationId = ((await (await posted).json()) as { conversationId: number }).conversationId;
  } finally {
    await customerContext.close();
  }
  await expect.poll(async () => (await overview(page.request, { from: today, to: today })).current.created, { timeout: 20_000 }).toBeGreaterThan(before);

  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "数据报表", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "今天", exact: true }).click();
  await expect(page.getByTestId("report-period")).toContainText(`${today} 至 ${today}`);
  // the card shows what the API counts for today (read again each time: other work may land meanwhile)
  await expect(async () => {
    const created = (await overview(page.request, { from: today, to: today })).current.created;
    await expect(page.getByTestId("report-value-created")).toHaveText(created.toLocaleString("zh-CN"), { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // last month against the month before
  await page.getByRole("button", { name: "上月", exact: true }).click();
  await expect(page.getByTestId("report-period")).toContainText(`${lastMonth.from} 至 ${lastMonth.to}，对比 ${monthBefore.from} 至 ${monthBefore.to}`);
  const lastMonthCreated = (await overview(page.request, lastMonth)).current.created;
  await expect(page.getByTestId("report-value-created")).toHaveText(lastMonthCreated.toLocaleString("zh-CN"));
  const previousCreated = (await overview(page.request, monthBefore)).current.created;
  await expect(page.getByTestId("report-card-created")).toContainText(`对比期 ${previousCreated.toLocaleString("zh-CN")}`);

  // the trend as a table: one row per day of last month
  const trend = page.getByTestId("report-trend");
  await trend.getByRole("button", { name: "表格" }).click();
  const rows = page.getByTestId("report-trend-table").locator("tbody tr");
  const days = Number(lastMonth.to.slice(8, 10));
  await expect(rows).toHaveCount(days);
  await expect(rows.first()).toContainText(lastMonth.from);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);

  // and as a CSV beside it
  const download = page.waitForEvent("download");
  await trend.getByRole("button", { name: "导出 CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`报表趋势-进线会话-${lastMonth.from}-${lastMonth.to}.csv`);
  const csv = (await readFile(await file.path(), "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("时间,本期,对比时间,对比期");
  expect(csv).toHaveLength(days + 1);
  expect(csv.slice(1).reduce((sum, line) => sum + Number(line.split(",")[1]), 0)).toBe(lastMonthCreated);

  // today's conversations in: the drill-down lists the one this test started, and opens its transcript
  await page.getByRole("button", { name: "今天", exact: true }).click();
  await expect(page.getByTestId("report-period")).toContainText(`${today} 至 ${today}`);
  await page.getByTestId("report-card-created").click();
  await expect(page).toHaveURL(new RegExp(`/workspace\\?view=all&from=${today}&to=${today}`));
  const row = page.getByTestId("conversation-list").locator(`button[data-conversation-id="${conversationId}"]`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/workspace/c/${conversationId}$`));
  await expect(page.getByText("报表测试：请问发票怎么开？").first()).toBeVisible();
});
