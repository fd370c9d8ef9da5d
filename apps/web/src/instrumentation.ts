// Runs once when the server starts: refuse to serve with missing or malformed configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateServerEnvOrExit } = await import("@kefu/api/startup");
  const { readWebEnv } = await import("./env");
  validateServerEnvOrExit(readWebEnv);
  // changes made here (queue, presence, CSAT) evaluate the monitor's alert rules at once
  const { setLiveAlertEvaluation } = await import("@kefu/api/alerts-live");
  setLiveAlertEvaluation(true);
}
