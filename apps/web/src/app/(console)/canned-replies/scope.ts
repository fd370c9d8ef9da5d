import type { CannedScope } from "@kefu/api/contracts/canned-reply";

/** A set as the page's selector holds it: "personal", "shared" or "team:<id>". */
export type ScopeKey = "personal" | "shared" | `team:${number}`;

export function scopeFromKey(key: ScopeKey): CannedScope {
  if (key === "personal" || key === "shared") return { kind: key };
  return { kind: "team", teamId: Number(key.slice(5)) };
}
