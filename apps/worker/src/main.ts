// The job runner (thin: all logic lives in @kefu/api). Run several for throughput; they never
// take the same job. SIGINT/SIGTERM finish the batch in hand, then exit.
import { hostname } from "node:os";
import { validateServerEnvOrExit } from "@kefu/api/startup";

validateServerEnvOrExit();
// Loaded after validation: these modules read configuration when they load.
const [
  {
    logger,
    ensureKnowledgeIndex,
    ensureVapidKeys,
    flushArticleUsage,
    setLiveAlertEvaluation,
    startAlertTicker,
    startOverflowTicker,
    startCustomerPresenceTicker,
    startMetricsServer,
    metricsSettingsFromEnv,
  },
  { scheduleDailyMaintenance },
  { startWorkerLoop },
  { getDb },
] = await Promise.all([import("@kefu/api"), import("@kefu/api/jobs"), import("@kefu/api/worker"), import("@kefu/db/client")]);

const db = getDb();
const workerId = `${hostname()}:${process.pid}`;

await scheduleDailyMaintenance(db);
if (await ensureKnowledgeIndex(db)) logger.info("built the knowledge search index");
// Generated once and kept in settings; both the worker and the web app make sure it exists when they start.
await ensureVapidKeys(db);
const loop = startWorkerLoop(db, workerId);
// monitor alert rules: a tick for the time-based ones, and right after changes this process makes
const alertTicker = startAlertTicker(db);
setLiveAlertEvaluation(true);
// teams' overflow rules: queued conversations past a wait or queue length are offered to the backup team
const overflowTicker = startOverflowTicker(db);
// customers who left the widget, idle conversations (reminder and auto-end)
const presenceTicker = startCustomerPresenceTicker(db);
// its own metrics for Prometheus to scrape, when WORKER_METRICS_PORT is set
const metricsSettings = metricsSettingsFromEnv();
const metricsServer = metricsSettings.worker ? await startMetricsServer({ ...metricsSettings.worker, access: metricsSettings.access }) : null;
if (metricsSettings.worker) logger.info(metricsSettings.worker, "worker metrics listening on /metrics");
logger.info({ workerId }, "worker started");

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping");
  alertTicker.stop();
  overflowTicker.stop();
  presenceTicker.stop();
  setLiveAlertEvaluation(false);
  metricsServer?.close();
  await loop.stop();
  // the bot answers this process counted and has not written yet
  await flushArticleUsage(db).catch((error: unknown) => logger.error({ err: error }, "knowledge usage counters lost at shutdown"));
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
