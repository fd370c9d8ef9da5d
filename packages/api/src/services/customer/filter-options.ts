/** What the filter builder offers: tags, teams (owner team), custom fields with their options. */
import type { Db } from "@kefu/db/client";

export async function customerFilterOptions(db: Db) {
  const [tags, teams, fields] = await Promise.all([
    db.tag.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, color: true } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.customField.findMany({
      where: { archivedAt: null },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, key: true, label: true, type: true, options: true },
    }),
  ]);
  return {
    tags,
    teams,
    fields: fields.map((field) => ({ ...field, options: Array.isArray(field.options) ? field.options.flatMap(optionValue) : [] })),
  };
}

/** An option is stored as its text, or as `{ value, label }`. */
function optionValue(option: unknown): string[] {
  if (typeof option === "string") return [option];
  if (option && typeof option === "object" && "value" in option && typeof option.value === "string") return [option.value];
  return [];
}
