import type { Permission } from "@kefu/api/permissions";

export interface NavItem {
  href: string;
  /** key under `nav` in the message catalogue */
  label:
    | "home"
    | "monitor"
    | "reports"
    | "workspace"
    | "cannedReplies"
    | "customers"
    | "tickets"
    | "knowledge"
    | "staff"
    | "teams"
    | "routing"
    | "autoQa"
    | "qaReviews"
    | "myReviews"
    | "audit"
    | "security"
    | "jobs"
    | "integrations"
    | "settings"
    | "account";
  permission?: Permission;
}

/** Only built areas appear; each shows only to roles whose permissions allow it. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "home" },
  { href: "/monitor", label: "monitor", permission: "monitor.view" },
  { href: "/reports", label: "reports", permission: "report.view" },
  { href: "/workspace", label: "workspace", permission: "conversation.work" },
  { href: "/canned-replies", label: "cannedReplies", permission: "conversation.work" },
  { href: "/customers", label: "customers", permission: "customer.read" },
  { href: "/tickets", label: "tickets", permission: "ticket.work" },
  { href: "/knowledge", label: "knowledge", permission: "knowledge.manage" },
  { href: "/staff", label: "staff", permission: "staff.read" },
  { href: "/teams", label: "teams", permission: "team.read" },
  { href: "/routing", label: "routing", permission: "team.read" },
  { href: "/qa/reviews", label: "qaReviews", permission: "qa.review" },
  { href: "/qa/my-reviews", label: "myReviews", permission: "qa.feedback" },
  { href: "/qa/rules", label: "autoQa", permission: "qa.review" },
  { href: "/audit", label: "audit", permission: "audit.read" },
  { href: "/security", label: "security", permission: "security.alerts" },
  { href: "/jobs", label: "jobs", permission: "jobs.manage" },
  { href: "/integrations", label: "integrations", permission: "integration.manage" },
  { href: "/settings", label: "settings", permission: "settings.manage" },
  { href: "/account", label: "account" },
];
