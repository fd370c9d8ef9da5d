import { z } from "zod";
import { idSchema } from "./user.ts";

export const jobListInput = z.object({
  status: z.enum(["PENDING", "RUNNING", "SUCCEEDED", "DEAD"]).optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const jobReplayInput = z.object({ id: idSchema });
