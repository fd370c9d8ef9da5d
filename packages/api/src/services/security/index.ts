// Security alerts (lockouts, rate limits, a broken audit chain) for admins.
export {
  acknowledgeSecurityAlert,
  countOpenSecurityAlerts,
  listSecurityAlerts,
  raiseSecurityAlert,
  SECURITY_ALERT_TYPES,
  type SecurityAlertType,
} from "./alerts.ts";
