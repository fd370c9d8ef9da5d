import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signInAndWait } from "./helpers";

const PAGES_CACHE = "kefu-pages";

async function waitForServiceWorkerControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Whether the service worker keeps an offline copy of `path`. */
function cachedPage(page: Page, path: string) {
  return page.evaluate(
    async ({ cacheName, url }) => {
      if (!(await caches.has(cacheName))) return false;
      return (await (await caches.open(cacheName)).match(url, { ignoreSearch: true })) !== undefined;
    },
    { cacheName: PAGES_CACHE, url: path },
  );
}

test.describe("installable app", () => {
  test("the manifest is linked and served with the app's name and icons", async ({ page, request }) => {
    await page.goto("/sign-in");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#1366e0");
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/icons/apple-touch-icon.png");

    const response = await request.get(href!);
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as {
      name: string;
      lang: string;
      display: string;
      start_url: string;
      scope: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ name: "客服控制台", lang: "zh-CN", display: "standalone", start_url: "/", scope: "/" });
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      "192x192 any",
      "192x192 maskable",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of manifest.icons) {
      const image = await request.get(icon.src);
      expect(image.headers()["content-type"], icon.src).toBe("image/png");
      // the PNG signature
      expect((await image.body()).subarray(1, 4).toString(), icon.src).toBe("PNG");
    }

    const worker = await request.get("/serwist/sw.js");
    expect(worker.ok()).toBe(true);
    expect(worker.headers()["content-type"]).toContain("javascript");
    expect(worker.headers()["service-worker-allowed"]).toBe("/");
    expect(worker.headers()["cache-control"]).toContain("no-cache");
  });

  test("a supervisor's console is installable once the service worker controls it", async ({ baseURL }, testInfo) => {
    // Browser contexts are incognito, where Chromium never offers installation: use a profile on disk.
    const profile = await mkdtemp(join(tmpdir(), "kefu-pwa-profile-"));
    const context = await chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, locale: "zh-CN", headless: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await signInAndWait(page, ACCOUNTS.SUPERVISOR);
      await waitForServiceWorkerControl(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
      expect(installabilityErrors).toEqual([]);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      expect(scope).toMatch(/^http:\/\/localhost:\d+\/$/);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  test("offline: the monitor reloads from the cache with its last snapshot; an unvisited page shows the offline page with it", async ({ page, context }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    await waitForServiceWorkerControl(page);
    // The home page loaded before the worker took control, and /monitor is reached by client-side navigation:
    // both are handed to the worker to keep.
    await expect.poll(() => cachedPage(page, "/"), { timeout: 15_000 }).toBe(true);
    await page.goto("/account");
    // on a phone the sections are behind the menu button
    await page.getByRole("button", { name: "打开菜单" }).click();
    await page.getByRole("navigation", { name: "导航菜单" }).getByRole("link", { name: "实时监控" }).click();
    await expect(page).toHaveURL(/\/monitor$/);
    await expect.poll(() => cachedPage(page, "/monitor"), { timeout: 15_000 }).toBe(true);
    const queued = page.getByTestId("kpi-queued");
    await expect(queued).toHaveText(/^\d+$/);
    await expect.poll(() => page.evaluate(() => localStorage.getItem("kefu.monitor.snapshot") !== null)).toBe(true);

    await context.setOffline(true);
    try {
      // the manager reloads the monitor with no network: the page comes from the worker, the figures from the snapshot
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect(page.getByTestId("offline-banner")).toContainText(/离线 · 数据截至 \d{2}:\d{2}/, { timeout: 20_000 });
      // Other tests queue customers meanwhile, so the figure to expect is the one in the kept snapshot, read now
      // that nothing can update it any more.
      const count = await page.evaluate(() => {
        const kept = JSON.parse(localStorage.getItem("kefu.monitor.snapshot") ?? "null") as {
          overview?: { today?: { kpis?: { conversations?: { QUEUED?: number } } } };
        } | null;
        return String(kept?.overview?.today?.kpis?.conversations?.QUEUED ?? "");
      });
      expect(count).toMatch(/^\d+$/);
      await expect(queued).toHaveText(count);
      expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(360);

      await page.goto("/");
      await expect(page.getByTestId("current-user")).toBeVisible();

      await page.goto("/staff");
      const offline = page.getByTestId("offline-page");
      await expect(offline.getByRole("heading", { name: "当前处于离线状态" })).toBeVisible();
      await expect(offline.getByRole("link", { name: "打开离线的实时监控" })).toHaveAttribute("href", "/monitor");
      const snapshot = page.getByTestId("offline-snapshot");
      await expect(snapshot).toContainText("离线数据");
      await expect(snapshot).toContainText(/保存于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
      await expect(snapshot.locator('[data-figure="queued"]')).toContainText(count);
    } finally {
      await context.setOffline(false);
    }
  });

  test("signing out empties the offline copies and the monitor snapshot", async ({ page }) => {
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    await waitForServiceWorkerControl(page);
    await expect.poll(() => cachedPage(page, "/"), { timeout: 15_000 }).toBe(true);
    await page.evaluate(() => localStorage.setItem("kefu.monitor.snapshot", JSON.stringify({ savedAt: new Date().toISOString(), overview: { queued: 1 } })));

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await cachedPage(page, "/")).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem("kefu.monitor.snapshot"))).toBeNull();
  });

  test("monitor viewers find the alert push switch on their account page; agents do not", async ({ page, context }) => {
    await signInAndWait(page, ACCOUNTS.SUPERVISOR);
    await waitForServiceWorkerControl(page);
    await page.goto("/account");
    const toggle = page.getByTestId("push-toggle");
    await expect(toggle.getByRole("switch", { name: "开启告警推送" })).toBeVisible();
    await expect(toggle).toHaveAttribute("data-state", "off");

    await context.clearCookies();
    await signInAndWait(page, ACCOUNTS.AGENT);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "个人设置" })).toBeVisible();
    await expect(page.getByTestId("push-toggle")).toHaveCount(0);
  });
});
