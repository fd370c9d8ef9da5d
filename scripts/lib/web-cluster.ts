/**
 * `next start` in several processes on one port: a Node cluster whose workers each run Next's own production
 * server (`next start`). The workers' `listen()` goes through the cluster, so they share one listening socket and the
 * primary hands each new connection to the next worker in turn (Node's default scheduling outside Windows).
 *
 *   tsx scripts/lib/web-cluster.ts <port> <workers>      (cwd: apps/web; what `pnpm start` runs when WEB_CONCURRENCY > 1)
 *
 * A worker that dies ends the whole cluster, like a single `next start` dying: the start script then stops everything.
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { join } from "node:path";

const port = Number(process.argv[2]);
const workers = Number(process.argv[3]);
if (!Number.isInteger(port) || port < 1 || !Number.isInteger(workers) || workers < 1) {
  console.error("usage: web-cluster.ts <port> <workers>");
  process.exit(2);
}

const webDir = join(import.meta.dirname, "../../apps/web");
const nextBin = createRequire(join(webDir, "package.json")).resolve("next/dist/bin/next");
// workers run Next's CLI with plain node: no TypeScript loader of this launcher
cluster.setupPrimary({ exec: nextBin, args: ["start", "--port", String(port)], execArgv: [], cwd: webDir });

let stopping = false;
for (let i = 0; i < workers; i++) cluster.fork({ KEFU_WEB_WORKER: String(i + 1) });
cluster.on("exit", (worker, code, signal) => {
  if (stopping) return;
  console.error(`web worker ${worker.id} exited (${signal ?? code}); stopping the cluster`);
  stopping = true;
  for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
  process.exitCode = code || 1;
});

const stop = () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
