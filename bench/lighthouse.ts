/**
 * Lighthouse (mobile emulation, its default simulated throttling) against the production build: /sign-in signed
 * out, then /monitor, /workspace, /chat and /reports signed in as the demo supervisor. Performance and accessibility scores,
 * LCP, TBT and the script transferred per page, each page loaded cold (no HTTP cache, no service worker).
 *
 *   pnpm build && pnpm bench:lighthouse
 *   BENCH_LIGHTHOUSE_RUNS=3 pnpm bench:lighthouse       # the median of three runs per page
 *
 * Chromium is /usr/bin/chromium (CHROME_PATH). Starts the demo server on BENCH_WEB_PORT (3307) and soketi on
 * BENCH_PUSHER_PORT (6037). Writes bench/results/lighthouse.json. The figures depend on the machine's load, which
 * is written with them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { shutdown } from "../scripts/lib/processes.ts";
import { machineLoad, startDemoServer } from "./lib/demo-server.ts";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "results", "lighthouse.json");
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1);
const DEBUGGING_PORT = Number(process.env.BENCH_DEBUGGING_PORT ?? 9337);
const SUPERVISOR = { identifier: "2001", password: "Demo@2026kefu" };

const baseURL = await startDemoServer({ port: Number(process.env.BENCH_WEB_PORT ?? 3307), pusherPort: Number(process.env.BENCH_PUSHER_PORT ?? 6037) });

interface PageFigures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  scriptKb: number;
  /** failing accessibility audits, each with the elements it names (selector and why) */
  accessibilityFailures: { audit: string; elements: string[] }[];
}

interface AuditNode {
  node?: { selector?: string; explanation?: string };
}

// one browser for the sign-in and for Lighthouse, so the session cookie is the one Lighthouse's tab sends
const context = await chromium.launchPersistentContext("", {
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", `--remote-debugging-port=${DEBUGGING_PORT}`],
  baseURL,
  locale: "zh-CN",
});

async function audit(path: string): Promise<PageFigures> {
  const runs: PageFigures[] = [];
  for (let run = 0; run < RUNS; run++) {
    // a cold load for every page, as a first visit: no HTTP cache, no service worker and none of its caches (the
    // session cookie stays), so each page's script is fetched and counted
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Storage.clearDataForOrigin", { origin: new URL(baseURL).origin, storageTypes: "service_workers,cache_storage" });
    const result = await lighthouse(`${baseURL}${path}`, {
      port: DEBUGGING_PORT,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      // keep the session: Lighthouse clears the origin's storage (cookies included) unless told not to
      disableStorageReset: true,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { categories, audits } = result.lhr;
    const requests = (audits["network-requests"]?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    const scriptBytes = requests.filter((item) => item.resourceType === "Script").reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
    runs.push({
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      lcpMs: Math.round(audits["largest-contentful-paint"]?.numericValue ?? 0),
      tbtMs: Math.round(audits["total-blocking-time"]?.numericValue ?? 0),
      fcpMs: Math.round(audits["first-contentful-paint"]?.numericValue ?? 0),
      scriptKb: Math.round(scriptBytes / 1024),
      accessibilityFailures: (categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ({
          audit: ref.id,
          elements: ((audits[ref.id]?.details as { items?: AuditNode[] } | undefined)?.items ?? []).map(
            ({ node }) => `${node?.selector ?? "?"}: ${(node?.explanation ?? "").replace(/\s+/g, " ")}`,
          ),
        })),
    });
  }
  runs.sort((a, b) => a.performance - b.performance);
  return runs[Math.floor(runs.length / 2)]!;
}

const pages: Record<string, PageFigures> = {};
try {
  pages["/sign-in"] = await audit("/sign-in");
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto("/sign-in");
  await page.getByLabel("工号或邮箱").fill(SUPERVISOR.identifier);
  await page.getByLabel("密码").fill(SUPERVISOR.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("current-user").waitFor();
  for (const path of ["/monitor", "/workspace", "/chat", "/reports"]) pages[path] = await audit(path);
} finally {
  await context.close();
}

const result = { at: new Date().toISOString(), runsPerPage: RUNS, machine: await machineLoad(), pages };
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, JSON.stringify(result, null, 2) + "\n");
console.log(`Lighthouse, mobile, production build (load average ${result.machine.loadAverage1m} on ${result.machine.cpus} CPUs)`);
console.table(
  Object.fromEntries(
    Object.entries(pages).map(([path, { accessibilityFailures, ...figures }]) => [
      path,
      { ...figures, a11yFailing: accessibilityFailures.map((failure) => failure.audit).join(" ") },
    ]),
  ),
);
for (const [path, { accessibilityFailures }] of Object.entries(pages)) {
  for (const failure of accessibilityFailures) for (const element of failure.elements) console.log(`${path} ${failure.audit}: ${element}`);
}
console.log(`written to ${RESULTS}`);
await shutdown(0);
