import type { FieldIssue } from "@kefu/api/contracts/rules";

/** The part of next-intl's translator the wording needs (a root translator: keys are full paths). */
export interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * The rule an invalid field broke, in the reader's language: "最多 200 个字", "请输入 11 位中国大陆手机号，以 1 开头".
 * A named rule (`contracts/rules.ts`) has its own text; a bound reads as characters, a value or items by what was
 * checked.
 */
export function ruleText(t: Translate, issue: FieldIssue): string {
  if (issue.rule && t.has(`fieldRules.${issue.rule}`)) return t(`fieldRules.${issue.rule}`, issue.params);
  const origin = issue.origin ?? "string";
  if (issue.code === "too_big" && issue.maximum !== undefined) {
    if (origin === "string") return t("fieldRules.tooLong", { maximum: issue.maximum });
    if (origin === "array" || origin === "set") return t("fieldRules.tooManyItems", { maximum: issue.maximum });
    return t("fieldRules.tooLarge", { maximum: issue.maximum });
  }
  if (issue.code === "too_small" && issue.minimum !== undefined) {
    if (origin === "string") return issue.minimum <= 1 ? t("fieldRules.required") : t("fieldRules.tooShort", { minimum: issue.minimum });
    if (origin === "array" || origin === "set") return t("fieldRules.tooFewItems", { minimum: issue.minimum });
    return t("fieldRules.tooSmall", { minimum: issue.minimum });
  }
  if (issue.code === "invalid_type" && /expected int\b/.test(issue.message)) return t("fieldRules.integer");
  if (issue.code === "invalid_type" && /expected number\b/.test(issue.message)) return t("fieldRules.number");
  if (issue.code === "invalid_value") return t("fieldRules.choice");
  if (issue.code === "invalid_format") return t("fieldRules.format");
  return t("fieldRules.value");
}

/** The field's label ("标题"), by its innermost named path segment, when the catalogue has one. */
export function fieldLabel(t: Translate, path: string): string | null {
  const name = path
    .split(".")
    .filter((part) => !/^\d+$/.test(part))
    .at(-1);
  return name && t.has(`fieldLabels.${name}`) ? t(`fieldLabels.${name}`) : null;
}

/** The rule with the field it is about, for a message shown away from the field (a toast): "标题：最多 200 个字". */
export function issueSentence(t: Translate, issue: FieldIssue): string {
  const rule = ruleText(t, issue);
  const field = fieldLabel(t, issue.path);
  return field ? t("fieldRules.withField", { field, rule }) : rule;
}

/**
 * The invalid field of an INVALID_INPUT error that carries no schema issues: a service's `parseInput` names the field
 * and puts the rule and its bounds in `params` (`rule`, `min`, `max`, `origin`, `named`).
 */
export function issueOfParams(field: string, params: Record<string, unknown> = {}): FieldIssue {
  const text = (key: string) => (typeof params[key] === "string" ? params[key] : undefined);
  const count = (key: string) => (typeof params[key] === "number" ? params[key] : undefined);
  return {
    path: field,
    code: text("rule") ?? "custom",
    message: "",
    origin: text("origin"),
    rule: text("named"),
    minimum: count("min"),
    maximum: count("max"),
  };
}
