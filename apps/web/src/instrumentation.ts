// Runs once when the server starts: refuse to serve with missing or malformed configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateServerEnvOrExit } = await import("@kefu/api/startup");
  const { readWebEnv } = await import("./env");
  validateServerEnvOrExit(readWebEnv);
  // The web push key pair exists from the first start on (generated once, kept in settings). A database that is not
  // reachable yet is no reason to refuse to start: the key is then made at its first use.
  const [{ ensureVapidKeys, logger, warmUpMessageIntake }, { getDb }] = await Promise.all([import("@kefu/api"), import("@kefu/db/client")]);
  await ensureVapidKeys(getDb()).catch((error: unknown) => logger.warn({ err: error }, "could not make sure the web push keys exist yet"));
  // in the background: the server answers health checks meanwhile, the first customer message finds it done
  void warmUpMessageIntake(getDb()).catch((error: unknown) => logger.warn({ err: error }, "could not warm up the message intake"));
  // changes made here (queue, presence, CSAT) evaluate the monitor's alert rules at once
  const { setLiveAlertEvaluation } = await import("@kefu/api/alerts-live");
  setLiveAlertEvaluation(true);
}
