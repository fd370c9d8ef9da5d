/**
 * Tickets end to end: an admin adds a Zendesk-compatible ticket system (a server this test starts), an agent
 * creates a ticket from a conversation and sees it on the conversation; the worker pushes it to the ticket server
 * (one ticket, with its idempotency key); a manager moves it to 处理中 on /tickets and the ticket server's signed
 * callback solves it, and the agent's conversation shows each status live.
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait } from "./helpers";

interface Received {
  url: string;
  idempotencyKey: string;
  body: { ticket: { subject: string; priority: string } };
}

async function startTicketServer() {
  const received: Received[] = [];
  const ids = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const key = String(request.headers["idempotency-key"] ?? "");
      received.push({ url: request.url ?? "", idempotencyKey: key, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Received["body"] });
      if (!ids.has(key)) ids.set(key, 7000 + ids.size);
      response.writeHead(201, { "content-type": "application/json" });
      response.end(JSON.stringify({ ticket: { id: ids.get(key), status: "new" } }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sign(secret: string, timestamp: number, body: string) {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function openHeldConversation(page: Page) {
  await signInAndWait(page, ACCOUNTS.AGENT);
  await page.goto("/workspace");
  await page.getByRole("combobox", { name: "会话状态", exact: true }).selectOption("ACTIVE");
  const first = page.getByTestId("conversation-list").locator("button[data-conversation-id]").first();
  await expect(first).toBeVisible();
  const id = Number(await first.getAttribute("data-conversation-id"));
  await first.click();
  await expect(page.getByTestId("conversation-tickets")).toBeVisible();
  return id;
}

test("an agent creates a ticket from a conversation; its status comes back from /tickets and from the ticket system", async ({ page, browser, request }) => {
  // three people and a ticket server in one story
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const systemName = `Zendesk ${stamp}`;
  const subject = `物流查询 ${stamp}`;
  const ticketServer = await startTicketServer();
  try {
    // the admin adds the ticket system on /integrations and gets the callback secret once
    const adminContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const admin = await adminContext.newPage();
    await signInAndWait(admin, ACCOUNTS.ADMIN);
    await admin.goto("/integrations");
    const systems = admin.getByTestId("ticket-systems");
    await systems.getByRole("button", { name: "添加工单系统" }).click();
    const form = admin.getByRole("dialog");
    await form.getByLabel("名称").fill(systemName);
    await form.getByLabel("类型").selectOption("ZENDESK");
    await form.getByLabel("地址").fill("not a url");
    await form.getByLabel("API 令牌").fill("zd-e2e-token");
    await form.getByRole("button", { name: "新建", exact: true }).click();
    // a bad URL is named on its field and nothing is added
    await expect(form.getByText(/请输入完整的网址|格式不符合要求/)).toBeVisible();
    await form.getByLabel("地址").fill(ticketServer.url);
    await form.getByRole("button", { name: "新建", exact: true }).click();
    const secret = (await admin.getByTestId("ticket-callback-secret").textContent())!.trim();
    expect(secret).toMatch(/^tkcs_/);
    await admin.keyboard.press("Escape");
    await expect(systems.getByRole("row").filter({ hasText: systemName })).toContainText("已启用");
    const systemId = await withE2eDb(async (db) => {
      const rows = await db.query<{ id: number }[]>("SELECT id FROM TicketSystem WHERE name = ?", [systemName]);
      return Number(rows[0]!.id);
    });
    await adminContext.close();

    // the agent drafts the ticket from the conversation and sends it
    const conversationId = await openHeldConversation(page);
    const panel = page.getByTestId("conversation-tickets");
    await panel.getByTestId("create-ticket").click();
    const dialog = page.getByTestId("create-ticket-dialog");
    await expect(dialog.getByLabel("描述")).not.toHaveValue("");
    await dialog.getByLabel("主题").fill("");
    await dialog.getByTestId("create-ticket-submit").click();
    await expect(dialog.getByText(/不能为空|必填/).first()).toBeVisible();
    await dialog.getByLabel("主题").fill(subject);
    await dialog.getByLabel("优先级").selectOption("HIGH");
    await dialog.getByLabel("类型").selectOption("PROBLEM");
    await dialog.getByRole("button", { name: "添加自定义字段" }).click();
    await dialog.getByLabel("字段名").fill("order_no");
    await dialog.getByLabel("值").fill("8812");
    await dialog.getByTestId("create-ticket-submit").click();
    await expect(dialog).toBeHidden();
    const row = panel.getByTestId("conversation-ticket").filter({ hasText: subject });
    await expect(row.getByTestId("ticket-status")).toHaveText("待处理");
    const ticketId = Number(await row.getAttribute("data-ticket-id"));

    // the worker pushes it to the ticket server once, with its idempotency key
    await expect.poll(() => ticketServer.received.filter((r) => r.body.ticket?.subject === subject).length, { timeout: 30_000 }).toBe(1);
    const pushed = ticketServer.received.find((r) => r.body.ticket.subject === subject)!;
    expect(pushed.url).toBe("/api/v2/tickets.json");
    expect(pushed.body.ticket.priority).toBe("high");
    const externalId = await withE2eDb(async (db) => {
      const rows = await db.query<{ externalId: string | null; idempotencyKey: string }[]>("SELECT externalId, idempotencyKey FROM Ticket WHERE id = ?", [
        ticketId,
      ]);
      expect(rows[0]!.idempotencyKey).toBe(pushed.idempotencyKey);
      return rows[0]!.externalId;
    });
    expect(externalId).toBeTruthy();

    // a supervisor sets it to 处理中 on /tickets; the agent's conversation follows live
    const supervisorContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const supervisor = await supervisorContext.newPage();
    await signInAndWait(supervisor, ACCOUNTS.SUPERVISOR);
    await supervisor.goto("/tickets");
    await supervisor.getByLabel("状态", { exact: true }).selectOption("OPEN");
    await supervisor.getByTestId("ticket-row").filter({ hasText: subject }).getByRole("button", { name: subject }).click();
    const detail = supervisor.getByTestId("ticket-detail");
    await expect(detail).toContainText(`#${conversationId}`);
    await detail.getByLabel("状态", { exact: true }).selectOption("PENDING");
    await expect(detail.getByTestId("ticket-history")).toContainText("状态：待处理 → 处理中");
    await expect(row.getByTestId("ticket-status")).toHaveText("处理中");
    await supervisorContext.close();

    // the ticket system's callback: a bad signature is refused and changes nothing; a good one solves the ticket
    const body = JSON.stringify({ externalId, status: "solved" });
    const now = Math.floor(Date.now() / 1000);
    const refused = await request.post("/api/v1/tickets/status", {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-kefu-ticket-system": String(systemId),
        "x-kefu-timestamp": String(now),
        "x-kefu-signature": sign("wrong", now, body),
      },
    });
    expect(refused.status()).toBe(401);
    const badBody = JSON.stringify({ externalId, status: "archived" });
    const invalid = await request.post("/api/v1/tickets/status", {
      data: badBody,
      headers: {
        "content-type": "application/json",
        "x-kefu-ticket-system": String(systemId),
        "x-kefu-timestamp": String(now),
        "x-kefu-signature": sign(secret, now, badBody),
      },
    });
    expect(invalid.status()).toBe(400);
    expect(((await invalid.json()) as { error: { field: string } }).error.field).toBe("status");
    await expect(row.getByTestId("ticket-status")).toHaveText("处理中");
    const accepted = await request.post("/api/v1/tickets/status", {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-kefu-ticket-system": String(systemId),
        "x-kefu-timestamp": String(now),
        "x-kefu-signature": sign(secret, now, body),
      },
    });
    expect(accepted.status()).toBe(200);
    await expect(row.getByTestId("ticket-status")).toHaveText("已解决");
  } finally {
    await withE2eDb((db) => db.query("UPDATE TicketSystem SET active = false WHERE name = ?", [systemName]));
    await ticketServer.close();
  }
});
