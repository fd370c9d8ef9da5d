import { expect, test } from "@playwright/test";
import { createTeamWithAgents, withE2eDb } from "./fixtures";

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

interface PresenceRow {
  status: string;
  customerSeenAt: Date | null;
  customerLeftAt: Date | null;
}

function presenceOfConversation(conversationId: number): Promise<PresenceRow> {
  return withE2eDb(async (db) => {
    const rows = await db.query<PresenceRow[]>("SELECT status, customerSeenAt, customerLeftAt FROM `Conversation` WHERE id = ?", [conversationId]);
    if (!rows[0]) throw new Error(`no conversation ${conversationId}`);
    return rows[0];
  });
}

test("a queued customer who closes the widget page is marked as left, then leaves the queue", async ({ browser }) => {
  // the sweep runs every 15 s and a goodbye counts after 15 s
  test.setTimeout(120_000);
  // a team nobody is signed in to: the conversation waits in its queue
  const { teamId } = await createTeamWithAgents(0, `L${Date.now().toString(36)}`);
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`/chat?team=${teamId}`);
  await page.getByRole("button", { name: "跳过" }).click();

  const posted = page.waitForResponse((response) => response.url().endsWith("/api/v1/widget/messages") && response.request().method() === "POST");
  // once the conversation exists the open widget reports that the customer is here
  const heartbeat = page.waitForResponse((response) => response.url().endsWith("/api/v1/widget/presence"));
  // "人工" is the customer's own request for a person: the bot hands off at once
  await page.getByRole("textbox", { name: "输入消息" }).fill("人工");
  await page.getByRole("button", { name: "发送" }).click();
  const { conversationId } = (await (await posted).json()) as { conversationId: number };

  await expect(page.getByTestId("system-caption").filter({ hasText: "已为您转接人工客服" }).first()).toBeVisible();
  expect((await heartbeat).status()).toBe(200);
  await expect.poll(async () => (await presenceOfConversation(conversationId)).status).toBe("QUEUED");
  await expect.poll(async () => (await presenceOfConversation(conversationId)).customerSeenAt).not.toBeNull();
  expect((await presenceOfConversation(conversationId)).customerLeftAt).toBeNull();

  // closing the page sends the goodbye beacon
  await page.close({ runBeforeUnload: true });
  await expect.poll(async () => (await presenceOfConversation(conversationId)).customerLeftAt, { timeout: 10_000 }).not.toBeNull();
  // no heartbeat voids it: the worker abandons the conversation (the customer left the queue)
  await expect.poll(async () => (await presenceOfConversation(conversationId)).status, { timeout: 60_000 }).toBe("ABANDONED");
  await context.close();
});
