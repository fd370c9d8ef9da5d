import { z } from "zod";

export const securitySettingsInput = z.object({
  session: z.object({
    idleMinutes: z.number().int().min(5).max(24 * 60),
    absoluteHours: z.number().int().min(1).max(24 * 30),
  }),
  lockout: z.object({
    maxFailures: z.number().int().min(3).max(20),
    windowMinutes: z.number().int().min(1).max(24 * 60),
    lockMinutes: z.number().int().min(1).max(24 * 60),
  }),
});
