/**
 * `pnpm test`: everything CI runs, in order: lint, typecheck, vitest (unit + integration against
 * the real database), the production build, the fault test (processes killed under load) and Playwright
 * end-to-end tests in Chromium. `--skip-e2e` leaves out the build, the fault test and the browser tests.
 */
import { spawnSync } from "node:child_process";

const steps: { name: string; command: string[] }[] = [
  { name: "lint", command: ["pnpm", "lint"] },
  { name: "typecheck", command: ["pnpm", "typecheck"] },
  { name: "vitest", command: ["pnpm", "exec", "vitest", "run"] },
];
if (!process.argv.includes("--skip-e2e")) {
  steps.push(
    { name: "build", command: ["pnpm", "build"] },
    { name: "faults", command: ["pnpm", "test:faults"] },
    { name: "playwright", command: ["pnpm", "exec", "playwright", "test"] },
  );
}

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name}: ${step.command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  results.push({ name: step.name, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  if (result.status !== 0) break;
}

console.log("\n━━ summary");
for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name} (${r.seconds}s)`);
const passed = results.filter((r) => r.ok).length;
console.log(`steps: ${passed} passed, ${steps.length - passed} failed`);
const failed = passed < steps.length;
process.exit(failed ? 1 : 0);
