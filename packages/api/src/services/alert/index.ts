// Monitor alerts: threshold rules, their evaluation and the alert history.
export {
  ALERT_TICK_MS,
  crosses,
  currentValue,
  evaluateAlerts,
  PUSH_ALERT_JOB,
  requestAlertEvaluation,
  setLiveAlertEvaluation,
  startAlertTicker,
} from "./evaluate.ts";
export { acknowledgeAlertEvent, activeAlertEvents, listAlertEvents } from "./events.ts";
export { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from "./rules.ts";
