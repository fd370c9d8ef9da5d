import { customerConditionSchema, type CustomerAudienceInput, type CustomerCondition, type CustomerFilter } from "@kefu/api/contracts/customer";

/** A condition row of the builder: what is being typed, which may not be a valid condition yet. */
export type DraftCondition = { key: number } & Record<string, unknown> & { kind: string };

export interface Draft {
  match: "all" | "any";
  conditions: DraftCondition[];
}

let nextKey = 0;
export const withKey = (condition: Record<string, unknown> & { kind: string }): DraftCondition => ({ ...condition, key: ++nextKey });

/** The rows that are complete conditions; the others are shown as unfinished and left out of the query. */
export function validConditions(draft: Draft): CustomerCondition[] {
  return draft.conditions.flatMap(({ key: _key, ...row }) => {
    const parsed = customerConditionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export function isComplete(row: DraftCondition): boolean {
  const { key: _key, ...condition } = row;
  return customerConditionSchema.safeParse(condition).success;
}

/** The builder's conditions and the search box as one filter (the search is always required). */
export function filterOf(draft: Draft, search: string, groups: CustomerFilter["conditions"] = []): CustomerFilter {
  const conditions = [...groups, ...validConditions(draft)];
  const query = search.trim();
  if (!query) return { match: draft.match, conditions };
  const searchCondition: CustomerCondition = { kind: "search", value: query };
  if (draft.match === "all" || conditions.length === 0) return { match: "all", conditions: [...conditions, searchCondition] };
  const flat = conditions.flatMap((c) => (c.kind === "group" ? [] : [c]));
  return { match: "all", conditions: [{ kind: "group", match: "any", conditions: flat }, searchCondition] };
}

/** The audience of the view: the segment itself while it is shown unchanged, else the filter on screen. */
export function audienceOf(filter: CustomerFilter, segmentId: number | null): CustomerAudienceInput {
  return segmentId ? { kind: "segment", segmentId } : { kind: "filter", filter };
}

/** A segment's saved filter as builder rows; groups (saved through the API) are kept aside and applied as they are. */
export function draftOf(filter: CustomerFilter): { draft: Draft; groups: CustomerFilter["conditions"] } {
  const groups = filter.conditions.filter((c) => c.kind === "group");
  const rows = filter.conditions.flatMap((c) => (c.kind === "group" ? [] : [withKey(c as Record<string, unknown> & { kind: string })]));
  return { draft: { match: filter.match, conditions: rows }, groups };
}
