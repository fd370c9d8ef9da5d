import { z } from "zod";
import { AUDIT_ACTION_FILTER_MAX } from "./limits.ts";
import { idSchema } from "./user.ts";

/**
 * Audit actions written by services rather than by the audit middleware (whose action is the procedure's path):
 * the audit log page has a label for each.
 */
export const SERVICE_AUDIT_ACTIONS = { signIn: "auth.signIn", accountLocked: "auth.accountLocked", customerExportRevealed: "customer.revealExport" } as const;

const MAX_RANGE_MS = 366 * 24 * 3_600_000;

export const auditListInput = z
  .object({
    cursor: idSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    action: z.string().trim().max(AUDIT_ACTION_FILTER_MAX).optional(),
    actorId: idSchema.optional(),
    result: z.enum(["SUCCESS", "FAILURE", "DENIED"]).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
  })
  .refine((v) => !v.from || !v.to || (v.to >= v.from && v.to.getTime() - v.from.getTime() <= MAX_RANGE_MS), {
    message: "must be after from and at most 366 days later",
    path: ["to"],
  });

export const listAlertsInput = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  unacknowledgedOnly: z.boolean().default(false),
});

export const acknowledgeAlertInput = z.object({ id: idSchema });

/** the SMS outbox on the security page (docs/architecture.md "Sign-in methods") */
export const smsOutboxInput = z.object({ limit: z.number().int().min(1).max(100).default(20) });
