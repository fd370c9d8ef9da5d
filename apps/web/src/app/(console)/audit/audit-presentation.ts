import type { Translate } from "~/lib/validation-text";

/** The record an audit row is about, as `audit.list` resolves it. */
export interface AuditTargetView {
  type: string;
  id: string | null;
  name: string | null;
  code: string | null;
}

/** One labelled value of a row's details. */
export interface AuditDetailField {
  key: string;
  label: string;
  value: string;
}

/** "新建员工" for `user.create`; an action without a label yet reads as its area and name ("员工：archive"). */
export function actionLabel(t: Translate, action: string): string {
  const [area = "", name = ""] = action.split(".");
  if (t.has(`auditLog.actions.${area}.${name}`)) return t(`auditLog.actions.${area}.${name}`);
  return t.has(`auditLog.areas.${area}`) ? t("auditLog.unknownAction", { area: t(`auditLog.areas.${area}`), name }) : action;
}

/** "王小明（工号 3001）", "技能组「售后服务」", "告警规则「排队人数」", or "会话 #12" when the record has no name or is gone. */
export function targetLabel(t: Translate, target: AuditTargetView | null): string {
  if (!target) return "";
  const type = t.has(`auditLog.targetTypes.${target.type}`) ? t(`auditLog.targetTypes.${target.type}`) : target.type;
  if (target.type === "User" && target.name && target.code) return t("auditLog.staffTarget", { name: target.name, code: target.code });
  const name = target.name ? codeName(t, target.type, target.name) : null;
  if (name) return t("auditLog.namedTarget", { type, name });
  return target.id ? t("auditLog.idTarget", { type, id: target.id }) : type;
}

/** Records named by a code (an alert rule's metric) read as the code's label where the console has one. */
function codeName(t: Translate, type: string, name: string): string {
  if (type === "MonitorAlertRule" && t.has(`alerts.metric.${name}`)) return t(`alerts.metric.${name}`);
  return name;
}

const REDACTED = "[redacted]";

function valueText(t: Translate, key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("auditLog.none");
  if (value === REDACTED) return t("auditLog.redacted");
  if (typeof value === "boolean") return value ? t("auditLog.yes") : t("auditLog.no");
  if ((key === "error" || key === "reason") && typeof value === "string" && t.has(`errors.${value}`)) return t(`errors.${value}`);
  if (key === "role" && typeof value === "string" && t.has(`roles.${value}`)) return t(`roles.${value}`);
  if (key === "presence" && typeof value === "string" && t.has(`presence.${value}`)) return t(`presence.${value}`);
  if (Array.isArray(value)) return value.map((item) => valueText(t, key, item)).join("、");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, innerValue]) => `${fieldName(t, inner)} ${valueText(t, inner, innerValue)}`)
      .join("；");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fieldName(t: Translate, key: string): string {
  return t.has(`auditLog.fields.${key}`) ? t(`auditLog.fields.${key}`) : key;
}

/**
 * A row's details as labelled fields: the fields of the input a mutation was called with, then the error it ended
 * with, or what a service recorded (a sign-in's reason, a lock's failures). Secrets read as hidden.
 */
export function detailFields(t: Translate, detail: unknown): AuditDetailField[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== "object" || Array.isArray(detail)) return [{ key: "value", label: t("auditLog.fieldsLabel"), value: valueText(t, "value", detail) }];
  const { input, ...rest } = detail as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  if (input && typeof input === "object" && !Array.isArray(input)) entries.push(...Object.entries(input as Record<string, unknown>));
  else if (input !== undefined) entries.push(["input", input]);
  entries.push(...Object.entries(rest));
  return entries.map(([key, value]) => ({ key, label: fieldName(t, key), value: valueText(t, key, value) }));
}
