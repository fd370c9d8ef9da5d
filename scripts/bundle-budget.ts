/**
 * Runs after `next build` (the web app's build script): the first-load JavaScript of every page, gzipped, against
 * its budget. Prints a table, writes `bench/results/bundle.json` and exits 1 when a page is over its budget, which
 * fails the build.
 *
 *   pnpm build                                 # builds, then measures
 *   pnpm exec tsx scripts/bundle-budget.ts     # measures the last build again
 *
 * Budgets: `apps/web/bundle-budgets.json` — `defaultKb` for every page, `pages` for the pages allowed more until
 * they are split (each entry names the page and its allowance; an allowance above what the page weighs is reported
 * so it can be lowered).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBudgets, kb, measurePages, parseBudgets } from "./lib/bundle.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const NEXT_DIR = join(ROOT, "apps/web/.next");
const BUDGETS = join(ROOT, "apps/web/bundle-budgets.json");
const RESULTS = join(ROOT, "bench/results/bundle.json");

const budgets = parseBudgets(JSON.parse(readFileSync(BUDGETS, "utf8")) as unknown);
const pages = measurePages(NEXT_DIR);
const { rows, over, unknownPages, slack } = checkBudgets(pages, budgets);

console.log(`First-load JavaScript per page (gzip, level 9), budget ${budgets.defaultKb} KB unless listed in apps/web/bundle-budgets.json`);
console.table(
  Object.fromEntries(
    rows.map((row) => [row.route, { gzipKb: row.gzipKb, rawKb: row.rawKb, files: row.files, budgetKb: row.budgetKb, ok: row.ok ? "yes" : "OVER" }]),
  ),
);

mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(
  RESULTS,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      buildId: readFileSync(join(NEXT_DIR, "BUILD_ID"), "utf8").trim(),
      defaultBudgetKb: budgets.defaultKb,
      pages: pages.map((page) => ({
        route: page.route,
        gzipKb: kb(page.gzipBytes),
        rawKb: kb(page.rawBytes),
        budgetKb: budgets.pages[page.route] ?? budgets.defaultKb,
        files: page.files,
      })),
    },
    null,
    2,
  ) + "\n",
);
console.log(`written to ${RESULTS}`);

for (const route of unknownPages) console.error(`apps/web/bundle-budgets.json lists ${route}, which the build has no page for: remove it.`);
for (const row of slack) console.log(`${row.route} weighs ${row.gzipKb} KB, its allowance of ${row.budgetKb} KB can be lowered.`);
for (const row of over) console.error(`${row.route}: ${row.gzipKb} KB of first-load JavaScript is over its budget of ${row.budgetKb} KB.`);
if (over.length > 0 || unknownPages.length > 0) process.exit(1);
