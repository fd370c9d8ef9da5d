/**
 * The process's Prometheus metrics (prom-client). One registry per process, kept on globalThis so that every route
 * bundle of the web app and every hot reload count into the same metrics. Names are `kefu_*` plus prom-client's
 * default process and Node.js metrics; ops/grafana and ops/prometheus use exactly these names (a test checks it).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Request and procedure latency buckets, seconds: 5 ms to 10 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "kefu_http_requests_total",
      help: "HTTP requests answered, by route template, method and status code",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "kefu_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route template and method",
      labelNames: ["route", "method"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    trpcCalls: new Counter({
      name: "kefu_trpc_calls_total",
      help: "tRPC procedure calls, by procedure, type and result code (OK or the tRPC error code)",
      labelNames: ["procedure", "type", "code"] as const,
      registers,
    }),
    trpcDuration: new Histogram({
      name: "kefu_trpc_call_duration_seconds",
      help: "Time a tRPC procedure took, by procedure and type",
      labelNames: ["procedure", "type"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    jobsProcessed: new Counter({
      name: "kefu_jobs_processed_total",
      help: "Jobs the worker ran, by job type and outcome (succeeded, retry, dead)",
      labelNames: ["type", "outcome"] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: "kefu_job_duration_seconds",
      help: "Time a job's handler took, by job type",
      labelNames: ["type"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    realtimePublishFailures: new Counter({
      name: "kefu_realtime_publish_failures_total",
      help: "Realtime publishes the realtime server refused or did not answer",
      registers,
    }),
    slowQueries: new Counter({
      name: "kefu_db_slow_queries_total",
      help: "Database statements slower than SLOW_QUERY_MS",
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { kefuMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.kefuMetrics ??= createMetrics());
}

/** A gauge whose value is computed when the registry is scraped; registered once per process. */
export function scrapeGauge<L extends string>(options: {
  name: string;
  help: string;
  labelNames?: readonly L[];
  collect: (gauge: Gauge<L>) => Promise<void> | void;
}): Gauge<L> {
  const registry = metrics().registry;
  const existing = registry.getSingleMetric(options.name);
  if (existing) return existing as Gauge<L>;
  const collect = options.collect;
  return new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    async collect() {
      await collect(this);
    },
  });
}

/** The registry's text exposition and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const registry = metrics().registry;
  return { body: await registry.metrics(), contentType: registry.contentType };
}
