import type { Prisma } from "@kefu/db/client";

/** A rule's stored keywords (a JSON array of strings); anything else reads as none. */
export function keywordsOf(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string" && k.trim().length > 0) : [];
}
