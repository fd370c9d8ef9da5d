import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createTeamWithAgents, latestConversationOfTeam, retireTeam, withE2eDb, type TeamFixture } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

/**
 * The customer profile (issue 10): an agent sees a returning customer's history beside the live conversation and
 * adds a note there; a manager reveals a customer's phone with a reason, which the audit log keeps.
 */

const stamp = Date.now().toString(36).slice(-6);
let team: TeamFixture;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  team = await createTeamWithAgents(1, `cp${stamp}`);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (team) await retireTeam(team);
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** An earlier, resolved conversation of the same customer: a refund question three days ago. */
async function giveEarlierConversation(conversationId: number, agentId: number, question: string): Promise<void> {
  await withE2eDb(async (db) => {
    const [row] = await db.query<{ customerId: number }[]>("SELECT customerId FROM `Conversation` WHERE id = ?", [conversationId]);
    const earlier = await db.query<{ insertId: bigint }>(
      "INSERT INTO `Conversation` (customerId, channel, status, teamId, assigneeId, category, createdAt, updatedAt, queuedAt, assignedAt, resolvedAt, csatScore) " +
        "VALUES (?, 'WEB', 'RESOLVED', ?, ?, '退款咨询', NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 3 DAY + INTERVAL 10 MINUTE, 5)",
      [row!.customerId, team.teamId, agentId],
    );
    await db.query("INSERT INTO `Message` (conversationId, senderType, body, createdAt) VALUES (?, 'CUSTOMER', ?, NOW(3) - INTERVAL 3 DAY)", [
      Number(earlier.insertId),
      question,
    ]);
  });
}

test("an agent sees a returning customer's history beside the live conversation and adds a note", async ({ browser }) => {
  test.setTimeout(180_000);
  const [agent] = team.agents as [TeamFixture["agents"][number]];
  const question = `上周买的扫地机器人怎么退款？${stamp}`;
  const note = `客户希望电话回访 ${stamp}`;

  const page = await newPage(browser);
  await signInAndWait(page, agent.employeeNo);
  await page.goto("/workspace");
  await page.getByRole("combobox", { name: "在线状态" }).selectOption("ONLINE");
  await expect(toastWith(page, "在线状态已更新")).toBeVisible();

  const customer = await newPage(browser);
  await customer.goto(`/chat?team=${team.teamId}`);
  await customer.getByRole("button", { name: "跳过" }).click();
  await customer.getByRole("textbox", { name: "输入消息" }).fill("转人工");
  await customer.getByRole("button", { name: "发送" }).click();
  await expect(customer.getByTestId("system-caption").filter({ hasText: `客服 ${agent.name} 已接入` })).toBeVisible();
  const live = await latestConversationOfTeam(team.teamId);
  await giveEarlierConversation(live.id, agent.id, question);

  await page.goto(`/workspace/c/${live.id}`);
  const panel = page.getByTestId("customer-panel");
  await expect(panel.getByTestId("previously-asked")).toHaveText("上次咨询：退款咨询");
  await expect(panel.getByTestId("recent-conversations").getByRole("link")).toHaveCount(1);
  await expect(panel.getByTestId("recent-conversations")).toContainText("退款咨询");

  await panel.getByLabel("添加备注").fill(note);
  await panel.getByRole("button", { name: "添加备注" }).click();
  await expect(toastWith(page, "备注已添加")).toBeVisible();
  await expect(panel.getByTestId("workspace-notes")).toContainText(note);

  // the full profile shows the same customer's earlier question and the note in its timeline
  await panel.getByTestId("open-customer-profile").click();
  const timeline = page.getByTestId("customer-timeline");
  await expect(timeline.getByTestId("timeline-note").filter({ hasText: note })).toBeVisible();
  await expect(timeline.getByTestId("timeline-conversation").filter({ hasText: question })).toBeVisible();
});

test("a manager reveals a customer's phone with a reason, written to the audit log, and it is masked again", async ({ browser }) => {
  const customerId = await withE2eDb(async (db) => {
    const rows = await db.query<{ id: number }[]>("SELECT id FROM `Customer` WHERE phoneEnc IS NOT NULL AND visitorNo IS NULL ORDER BY id LIMIT 1");
    return Number(rows[0]!.id);
  });
  const reason = `客户来电核实身份 ${stamp}`;
  const page = await newPage(browser);
  await page.clock.install();
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto(`/customers/${customerId}`);
  const phone = page.getByTestId("phone-value");
  await expect(phone).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  const masked = await phone.innerText();

  await page.getByTestId("reveal-phone").click();
  const dialog = page.getByRole("dialog", { name: "查看完整手机号" });
  await dialog.getByRole("button", { name: "查看" }).click();
  // no reason: refused next to the field
  await expect(dialog.locator("#reveal-phone-reason-error")).toBeVisible();
  await dialog.getByLabel("查看原因").fill(reason);
  await dialog.getByRole("button", { name: "查看" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(phone).toHaveText(/^1\d{10}$/);
  expect((await phone.innerText()).slice(-4)).toBe(masked.slice(-4));
  await expect(page.getByTestId("phone-countdown")).toBeVisible();

  const audit = await withE2eDb(async (db) => {
    const rows = await db.query<{ detail: string | { input: { reason: string } } }[]>(
      "SELECT detail FROM `AuditLog` WHERE action = 'customer.revealField' AND targetId = ? ORDER BY id DESC LIMIT 1",
      [String(customerId)],
    );
    return rows[0];
  });
  const detail = typeof audit?.detail === "string" ? (JSON.parse(audit.detail) as { input: { reason: string } }) : audit?.detail;
  expect(detail?.input.reason).toBe(reason);

  // 30 seconds later the phone is masked again
  await page.clock.fastForward(31_000);
  await expect(phone).toHaveText(masked);
});
