import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

/**
 * The CRM (issue 14): an admin connects a fake CRM started here on /integrations; an agent opening a conversation
 * sees the customer's CRM profile and recent orders in the panel beside it, and syncs the customer to the CRM.
 */

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The CRM's own check: hex HMAC-SHA256 over "<timestamp>.<body>", keyed by the secret the admin was shown. */
function signatureValid(secret: string, request: Received): boolean {
  const expected = createHmac("sha256", secret)
    .update(`${String(request.headers["x-kefu-timestamp"])}.${request.body}`)
    .digest("hex");
  return request.headers["x-kefu-signature"] === `sha256=${expected}`;
}

const stamp = Date.now().toString(36).slice(-5);
const PROFILE = {
  profile: { vip_level: `黄金会员${stamp}`, owner: "华东大客户部", internal_code: "hidden-by-mapping" },
  orders: [
    { id: `SO-${stamp}-1`, title: "空气净化器 X3", amount: 2599, currency: "CNY", status: "已发货", createdAt: "2026-11-30" },
    { id: `SO-${stamp}-2`, title: "滤网套装", amount: 399, currency: "CNY", status: "已签收", createdAt: "2026-10-02" },
  ],
};

test.afterAll(async () => {
  // later specs run without a CRM, as the demo does
  await withE2eDb(async (db) => {
    await db.query("DELETE FROM `CrmConnection`");
    await db.query("DELETE FROM `CrmLookupCache`");
  });
});

test("an admin connects the CRM; an agent sees the customer's CRM profile and orders beside the conversation", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(request.url === "/lookup" ? PROFILE : { ok: true }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const conversationId = await withE2eDb(async (db) => {
    const rows = await db.query<{ id: number }[]>(
      "SELECT c.id FROM `Conversation` c JOIN `User` u ON u.id = c.assigneeId JOIN `Customer` k ON k.id = c.customerId " +
        "WHERE u.employeeNo = ? AND k.mergedIntoId IS NULL AND k.erasedAt IS NULL ORDER BY c.status IN ('ACTIVE', 'PAUSED') DESC, c.id DESC LIMIT 1",
      [ACCOUNTS.AGENT],
    );
    return rows[0]!.id;
  });

  try {
    // before any configuration the agent's panel says so
    const agentContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInAndWait(agent, ACCOUNTS.AGENT);
    await agent.goto(`/workspace/c/${conversationId}`);
    await expect(agent.getByTestId("crm-panel").getByTestId("crm-state")).toHaveText("未配置 CRM");

    await signInAndWait(page, ACCOUNTS.ADMIN);
    await page.goto("/integrations");
    const section = page.getByTestId("crm-settings");
    await expect(section.getByTestId("crm-not-configured")).toBeVisible();
    await section.getByLabel("查询地址").fill(`${base}/lookup`);
    await section.getByLabel("同步地址").fill(`${base}/sync`);
    await section.getByLabel("超时（毫秒）").fill("3000");
    // a bad field name is refused in place, naming the rule
    await section.getByRole("button", { name: "添加字段" }).click();
    const first = section.getByTestId("crm-mapping-0");
    await first.getByLabel("CRM 字段").fill("vip level!");
    await first.getByLabel("显示名称").fill("会员等级");
    await section.getByRole("button", { name: "保存", exact: true }).click();
    await expect(first).toContainText("字段名只能包含字母、数字、_ . -");
    await first.getByLabel("CRM 字段").fill("vip_level");
    await section.getByRole("button", { name: "添加字段" }).click();
    const second = section.getByTestId("crm-mapping-1");
    await second.getByLabel("CRM 字段").fill("owner");
    await second.getByLabel("显示名称").fill("客户经理");
    await second.getByLabel("同步的客户字段").selectOption("name");
    await section.getByRole("button", { name: "保存", exact: true }).click();

    // the generated secret is shown once
    const secret = await page.getByTestId("new-crm-secret").innerText();
    expect(secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("dialog").getByRole("button", { name: "关闭" }).last().click();
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(section.getByTestId("crm-not-configured")).toHaveCount(0);

    await section.getByRole("button", { name: "测试连接" }).click();
    await expect(toastWith(page, /连接正常（HTTP 200/)).toBeVisible();

    // the agent opens the conversation: profile fields by the mapping, orders
    await agent.reload();
    const panel = agent.getByTestId("crm-panel");
    await expect(panel.getByTestId("crm-state")).toHaveAttribute("data-state", "FOUND");
    const profile = panel.getByTestId("crm-profile");
    await expect(profile).toContainText("会员等级");
    await expect(profile).toContainText(`黄金会员${stamp}`);
    await expect(profile).toContainText("客户经理");
    await expect(profile).toContainText("华东大客户部");
    await expect(profile).not.toContainText("hidden-by-mapping");
    const orders = panel.getByTestId("crm-orders");
    await expect(orders.getByRole("listitem")).toHaveCount(2);
    await expect(orders).toContainText("空气净化器 X3");
    await expect(orders).toContainText(`SO-${stamp}-1`);
    await expect(orders).toContainText("已发货");

    await panel.getByRole("button", { name: "同步到 CRM" }).click();
    await expect(toastWith(agent, "已同步到 CRM")).toBeVisible();
    const syncs = received.filter((request) => request.path === "/sync");
    expect(syncs).toHaveLength(1);
    expect(JSON.parse(syncs[0]!.body)).toMatchObject({ type: "customer.upsert", customer: { properties: { owner: expect.any(String) } } });

    // every request the CRM got is signed with the secret the admin saw
    expect(received.filter((request) => request.path === "/lookup").length).toBeGreaterThanOrEqual(2);
    for (const request of received) expect(signatureValid(secret, request), request.path).toBe(true);

    // the admins see the sync's health
    await page.reload();
    await expect(page.getByTestId("crm-last-sync")).not.toHaveText("暂无");
    await expect(page.getByTestId("crm-sync-failures")).toHaveText("0");
    await agentContext.close();
  } finally {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
});
