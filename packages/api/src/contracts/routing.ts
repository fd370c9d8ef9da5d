/**
 * Routing by intent and overflow (docs/architecture.md, "Routing by intent and overflow"): the rules admins keep,
 * the default team, the widget's intent menu and each team's overflow rule.
 */
import { z } from "zod";
import { idSchema } from "./user.ts";

/** the intent's name, shown to customers as a menu choice (退款退货, 发票) */
export const ROUTING_RULE_NAME_MAX = 32;
export const ROUTING_KEYWORD_MAX = 32;
export const ROUTING_KEYWORDS_MAX = 50;
export const ROUTING_CATEGORIES_MAX = 30;
/** rules in all: each hand-off reads them all */
export const ROUTING_RULES_MAX = 100;
/** an overflow wait threshold: ten seconds to a day */
export const OVERFLOW_WAIT_MIN = 10;
export const OVERFLOW_WAIT_MAX = 24 * 3600;
export const OVERFLOW_QUEUE_MAX = 10_000;

/** Messages of the cross-field issues: stable keys the console translates next to the field. */
export const ROUTING_ISSUES = {
  duplicateKeyword: "duplicate_keyword",
  duplicateCategory: "duplicate_category",
  neverMatches: "never_matches",
  sameTeam: "same_team",
  thresholdRequired: "threshold_required",
  notEveryRule: "not_every_rule",
} as const;

const ruleFields = z.object({
  name: z.string().trim().min(1).max(ROUTING_RULE_NAME_MAX),
  teamId: idSchema,
  keywords: z.array(z.string().trim().min(1).max(ROUTING_KEYWORD_MAX)).max(ROUTING_KEYWORDS_MAX),
  categoryIds: z.array(idSchema).max(ROUTING_CATEGORIES_MAX),
  /** offered in the widget's menu when the menu is on */
  showInMenu: z.boolean(),
});

type RuleFields = z.infer<typeof ruleFields>;

function checkRule(value: RuleFields, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  value.keywords.forEach((keyword, index) => {
    const key = keyword.trim().toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["keywords", index], message: ROUTING_ISSUES.duplicateKeyword });
    seen.add(key);
  });
  const categories = new Set<number>();
  value.categoryIds.forEach((id, index) => {
    if (categories.has(id)) ctx.addIssue({ code: "custom", path: ["categoryIds", index], message: ROUTING_ISSUES.duplicateCategory });
    categories.add(id);
  });
  if (value.keywords.length === 0 && value.categoryIds.length === 0 && !value.showInMenu)
    ctx.addIssue({ code: "custom", path: ["keywords"], message: ROUTING_ISSUES.neverMatches });
}

export const routingRuleCreateInput = ruleFields.superRefine(checkRule);
export const routingRuleUpdateInput = ruleFields.extend({ id: idSchema }).superRefine(checkRule);
export const routingRuleIdInput = z.object({ id: idSchema });
/** every rule's id, in the new order */
export const routingRuleReorderInput = z.object({ ids: z.array(idSchema).min(1).max(ROUTING_RULES_MAX) });

/** The rest of the routing page: where unmatched conversations go and whether the widget offers the menu. */
export const routingSettingsInput = z.object({
  /** null: a conversation nothing matched goes to any team's free agent */
  defaultTeamId: idSchema.nullable(),
  intentMenu: z.boolean(),
});

export const teamOverflowInput = z
  .object({
    teamId: idSchema,
    backupTeamId: idSchema,
    waitSeconds: z.number().int().min(OVERFLOW_WAIT_MIN).max(OVERFLOW_WAIT_MAX).nullable(),
    queueLength: z.number().int().min(1).max(OVERFLOW_QUEUE_MAX).nullable(),
  })
  .superRefine((value, ctx) => {
    if (value.backupTeamId === value.teamId) ctx.addIssue({ code: "custom", path: ["backupTeamId"], message: ROUTING_ISSUES.sameTeam });
    if (value.waitSeconds === null && value.queueLength === null)
      ctx.addIssue({ code: "custom", path: ["waitSeconds"], message: ROUTING_ISSUES.thresholdRequired });
  });
export const teamOverflowDeleteInput = z.object({ teamId: idSchema });

export type RoutingRuleCreateInput = z.infer<typeof routingRuleCreateInput>;
export type RoutingRuleUpdateInput = z.infer<typeof routingRuleUpdateInput>;
export type RoutingSettingsInput = z.infer<typeof routingSettingsInput>;
export type TeamOverflowInput = z.infer<typeof teamOverflowInput>;

/** Why a hand-off went to its team, as recorded in the BOT_HANDOFF / QUEUED event's `detail.routing`. */
export const ROUTING_DECISIONS = ["entry", "caller", "menu", "keyword", "category", "default", "none"] as const;
export type RoutingDecisionBy = (typeof ROUTING_DECISIONS)[number];
export interface RoutingDecision {
  by: RoutingDecisionBy;
  ruleId?: number;
  ruleName?: string;
  keyword?: string;
  categoryName?: string;
}
