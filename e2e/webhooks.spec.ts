import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The receiver's own Standard Webhooks check (HMAC-SHA256 of id.timestamp.body, keyed by the decoded secret). */
function signatureValid(secret: string, request: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${String(request.headers["webhook-id"])}.${String(request.headers["webhook-timestamp"])}.${request.body}`;
  const expected = `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
  return String(request.headers["webhook-signature"]).split(" ").includes(expected);
}

test("an admin adds a webhook, sees its secret once, sends a test event and sees it delivered", async ({ page }) => {
  test.setTimeout(120_000);
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("received");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu-hooks`;
  const name = `E2E 接收端 ${Date.now() % 100_000}`;

  try {
    await signInAndWait(page, ACCOUNTS.ADMIN);
    await page.goto("/integrations");
    await page.getByRole("button", { name: "添加 Webhook" }).click();
    const editor = page.getByRole("dialog");
    await editor.getByLabel("名称").fill(name);
    await editor.getByLabel("回调地址").fill(url);
    await editor.getByLabel("说明").fill("端到端测试");
    await editor.getByRole("button", { name: "新建" }).click();

    const secret = await page.getByTestId("new-webhook-secret").innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await page.getByRole("dialog").getByRole("button", { name: "关闭" }).last().click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    const row = page.locator('[data-testid^="webhook-"]').filter({ hasText: name });
    await expect(row).toContainText(url);
    await expect(row).toContainText("启用中");
    await row.getByRole("button", { name: "发送测试事件" }).click();
    await expect(toastWith(page, "测试事件已送达（HTTP 200）")).toBeVisible();

    const log = page.getByTestId("webhook-log");
    await expect(log).toBeVisible();
    const delivered = log.locator('[data-testid^="webhook-delivery-"][data-status="SUCCEEDED"]').filter({ hasText: "测试事件" });
    await expect(delivered).toHaveCount(1);
    await expect(delivered).toContainText("已送达");
    await expect(delivered).toContainText("200");
    await expect(delivered).toContainText("received");

    // the receiver got the test event once (live events of the demo's conversations may arrive too), and every
    // request is signed with the secret the admin saw
    const tests = received.filter((request) => (JSON.parse(request.body) as { type: string }).type === "webhook.test");
    expect(tests).toHaveLength(1);
    for (const request of received) expect(signatureValid(secret, request)).toBe(true);
    await expect(delivered).toContainText(String(tests[0]!.headers["webhook-id"]));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
