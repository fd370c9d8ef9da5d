/**
 * Rules a value can break beyond its type and its bounds, written once. A schema gives the rule's text as its zod
 * message (plain English, what an API client reads); the server's field errors name the rule (`rule`), so the
 * console words it in the reader's language from the catalogue (`validation.rules.<rule>`).
 */
export const RULE_TEXTS = {
  employeeNoChars: "letters, digits, - and _ only",
  mainlandMobile: "a mainland mobile number, 11 digits starting with 1",
  notBlank: "must not be blank",
  timeOfDay: "HH:MM",
  endTimeOfDay: "HH:MM, 24:00 at the latest",
  passwordsMatch: "must repeat the new password",
  digitsOnly: "digits only",
  smsCode: "the 6-digit code from the SMS",
  crmFieldName: "letters, digits, _ . - only",
} as const;

export type RuleName = keyof typeof RULE_TEXTS;

const RULE_BY_TEXT = new Map<string, RuleName>(Object.entries(RULE_TEXTS).map(([name, text]) => [text, name as RuleName]));

/**
 * The rule a zod issue broke: the `rule` a refinement put in its params, one of `RULE_TEXTS` by its message, the string format zod checked (email, url …), or
 * `required` for a missing value.
 */
export function ruleOfIssue(issue: { code: string; message: string; format?: string; params?: Record<string, unknown> }): string | undefined {
  if (typeof issue.params?.rule === "string") return issue.params.rule;
  const named = RULE_BY_TEXT.get(issue.message);
  if (named) return named;
  if (issue.code === "invalid_format" && issue.format && issue.format !== "regex") return issue.format;
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return "required";
  return undefined;
}

/** One invalid field of a refused input: its dotted path, zod's issue code and bound, and the rule it broke. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
  /** what was checked: string, number, array, … (zod's `origin`), so a bound reads as characters, a value or items */
  origin?: string;
  /** the named rule (`contracts/rules.ts`) or string format (email …) the value broke */
  rule?: string;
  /** the values the rule's text needs (a refinement's params: `{ min, max }` of a range) */
  params?: Record<string, string | number>;
  minimum?: number;
  maximum?: number;
}

export interface IssueLike {
  path: PropertyKey[];
  code: string;
  message: string;
  origin?: string;
  format?: string;
  params?: Record<string, unknown>;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** A zod issue as the API reports it to the browser (and as the console's forms report their own). */
export function toFieldIssue(issue: IssueLike): FieldIssue {
  const rule = ruleOfIssue(issue);
  const params = Object.fromEntries(
    Object.entries(issue.params ?? {}).filter(
      (entry): entry is [string, string | number] => entry[0] !== "rule" && ["string", "number"].includes(typeof entry[1]),
    ),
  );
  return {
    path: issue.path.map(String).join(".") || "input",
    code: issue.code,
    message: issue.message,
    ...(issue.origin ? { origin: issue.origin } : {}),
    ...(rule ? { rule } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    ...(issue.minimum !== undefined ? { minimum: Number(issue.minimum) } : {}),
    ...(issue.maximum !== undefined ? { maximum: Number(issue.maximum) } : {}),
  };
}
