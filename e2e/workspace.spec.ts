import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

async function openWorkspace(page: Page, account: string) {
  await signInAndWait(page, account);
  await page.goto("/workspace");
  await expect(page.getByRole("heading", { name: "会话工作台", level: 1 })).toBeVisible();
}

function transcript(page: Page) {
  return page.getByTestId("transcript");
}

test("agent replies and notes; a supervisor sees the reply live", async ({ page, browser }) => {
  const stamp = Date.now().toString(36);
  const reply = `您好，已为您查询订单 ${stamp}`;
  const note = `内部备注：客户情绪稳定 ${stamp}`;
  const live = `补充说明：预计明天送达 ${stamp}`;

  // the agent sees their own open conversations and opens an active one
  await openWorkspace(page, ACCOUNTS.AGENT);
  await expect(page.getByRole("tab", { name: "我的" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "全部" })).toHaveCount(0);
  await page.getByRole("combobox", { name: "会话状态", exact: true }).selectOption("ACTIVE");
  const list = page.getByTestId("conversation-list");
  const first = list.locator("button[data-conversation-id]").first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute("data-conversation-id");
  expect(id).toBeTruthy();
  await first.click();
  await expect(page.getByTestId("conversation-status")).toHaveText("进行中");
  await expect(page.getByTestId("customer-panel")).toBeVisible();

  const composer = page.getByTestId("composer");
  // "/" + a shortcut offers canned replies; Enter inserts the chosen one instead of sending
  await composer.fill("/hi");
  await expect(page.getByTestId("canned-replies").getByRole("option").first()).toContainText("问候");
  await composer.press("Enter");
  await expect(composer).toHaveValue("您好，很高兴为您服务，请问有什么可以帮您？");

  // a reply appears in the transcript (Enter sends)
  await composer.fill(reply);
  await composer.press("Enter");
  await expect(transcript(page).locator('[data-kind="agent"]').filter({ hasText: reply })).toBeVisible();
  await expect(composer).toHaveValue("");

  // an internal note, styled as a note
  await page.getByRole("switch", { name: "内部备注" }).click();
  await composer.fill(note);
  await composer.press("Enter");
  await expect(transcript(page).locator('[data-kind="note"]').filter({ hasText: note })).toBeVisible();
  await page.getByRole("switch", { name: "内部备注" }).click();

  // a supervisor opens the same conversation from the "all" tab, in a second browser context
  const supervisorContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    const supervisor = await supervisorContext.newPage();
    await openWorkspace(supervisor, ACCOUNTS.SUPERVISOR);
    await supervisor.getByRole("tab", { name: "全部" }).click();
    await supervisor.getByRole("searchbox", { name: "搜索", exact: true }).fill(id!);
    await supervisor.locator(`button[data-conversation-id="${id}"]`).click();
    await expect(transcript(supervisor).locator('[data-kind="agent"]').filter({ hasText: reply })).toBeVisible();
    await expect(transcript(supervisor).locator('[data-kind="note"]').filter({ hasText: note })).toBeVisible();
    // let the conversation channel subscription settle before the live message
    await supervisor.waitForTimeout(1500);

    // the agent sends another reply; the supervisor sees it without reloading
    await composer.fill(live);
    await composer.press("Control+Enter");
    await expect(transcript(page).locator('[data-kind="agent"]').filter({ hasText: live })).toBeVisible();
    await expect(transcript(supervisor).locator('[data-kind="agent"]').filter({ hasText: live })).toBeVisible({ timeout: 15_000 });
  } finally {
    await supervisorContext.close();
  }
});
