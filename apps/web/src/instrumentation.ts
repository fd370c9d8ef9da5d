// Runs once when the server starts: refuse to serve with missing or malformed configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateServerEnvOrExit } = await import("@kefu/api/startup");
  const { readWebEnv } = await import("./env");
  validateServerEnvOrExit(readWebEnv);
}
