/**
 * The permission matrix: role → allowed actions. tRPC middleware, channel
 * authorization and the UI (navigation, buttons) all read this one table.
 */
import type { Role } from "@kefu/db";

export const ROLES = ["ADMIN", "SUPERVISOR", "AGENT", "QA"] as const satisfies readonly Role[];

const ALL = ROLES;
const MANAGERS = ["ADMIN", "SUPERVISOR"] as const;

export const PERMISSIONS = {
  /** see the staff directory */
  "staff.read": MANAGERS,
  /** create, edit, disable staff; reset passwords; force logout */
  "staff.manage": ["ADMIN"],
  "team.read": MANAGERS,
  "team.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "security.alerts": ["ADMIN"],
  "settings.manage": ["ADMIN"],
  "jobs.manage": ["ADMIN"],
  "monitor.view": MANAGERS,
  "conversation.work": ["ADMIN", "SUPERVISOR", "AGENT"],
  "conversation.supervise": MANAGERS,
  "customer.read": ["ADMIN", "SUPERVISOR", "AGENT", "QA"],
  "customer.reveal": MANAGERS,
  /** notes and tags on the customers one serves */
  "customer.annotate": ["ADMIN", "SUPERVISOR", "AGENT"],
  /** edit profiles, levels and owners; segments shared with everyone; bulk actions, import, export, merge */
  "customer.manage": MANAGERS,
  /** define custom fields and customer levels */
  "customer.fields": ["ADMIN"],
  /** a customer's data request under PIPL: export everything held, erase; re-encrypt with a new key */
  "customer.privacy": ["ADMIN"],
  "knowledge.read": ALL,
  "home.view": ALL,
  "knowledge.manage": MANAGERS,
  "qa.review": ["ADMIN", "SUPERVISOR", "QA"],
  /** the reviewed side: one's own quality reviews (a supervisor also their teams'), acknowledging and disputing them */
  "qa.feedback": ["ADMIN", "SUPERVISOR", "AGENT"],
  /** scorecards and AutoQA rules */
  "qa.manage": ["ADMIN"],
  /** 数据报表: the managers who judge the operation by its trends */
  "report.view": MANAGERS,
  "integration.manage": ["ADMIN"],
  /** 工单: create tickets, change their status, priority, assignee and due date, link conversations */
  "ticket.work": ["ADMIN", "SUPERVISOR", "AGENT"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
