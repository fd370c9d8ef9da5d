import { expect, test } from "@playwright/test";
import { ACCOUNTS, navLabels, signIn, signInAndWait, toastWith } from "./helpers";

test("an admin creates an agent who can then sign in", async ({ page }) => {
  const employeeNo = `E${Date.now().toString().slice(-6)}`;
  await signInAndWait(page, ACCOUNTS.ADMIN);
  await page.goto("/staff");
  await page.getByRole("button", { name: "新建员工" }).click();
  const dialog = page.getByRole("dialog");

  // Bad input first: the fields are named and nothing is created.
  await dialog.getByLabel("工号").fill(employeeNo);
  await dialog.getByLabel("姓名").fill("王小明");
  await dialog.getByLabel("邮箱").fill("not-an-email");
  await dialog.getByLabel("初始密码").fill("short");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("请输入有效的邮箱地址，例如 name@company.cn")).toBeVisible();
  await expect(dialog.getByText("至少 8 个字")).toBeVisible();

  await dialog.getByLabel("邮箱").fill(`${employeeNo.toLowerCase()}@demo.kefu.cn`);
  await dialog.getByLabel("初始密码").fill("Welcome-Kefu-2026");
  await dialog.getByLabel("角色").selectOption("AGENT");
  await dialog.getByLabel("售后服务").check();
  await dialog.getByLabel("最大接待量").fill("6");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(toastWith(page, "员工 王小明 已创建")).toBeVisible();
  await page.getByRole("searchbox").fill(employeeNo);
  const row = page.locator(`[data-employee-no="${employeeNo}"]`);
  await expect(row).toContainText("售后服务");
  await expect(row).toContainText("客服");

  await page.context().clearCookies();
  await signInAndWait(page, employeeNo, "Welcome-Kefu-2026");
  await expect(page.getByText("管理员为你设置了临时密码")).toBeVisible();
  expect(await navLabels(page)).toEqual(["工作台", "会话工作台", "快捷回复", "客户", "工单", "我的质检", "个人设置"]);
});

test("an agent cannot reach admin pages or call admin procedures", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.AGENT);
  for (const path of ["/staff", "/teams", "/audit", "/security", "/jobs", "/integrations"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  }

  const origin = new URL(page.url()).origin;
  const create = await page.request.post("/api/trpc/user.create", {
    headers: { "content-type": "application/json", origin },
    data: { json: { employeeNo: "X1", name: "越权", email: "x1@demo.kefu.cn", role: "ADMIN", password: "Sneaky-Pass-2026" } },
  });
  expect(create.status()).toBe(403);
  const list = await page.request.get(`/api/trpc/user.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(list.status()).toBe(403);
  const audit = await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(audit.status()).toBe(403);

  // Realtime: the agent may not subscribe to the monitor or the security channel.
  const auth = await page.request.post("/api/realtime/auth", { headers: { origin }, form: { socket_id: "123.456", channel_name: "private-security" } });
  expect(auth.status()).toBe(403);
});

test("mutations from another site and anonymous calls are refused", async ({ page, request }) => {
  const anonymous = await request.get(`/api/trpc/user.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(anonymous.status()).toBe(401);
  await signInAndWait(page, ACCOUNTS.ADMIN);
  const crossSite = await page.request.post("/api/trpc/team.create", {
    headers: { "content-type": "application/json", origin: "https://evil.example" },
    data: { json: { name: "跨站" } },
  });
  expect(crossSite.status()).toBe(403);
  const badInput = await page.request.post("/api/trpc/team.create", {
    headers: { "content-type": "application/json", origin: new URL(page.url()).origin },
    data: { json: { name: "" } },
  });
  expect(badInput.status()).toBe(400);
  expect(JSON.stringify(await badInput.json())).toContain("name");
});

test("a forced logout ends the agent's session at once", async ({ browser }) => {
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInAndWait(agent, "3002");

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAndWait(admin, ACCOUNTS.ADMIN);
  await admin.goto("/staff");
  await admin.getByRole("searchbox").fill("3002");
  const row = admin.locator('[data-employee-no="3002"]');
  await row.getByRole("button", { name: /操作/ }).click();
  await admin.getByRole("menuitem", { name: "强制下线" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "强制下线" }).click();
  await expect(toastWith(admin, "所有登录已失效")).toBeVisible();

  await agent.reload();
  await expect(agent).toHaveURL(/\/sign-in\?ended=revoked/);
  await expect(agent.getByRole("status")).toContainText("会话已结束");
  await agentContext.close();
  await adminContext.close();
});

test("health reports the database and realtime server", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true }, realtime: { ok: true } });
});

test("sign-in rejects the wrong password without saying which part was wrong", async ({ page }) => {
  await signIn(page, "no-such-person", "whatever-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("工号/邮箱或密码不正确。");
});
