import type { z } from "zod";

/**
 * Validates a process's configuration once. A missing or malformed variable ends the process
 * with one line naming it, rather than failing later somewhere deep.
 */
export function readEnv<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join(".") || "environment";
  throw new EnvError(`Invalid environment variable ${name}: ${issue.message}`);
}

export class EnvError extends Error {
  override name = "EnvError";
}
