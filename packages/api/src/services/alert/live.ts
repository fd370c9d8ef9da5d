/**
 * Whether this process evaluates the alert rules right after its own changes (web servers and workers turn it on
 * at start-up; tests leave it off and evaluate explicitly). Kept on globalThis and free of imports: Next.js may
 * load modules more than once (instrumentation and route bundles), and instrumentation should stay light.
 */
export interface LiveEvaluationState {
  enabled: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  again: boolean;
}

const globalForAlerts = globalThis as unknown as { kefuAlertEvaluation?: LiveEvaluationState };

export function liveEvaluationState(): LiveEvaluationState {
  globalForAlerts.kefuAlertEvaluation ??= { enabled: false, timer: null, running: false, again: false };
  return globalForAlerts.kefuAlertEvaluation;
}

export function setLiveAlertEvaluation(enabled: boolean) {
  const state = liveEvaluationState();
  state.enabled = enabled;
  if (!enabled && state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
}
