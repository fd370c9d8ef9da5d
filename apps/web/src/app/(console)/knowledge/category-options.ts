import type { RouterOutputs } from "@kefu/api/client";

export type Category = RouterOutputs["knowledge"]["listCategories"][number];

/** Categories in tree order (each parent followed by its sub-categories), with their depth for indenting. */
export function categoryOptions(categories: readonly Category[]): { id: number; name: string; depth: number }[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<number | null, Category[]>();
  for (const category of categories) {
    // a parent that no longer exists makes its children top-level
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const out: { id: number; name: string; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const category of children.get(parent) ?? []) {
      if (seen.has(category.id)) continue;
      seen.add(category.id);
      out.push({ id: category.id, name: category.name, depth });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** An option label indented by depth (native selects cannot be styled per option). */
export function indentedName(option: { name: string; depth: number }): string {
  return `${"\u3000".repeat(option.depth)}${option.name}`;
}
