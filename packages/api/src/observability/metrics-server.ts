/**
 * The worker's own metrics endpoint: a small HTTP listener (WORKER_METRICS_PORT) answering GET /metrics with this
 * process's registry (jobs run, their duration and outcome, realtime publish failures, slow queries, process metrics),
 * under the same METRICS_TOKEN rule as the web's /api/metrics. Prometheus scrapes each worker (pull), so a worker
 * that has died shows as a failed scrape instead of stale pushed figures.
 */
import { createServer, type Server } from "node:http";
import { checkMetricsAccess, type MetricsAccess } from "../rest/metrics-api.ts";
import { renderMetrics } from "./metrics.ts";

export async function startMetricsServer(options: { port: number; host: string; access: MetricsAccess }): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://metrics");
      if (request.method !== "GET" || url.pathname !== "/metrics") {
        response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      const headers = new Headers();
      if (request.headers.authorization) headers.set("authorization", request.headers.authorization);
      const refused = checkMetricsAccess({ headers }, options.access);
      if (refused) {
        response.writeHead(refused.status, { "Content-Type": "application/json" }).end(await refused.text());
        return;
      }
      const { body, contentType } = await renderMetrics();
      response.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
