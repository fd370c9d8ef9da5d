/**
 * Serves the service worker (/serwist/sw.js and its source map). @serwist/turbopack bundles src/service-worker/sw.ts
 * with esbuild and injects the precache manifest; the route is static, so this happens once, during `next build`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSerwistRoute } from "@serwist/turbopack";

/**
 * The offline page is precached by URL, so it needs a revision that changes with each build: the build's own
 * chunk names, which change whenever the code does.
 */
function offlinePageRevision(): string {
  const hash = createHash("sha256");
  try {
    hash.update(readFileSync(join(process.cwd(), ".next", "BUILD_ID")));
  } catch {
    const chunks = join(process.cwd(), ".next", "static", "chunks");
    for (const name of readdirSync(chunks, { recursive: true }).map(String).sort()) hash.update(name);
  }
  return hash.digest("hex").slice(0, 16);
}

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "src/service-worker/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [{ url: "/offline", revision: offlinePageRevision() }],
  // A classic script: every browser that supports service workers can run it (module workers are newer).
  esbuildOptions: { format: "iife" },
  // Source maps are for debugging, not worth a place in every browser's cache.
  globIgnores: ["**/node_modules/**/*", "**/*.map"],
});
