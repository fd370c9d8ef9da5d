"use client";

import { useTranslations } from "next-intl";

type Value = string | number | boolean | string[] | null | undefined;
interface Change {
  field: string;
  label?: string;
  before?: Value;
  after?: Value;
}

/** A CustomerEvent row in words: who did what, with before → after for edits (protected fields arrive masked). */
export function CustomerEventText({ type, detail, actor }: { type: string; detail: unknown; actor: string | null }) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const who = actor ?? t("event.system");
  const d = (detail ?? {}) as { tag?: string; changes?: Change[] };
  const show = (value: Value) =>
    value === null || value === undefined || value === ""
      ? t("event.empty")
      : Array.isArray(value)
        ? value.join("、")
        : typeof value === "boolean"
          ? value
            ? tc("yes")
            : tc("no")
          : String(value);
  const known = ["profile_updated", "field_updated", "tag_added", "tag_removed", "merged", "merge_undone", "imported", "erased"];
  if (!known.includes(type)) return <span>{t("event.other", { who, type })}</span>;
  return (
    <span>
      {t(`event.${type}` as "event.other", { who, tag: d.tag ?? "", type })}
      {d.changes?.length ? (
        <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
          {d.changes.map((change) => (
            <li key={change.field}>
              {change.label ?? (t.has(`fields.${change.field}`) ? t(`fields.${change.field}` as "fields.name") : change.field)}：{show(change.before)} →{" "}
              {show(change.after)}
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
