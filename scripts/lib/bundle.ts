/**
 * First-load JavaScript per page of the web app's production build (Next.js 16, Turbopack), read from what
 * `next build` writes under `.next`:
 *
 * - `server/app/<segments>/page/build-manifest.json`: `rootMainFiles`, the runtime every page loads;
 * - `server/app/<segments>/page_client-reference-manifest.js`: `entryJSFiles`, the chunks of each layout and of the
 *   page itself, which the server puts in the page's HTML as scripts.
 *
 * A page's first load is the union of both (a chunk shared by several segments counts once), each file gzipped at
 * level 9 as a server would compress it. The polyfill chunk (`nomodule`) is not loaded by current browsers and is not
 * counted; chunks loaded later (next/dynamic, React.lazy, `import()`) are not in these lists and are not counted either.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export interface PageBundle {
  /** the URL path, route groups removed: `/monitor`, `/workspace/c/[id]` */
  route: string;
  /** the page's key in the build: `/(console)/monitor/page` */
  entry: string;
  /** chunk files relative to `.next`, each once */
  files: string[];
  /** gzipped bytes of all of them */
  gzipBytes: number;
  /** uncompressed bytes */
  rawBytes: number;
}

const MANIFEST_SUFFIX = "page_client-reference-manifest.js";

/** `/(console)/workspace/c/[id]/page` → `/workspace/c/[id]`; `/(auth)/sign-in/page` → `/sign-in`; `/(console)/page` → `/`. */
export function routeOfEntry(entry: string): string {
  const segments = entry.split("/").filter((segment) => segment && !(segment.startsWith("(") && segment.endsWith(")")) && !segment.startsWith("@"));
  if (segments.at(-1) === "page") segments.pop();
  return "/" + segments.join("/");
}

/** Runs a client reference manifest (a script assigning `globalThis.__RSC_MANIFEST[entry]`) in a sandbox and returns its entries. */
export function readClientReferenceManifest(source: string): Record<string, { entryJSFiles?: Record<string, string[]> }> {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(source, sandbox, { timeout: 5_000 });
  return sandbox.__RSC_MANIFEST ?? {};
}

function findManifests(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...findManifests(path));
    else if (name.endsWith(MANIFEST_SUFFIX)) found.push(path);
  }
  return found;
}

/** Every app page of the build in `nextDir` with its first-load JavaScript, largest first. Pages whose route starts with `/_` (Next's own error pages) are left out. */
export function measurePages(nextDir: string): PageBundle[] {
  const appDir = join(nextDir, "server", "app");
  if (!existsSync(appDir)) throw new Error(`No app build in ${nextDir}: run \`next build\` first.`);
  const gzipCache = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let size = gzipCache.get(file);
    if (!size) {
      const bytes = readFileSync(join(nextDir, file));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      gzipCache.set(file, size);
    }
    return size;
  };

  const pages: PageBundle[] = [];
  for (const manifestPath of findManifests(appDir)) {
    const pageDir = manifestPath.slice(0, -MANIFEST_SUFFIX.length) + "page";
    const entry = "/" + relative(appDir, pageDir).split(sep).join("/");
    const route = routeOfEntry(entry);
    if (route.split("/").some((segment) => segment.startsWith("_"))) continue;

    const manifests = readClientReferenceManifest(readFileSync(manifestPath, "utf8"));
    const own = manifests[entry];
    if (!own?.entryJSFiles) throw new Error(`${relative(nextDir, manifestPath)} has no entryJSFiles for ${entry}: has the build output changed shape?`);
    const buildManifestPath = join(pageDir, "build-manifest.json");
    const rootMainFiles = existsSync(buildManifestPath)
      ? ((JSON.parse(readFileSync(buildManifestPath, "utf8")) as { rootMainFiles?: string[] }).rootMainFiles ?? [])
      : [];

    const files = new Set<string>(rootMainFiles);
    for (const chunks of Object.values(own.entryJSFiles)) for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(chunk);
    let gzipBytes = 0;
    let rawBytes = 0;
    for (const file of files) {
      const size = sizeOf(file);
      gzipBytes += size.gzip;
      rawBytes += size.raw;
    }
    pages.push({ route, entry, files: [...files].sort(), gzipBytes, rawBytes });
  }
  return pages.sort((a, b) => b.gzipBytes - a.gzipBytes || a.route.localeCompare(b.route));
}

/** Bytes as KB (1,024) with one decimal. */
export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export interface Budgets {
  /** KB (1,024 bytes) of gzipped first-load JavaScript a page may have */
  defaultKb: number;
  /** pages allowed more than the default, by route */
  pages: Record<string, number>;
}

/** Reads a budgets file (`{ "defaultKb": 200, "pages": { "/staff": 290 } }`), naming what is wrong in it. */
export function parseBudgets(value: unknown): Budgets {
  const isKb = (kbValue: unknown): kbValue is number => typeof kbValue === "number" && Number.isFinite(kbValue) && kbValue > 0;
  if (typeof value !== "object" || value === null) throw new Error("bundle budgets: must be an object with defaultKb and pages");
  const { defaultKb, pages = {} } = value as { defaultKb?: unknown; pages?: unknown };
  if (!isKb(defaultKb)) throw new Error("bundle budgets: defaultKb must be a positive number of KB");
  if (typeof pages !== "object" || pages === null || Array.isArray(pages)) throw new Error("bundle budgets: pages must be an object of route → KB");
  for (const [route, allowance] of Object.entries(pages)) {
    if (!route.startsWith("/")) throw new Error(`bundle budgets: pages.${route} must be a route starting with /`);
    if (!isKb(allowance)) throw new Error(`bundle budgets: pages["${route}"] must be a positive number of KB`);
    if (allowance <= defaultKb) throw new Error(`bundle budgets: pages["${route}"] (${allowance}) is not above defaultKb (${defaultKb}): remove it`);
  }
  return { defaultKb, pages: pages as Record<string, number> };
}

export interface BudgetRow {
  route: string;
  gzipKb: number;
  rawKb: number;
  files: number;
  budgetKb: number;
  ok: boolean;
}

/** Each page against its budget: the rows, those over, allowances for pages the build does not have, and allowances more than 5 KB above the page. */
export function checkBudgets(pages: PageBundle[], budgets: Budgets): { rows: BudgetRow[]; over: BudgetRow[]; unknownPages: string[]; slack: BudgetRow[] } {
  const rows = pages.map((page) => {
    const budgetKb = budgets.pages[page.route] ?? budgets.defaultKb;
    return {
      route: page.route,
      gzipKb: kb(page.gzipBytes),
      rawKb: kb(page.rawBytes),
      files: page.files.length,
      budgetKb,
      ok: page.gzipBytes <= budgetKb * 1024,
    };
  });
  const routes = new Set(pages.map((page) => page.route));
  return {
    rows,
    over: rows.filter((row) => !row.ok),
    unknownPages: Object.keys(budgets.pages).filter((route) => !routes.has(route)),
    slack: rows.filter((row) => budgets.pages[row.route] !== undefined && row.budgetKb - row.gzipKb > 5),
  };
}
