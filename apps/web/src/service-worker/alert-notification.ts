/**
 * The text of a monitoring-alert notification, written by the service worker from the catalogue (push.notification)
 * in the language the server put in the push (`locale`, the person's profile language).
 */
import en from "../messages/pwa.en.json";
import zhCN from "../messages/pwa.zh-CN.json";

type NotificationStrings = typeof zhCN.push.notification;
type Locale = "zh-CN" | "en";

const STRINGS: Record<Locale, NotificationStrings> = { "zh-CN": zhCN.push.notification, en: en.push.notification };
const METRICS = ["QUEUE_LENGTH", "LONGEST_WAIT_SECONDS", "AGENTS_ONLINE_BELOW", "CSAT_TODAY_BELOW"] as const;
type Metric = (typeof METRICS)[number];

export interface MonitorAlertPush {
  type: "monitor.alert";
  eventId: number;
  metric: Metric;
  value: number;
  threshold: number;
  teamName: string | null;
  locale: Locale;
  url: string;
}

export interface AlertNotification {
  title: string;
  body: string;
  /** one notification per alert event: a repeated delivery replaces it instead of stacking */
  tag: string;
  /** a same-origin path the click opens */
  url: string;
  actionLabel: string;
}

/** Fills `{name}` placeholders (the catalogue's simple ICU arguments). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Only a path of this site may be opened from a notification. */
function safePath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/monitor";
}

export function parseAlertPush(data: unknown): MonitorAlertPush | null {
  if (!data || typeof data !== "object") return null;
  const push = data as Record<string, unknown>;
  if (push.type !== "monitor.alert" || !METRICS.includes(push.metric as Metric) || !isFiniteNumber(push.value) || !isFiniteNumber(push.threshold)) return null;
  return {
    type: "monitor.alert",
    eventId: isFiniteNumber(push.eventId) ? push.eventId : 0,
    metric: push.metric as Metric,
    value: push.value,
    threshold: push.threshold,
    teamName: typeof push.teamName === "string" && push.teamName.trim() ? push.teamName.trim() : null,
    locale: push.locale === "en" ? "en" : "zh-CN",
    url: safePath(push.url),
  };
}

function duration(strings: NotificationStrings, totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return fill(strings.seconds, { seconds });
  return fill(strings.minutesSeconds, { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

/** The notification for a push payload; a payload it cannot read still yields a notification (browsers require one). */
export function alertNotification(data: unknown, fallbackLocale: string = "zh-CN"): AlertNotification {
  const push = parseAlertPush(data);
  const strings = STRINGS[push?.locale ?? (fallbackLocale.toLowerCase().startsWith("en") ? "en" : "zh-CN")];
  if (!push) return { title: strings.title, body: strings.generic, tag: "monitor-alert", url: "/monitor", actionLabel: strings.open };
  const number = new Intl.NumberFormat(push.locale, { maximumFractionDigits: 1 });
  const format = (value: number) => (push.metric === "LONGEST_WAIT_SECONDS" ? duration(strings, value) : number.format(value));
  return {
    title: push.teamName ? fill(strings.titleWithTeam, { team: push.teamName }) : strings.title,
    body: fill(strings[push.metric], { value: format(push.value), threshold: format(push.threshold) }),
    tag: push.eventId ? `monitor-alert-${push.eventId}` : "monitor-alert",
    url: push.url,
    actionLabel: strings.open,
  };
}
