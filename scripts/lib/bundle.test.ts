import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { checkBudgets, measurePages, parseBudgets, routeOfEntry } from "./bundle.ts";

const nextDir = mkdtempSync(join(tmpdir(), "kefu-bundle-"));
afterAll(() => rmSync(nextDir, { recursive: true, force: true }));

function write(path: string, content: string) {
  mkdirSync(dirname(join(nextDir, path)), { recursive: true });
  writeFileSync(join(nextDir, path), content);
}

/** a chunk of incompressible-looking text, so sizes differ per chunk */
function chunk(name: string, repeat: number): string {
  const body = Array.from({ length: repeat }, (_, index) => `var ${name}${index}=${(index * 7919) % 104729};`).join("");
  write(`static/chunks/${name}.js`, body);
  return body;
}

/** what `next build` writes for one app page: its build manifest and its client reference manifest */
function page(entry: string, entryJSFiles: Record<string, string[]>) {
  const dir = `server/app${entry.slice(0, -"/page".length)}`;
  write(`${dir}/page/build-manifest.json`, JSON.stringify({ polyfillFiles: ["static/chunks/polyfill.js"], rootMainFiles: ["static/chunks/runtime.js"] }));
  write(
    `${dir}/page_client-reference-manifest.js`,
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(entry)}] = ${JSON.stringify({ clientModules: {}, entryCSSFiles: {}, entryJSFiles })};`,
  );
}

const gz = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;

describe("routeOfEntry", () => {
  it("drops route groups, parallel slots and the page segment", () => {
    expect(routeOfEntry("/(console)/monitor/page")).toBe("/monitor");
    expect(routeOfEntry("/(console)/workspace/c/[id]/page")).toBe("/workspace/c/[id]");
    expect(routeOfEntry("/(console)/page")).toBe("/");
    expect(routeOfEntry("/(auth)/@modal/sign-in/page")).toBe("/sign-in");
  });
});

describe("measurePages", () => {
  const runtime = chunk("runtime", 400);
  chunk("polyfill", 900);
  const layout = chunk("layout", 300);
  const consoleLayout = chunk("console", 200);
  const monitor = chunk("monitor", 150);
  const chart = chunk("chart", 5000);
  page("/(console)/monitor/page", {
    "[project]/apps/web/src/app/layout": ["static/chunks/layout.js"],
    "[project]/apps/web/src/app/(console)/layout": ["static/chunks/layout.js", "static/chunks/console.js"],
    "[project]/apps/web/src/app/(console)/monitor/page": [
      "static/chunks/layout.js",
      "static/chunks/console.js",
      "static/chunks/monitor.js",
      "static/chunks/style.css",
    ],
  });
  page("/(console)/reports/page", {
    "[project]/apps/web/src/app/layout": ["static/chunks/layout.js"],
    "[project]/apps/web/src/app/(console)/reports/page": ["static/chunks/layout.js", "static/chunks/chart.js"],
  });
  page("/_not-found/page", { "[project]/not-found": ["static/chunks/layout.js"] });

  it("adds the runtime and every segment's chunks once each, gzipped, leaving out the polyfill and Next's own pages", () => {
    const pages = measurePages(nextDir);
    expect(pages.map((p) => p.route)).toEqual(["/reports", "/monitor"]);
    const monitorPage = pages.find((p) => p.route === "/monitor")!;
    expect(monitorPage.entry).toBe("/(console)/monitor/page");
    expect(monitorPage.files).toEqual(["static/chunks/console.js", "static/chunks/layout.js", "static/chunks/monitor.js", "static/chunks/runtime.js"]);
    expect(monitorPage.gzipBytes).toBe(gz(runtime) + gz(layout) + gz(consoleLayout) + gz(monitor));
    expect(monitorPage.rawBytes).toBe(runtime.length + layout.length + consoleLayout.length + monitor.length);
    expect(pages[0]!.gzipBytes).toBe(gz(runtime) + gz(layout) + gz(chart));
  });

  it("refuses a build without app pages, and a manifest without the page's entry", () => {
    expect(() => measurePages(join(nextDir, "missing"))).toThrow(/No app build/);
    write("server/app/(console)/broken/page_client-reference-manifest.js", `globalThis.__RSC_MANIFEST = {"/other/page": {}};`);
    try {
      expect(() => measurePages(nextDir)).toThrow(/no entryJSFiles for \/\(console\)\/broken\/page/);
    } finally {
      rmSync(join(nextDir, "server/app/(console)/broken"), { recursive: true, force: true });
    }
  });
});

describe("budgets", () => {
  it("names what is wrong in the budgets file", () => {
    expect(() => parseBudgets(null)).toThrow(/must be an object/);
    expect(() => parseBudgets({ defaultKb: 0 })).toThrow(/defaultKb must be a positive number/);
    expect(() => parseBudgets({ defaultKb: 200, pages: { staff: 250 } })).toThrow(/pages.staff must be a route/);
    expect(() => parseBudgets({ defaultKb: 200, pages: { "/staff": "250" } })).toThrow(/pages\["\/staff"\] must be a positive number/);
    expect(() => parseBudgets({ defaultKb: 200, pages: { "/staff": 180 } })).toThrow(/not above defaultKb/);
    expect(parseBudgets({ defaultKb: 200 })).toEqual({ defaultKb: 200, pages: {} });
  });

  it("flags pages over their budget, allowances for missing pages and allowances that can come down", () => {
    const pages = [
      { route: "/monitor", entry: "", files: ["a"], gzipBytes: 200 * 1024 + 1, rawBytes: 0 },
      { route: "/reports", entry: "", files: ["a"], gzipBytes: 200 * 1024, rawBytes: 0 },
      { route: "/staff", entry: "", files: ["a"], gzipBytes: 250 * 1024, rawBytes: 0 },
      { route: "/jobs", entry: "", files: ["a"], gzipBytes: 150 * 1024, rawBytes: 0 },
    ];
    const result = checkBudgets(pages, { defaultKb: 200, pages: { "/staff": 251, "/jobs": 210, "/gone": 300 } });
    expect(result.over.map((row) => row.route)).toEqual(["/monitor"]);
    expect(result.rows.find((row) => row.route === "/staff")).toMatchObject({ gzipKb: 250, budgetKb: 251, ok: true });
    expect(result.unknownPages).toEqual(["/gone"]);
    expect(result.slack.map((row) => row.route)).toEqual(["/jobs"]);
  });
});
