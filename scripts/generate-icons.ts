/**
 * `pnpm exec tsx scripts/generate-icons.ts`: draws the installable app's icons (apps/web/public/icons) from one SVG
 * with the local Chromium. The PNGs are committed; run this again only when the artwork changes.
 *
 * - icon-192/512: the rounded tile, transparent corners (purpose "any");
 * - maskable-192/512: full-bleed colour with the glyph inside the 80 % safe zone (purpose "maskable");
 * - apple-touch-icon (180): full-bleed, iOS rounds the corners itself.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const OUT = join(import.meta.dirname, "..", "apps", "web", "public", "icons");
const BRAND = "#1366e0";

/** The headset of app/icon.svg with a microphone, centred on a 64-unit square. */
const GLYPH = `<g transform="translate(0 -8)">
  <path d="M18 40c0-9 6-16 14-16s14 7 14 16" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/>
  <rect x="13" y="36" width="9" height="13" rx="4" fill="#fff"/>
  <rect x="42" y="36" width="9" height="13" rx="4" fill="#fff"/>
  <path d="M46.5 47c0 4.5-3.5 7-9 7h-3" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
  <rect x="29" y="51.5" width="7" height="5" rx="2.5" fill="#fff"/>
</g>`;

function svg(size: number, { fullBleed, glyphScale }: { fullBleed: boolean; glyphScale: number }) {
  const background = fullBleed ? `<rect width="64" height="64" fill="${BRAND}"/>` : `<rect width="64" height="64" rx="14" fill="${BRAND}"/>`;
  const offset = 32 * (1 - glyphScale);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">${background}<g transform="translate(${offset} ${offset}) scale(${glyphScale})">${GLYPH}</g></svg>`;
}

const ICONS = [
  { file: "icon-192.png", size: 192, fullBleed: false, glyphScale: 1.15 },
  { file: "icon-512.png", size: 512, fullBleed: false, glyphScale: 1.15 },
  { file: "maskable-192.png", size: 192, fullBleed: true, glyphScale: 0.9 },
  { file: "maskable-512.png", size: 512, fullBleed: true, glyphScale: 0.9 },
  { file: "apple-touch-icon.png", size: 180, fullBleed: true, glyphScale: 1 },
];

await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of ICONS) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg(icon.size, icon)}</body></html>`);
    await page.locator("svg").screenshot({ path: join(OUT, icon.file), omitBackground: true });
    console.log(`${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
