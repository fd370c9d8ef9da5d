/**
 * Keyset pagination: a list query fetches `limit + 1` rows ordered by id; the extra row only says
 * there is a next page, which starts after the last id returned.
 */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | undefined } {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? items.at(-1)?.id : undefined };
}
