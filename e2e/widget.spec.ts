import { expect, test } from "@playwright/test";

test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

test("a customer asks the bot, asks for a person, and keeps the conversation after a reload", async ({ page }) => {
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: "在线客服", level: 1 })).toBeVisible();
  await expect(page.getByText("您好，我是智能客服小客")).toBeVisible();

  // the optional pre-chat form can be skipped
  await page.getByRole("button", { name: "跳过" }).click();

  // once the conversation exists the page subscribes to its live channel with the visitor token
  const realtimeAuth = page.waitForResponse((response) => response.url().endsWith("/api/v1/widget/realtime-auth"));
  const composer = page.getByRole("textbox", { name: "输入消息" });
  await composer.fill("请问怎么修改收货地址？");
  await page.getByRole("button", { name: "发送" }).click();
  expect((await realtimeAuth).status()).toBe(200);
  await expect(page.getByText("请问怎么修改收货地址？")).toBeVisible();
  // the bot answers with the knowledge-base article
  await expect(page.getByText("【如何修改收货地址】", { exact: false })).toBeVisible();

  // asking for a person queues the conversation (or an agent takes it at once)
  await page.getByRole("button", { name: "转人工" }).click();
  const captions = page.getByTestId("system-caption");
  await expect(captions.filter({ hasText: /已为您转接人工客服|已接入/ }).first()).toBeVisible();
  // system bodies are rendered from the catalogue, never shown as JSON
  await expect(page.getByText('{"key"')).toHaveCount(0);

  // the page fits a phone: no horizontal scrolling
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.reload();
  await expect(page.getByText("请问怎么修改收货地址？")).toBeVisible();
  await expect(page.getByText("【如何修改收货地址】", { exact: false })).toBeVisible();
  await expect(captions.filter({ hasText: /已为您转接人工客服|已接入/ }).first()).toBeVisible();
});

test("the widget page may be framed by other sites; the console may not", async ({ request }) => {
  const chat = await request.get("/chat");
  expect(chat.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(chat.headers()["x-frame-options"]).toBeUndefined();
  const console = await request.get("/sign-in");
  expect(console.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(console.headers()["x-frame-options"]).toBe("DENY");
  const script = await request.get("/widget.js");
  expect(script.status()).toBe(200);
  expect(await script.text()).toContain("/chat");
});
