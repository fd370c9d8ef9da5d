import { z } from "zod";
import { idSchema } from "./user.ts";

export const alertMetricSchema = z.enum(["QUEUE_LENGTH", "LONGEST_WAIT_SECONDS", "AGENTS_ONLINE_BELOW", "CSAT_TODAY_BELOW"]);
export type AlertMetricName = z.infer<typeof alertMetricSchema>;

/** What a threshold may be for each metric: counts and seconds are whole numbers, CSAT a percentage. */
export const THRESHOLD_BOUNDS: Record<AlertMetricName, { min: number; max: number; integer: boolean }> = {
  QUEUE_LENGTH: { min: 0, max: 10_000, integer: true },
  LONGEST_WAIT_SECONDS: { min: 1, max: 86_400, integer: true },
  AGENTS_ONLINE_BELOW: { min: 1, max: 10_000, integer: true },
  CSAT_TODAY_BELOW: { min: 0.1, max: 100, integer: false },
};

/** The issue for a threshold outside its metric's bounds, or null. */
export function thresholdIssue(metric: AlertMetricName, threshold: number): string | null {
  const bounds = THRESHOLD_BOUNDS[metric];
  if (bounds.integer && !Number.isInteger(threshold)) return "must be a whole number";
  if (threshold < bounds.min || threshold > bounds.max) return `must be between ${bounds.min} and ${bounds.max}`;
  return null;
}

const thresholdSchema = z.number().finite().min(0).max(100_000);

function checkThreshold(value: { metric: AlertMetricName; threshold: number }, ctx: z.RefinementCtx) {
  const issue = thresholdIssue(value.metric, value.threshold);
  if (!issue) return;
  const { min, max, integer } = THRESHOLD_BOUNDS[value.metric];
  const params = integer && !Number.isInteger(value.threshold) ? { rule: "wholeNumber" } : { rule: "between", min, max };
  ctx.addIssue({ code: "custom", path: ["threshold"], message: issue, params });
}

export const alertRuleCreateInput = z
  .object({
    metric: alertMetricSchema,
    threshold: thresholdSchema,
    teamId: idSchema.nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine(checkThreshold);

/** A metric and a threshold together, e.g. a rule's after a partial update. */
export const alertThresholdInput = z.object({ metric: alertMetricSchema, threshold: thresholdSchema }).superRefine(checkThreshold);

/** Partial update; a new threshold is checked against the rule's metric (new or current) by the service. */
export const alertRuleUpdateInput = z.object({
  id: idSchema,
  metric: alertMetricSchema.optional(),
  threshold: thresholdSchema.optional(),
  teamId: idSchema.nullable().optional(),
  enabled: z.boolean().optional(),
});

export const alertRuleIdInput = z.object({ id: idSchema });

export const alertEventListInput = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(30),
  ruleId: idSchema.optional(),
  openOnly: z.boolean().default(false),
});

export const alertEventIdInput = z.object({ id: idSchema });

export type AlertRuleCreateInput = z.infer<typeof alertRuleCreateInput>;
export type AlertRuleUpdateInput = z.infer<typeof alertRuleUpdateInput>;
export type AlertEventListInput = z.infer<typeof alertEventListInput>;
