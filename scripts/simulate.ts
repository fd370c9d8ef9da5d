/**
 * Simulated customers chatting through the widget API of a running Kefu Console (`pnpm dev` or a deployment).
 *
 *   pnpm simulate                          # 20 customers, each runs once
 *   pnpm simulate --customers 200 --duration 300 --handoff 0.5 --json bench/results/simulate.json
 *
 * Options: --url (default $SIMULATE_URL, $AUTH_URL or http://localhost:3000), --customers, --duration (seconds;
 * 0 = once each), --handoff (share asking for a person, 0–1), --patience (seconds before leaving the queue),
 * --think (ms between actions), --poll (ms), --ramp (seconds), --team (team id), --seed, --json (report path).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runSimulation, type SimulationOptions } from "./lib/simulator.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    customers: { type: "string", default: "20" },
    duration: { type: "string", default: "0" },
    handoff: { type: "string", default: "0.4" },
    patience: { type: "string", default: "90" },
    think: { type: "string", default: "1500" },
    poll: { type: "string", default: "2000" },
    ramp: { type: "string", default: "10" },
    team: { type: "string" },
    seed: { type: "string" },
    json: { type: "string" },
  },
});

function number(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name}: expected a number from ${min} to ${max}, got "${raw ?? ""}"`);
    process.exit(2);
  }
  return value;
}

const baseUrl = (values.url ?? process.env.SIMULATE_URL ?? process.env.AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const controller = new AbortController();
const options: SimulationOptions = {
  baseUrl,
  customers: Math.round(number("customers", values.customers, 1, 10_000)),
  durationSeconds: number("duration", values.duration, 0, 86_400),
  handoffRate: number("handoff", values.handoff, 0, 1),
  patienceSeconds: number("patience", values.patience, 1, 3_600),
  thinkMs: number("think", values.think, 0, 60_000),
  pollMs: number("poll", values.poll, 100, 60_000),
  rampSeconds: number("ramp", values.ramp, 0, 3_600),
  ...(values.team ? { teamId: Math.round(number("team", values.team, 1, 2 ** 31)) } : {}),
  ...(values.seed ? { seed: Math.round(number("seed", values.seed, 1, 2 ** 31)) } : {}),
  signal: controller.signal,
  onProgress: (line) => console.log(line),
};

try {
  const health = await fetch(`${baseUrl}/api/health`);
  if (!health.ok) throw new Error(`health answered ${health.status}`);
} catch (error) {
  console.error(`Kefu Console is not reachable at ${baseUrl} (${(error as Error).message}). Start it with \`pnpm dev\`, or pass --url.`);
  process.exit(1);
}

process.once("SIGINT", () => {
  console.log("stopping: customers finish their current step…");
  controller.abort();
});

console.log(`simulating ${options.customers} customers against ${baseUrl}${options.durationSeconds ? ` for ${options.durationSeconds}s` : ""}`);
const report = await runSimulation(options);
console.log(JSON.stringify(report, null, 2));
if (values.json) {
  const path = resolve(values.json);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`report written to ${path}`);
}
