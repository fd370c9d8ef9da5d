/**
 * Child-process helpers for the dev, start and end-to-end scripts: prefixed output, readiness
 * checks, and one shutdown that stops everything the script started (Ctrl-C included).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";

const children: { name: string; child: ChildProcess }[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let shuttingDown = false;

export function onShutdown(cleanup: () => Promise<void> | void) {
  cleanups.push(cleanup);
}

export async function shutdown(code = 0): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const { child } of children.reverse()) if (child.exitCode === null) killGroup(child);
    const running = children.filter(({ child }) => child.exitCode === null);
    await Promise.all(running.map(({ child }) => new Promise((resolve) => child.once("exit", resolve))));
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  process.exit(code);
}

function killGroup(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

// A parent that dies without a signal (e.g. Playwright ending its web server) still takes the children along.
process.on("exit", () => {
  for (const { child } of children) if (child.exitCode === null) killGroup(child);
});
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const COLORS = [36, 35, 33, 32, 34];

/** Starts a long-running child; its lines are prefixed with its name. If it dies, everything stops. */
export function startProcess(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {}) {
  // Its own process group, so stopping it also stops what it started (pnpm → next-server).
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const color = COLORS[children.length % COLORS.length];
  const prefix = `\x1b[${color}m${name.padEnd(8)}\x1b[0m│ `;
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    if (options.quiet) return;
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(`${prefix}${line}\n`);
  };
  child.stdout.on("data", forward(process.stdout));
  child.stderr.on("data", forward(process.stderr));
  child.on("exit", (code, signal) => {
    if (shuttingDown) return;
    console.error(`${prefix}exited (${signal ?? code}); stopping everything`);
    void shutdown(code || 1);
  });
  children.push({ name, child });
  return child;
}

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

export const httpOk = (url: string) => async () => (await fetch(url)).status < 500;
