import { z } from "zod";
import { TEAM_DESCRIPTION_MAX, TEAM_NAME_MAX } from "./limits.ts";
import { idSchema } from "./user.ts";

export const teamNameSchema = z.string().trim().min(1).max(TEAM_NAME_MAX);

export const teamCreateInput = z.object({
  name: teamNameSchema,
  description: z.string().trim().max(TEAM_DESCRIPTION_MAX).optional(),
  autoAssign: z.boolean().default(true),
  maxQueueLength: z.number().int().min(1).max(10_000).default(200),
  replyTimeoutSeconds: z.number().int().min(30).max(3_600).default(180),
});

export const teamUpdateInput = z.object({
  id: idSchema,
  name: teamNameSchema.optional(),
  description: z.string().trim().max(TEAM_DESCRIPTION_MAX).nullable().optional(),
  autoAssign: z.boolean().optional(),
  maxQueueLength: z.number().int().min(1).max(10_000).optional(),
  replyTimeoutSeconds: z.number().int().min(30).max(3_600).optional(),
});

export const teamIdInput = z.object({ id: idSchema });

export const teamSetMembersInput = z.object({
  id: idSchema,
  members: z.array(z.object({ userId: idSchema, isLead: z.boolean().default(false) })).max(500),
});

export type TeamCreateInput = z.infer<typeof teamCreateInput>;
export type TeamUpdateInput = z.infer<typeof teamUpdateInput>;
