/**
 * 快捷回复: the input of the management screen, the variables a reply may hold, and the two things the
 * composer does with replies in the browser (search after "/", fill the variables at insert time).
 */
import { z } from "zod";
import { CANNED_BODY_MAX, CANNED_CATEGORY_MAX, CANNED_QUERY_MAX, CANNED_SHORTCUT_MAX, CANNED_TITLE_MAX } from "./limits.ts";

const idSchema = z.number().int().positive();

/** Whose set a reply belongs to: the actor's own, one team's, or everyone's (shared). */
export const cannedScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("personal") }),
  z.object({ kind: z.literal("team"), teamId: idSchema }),
  z.object({ kind: z.literal("shared") }),
]);
export type CannedScope = z.infer<typeof cannedScopeSchema>;

/** The variables a reply may hold, written `{{customer.name}}`; anything else in double braces is refused. */
export const CANNED_VARIABLES = ["customer.name", "agent.name", "team.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
const VARIABLE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables written in a body that are not among CANNED_VARIABLES. */
export function unknownCannedVariables(body: string): string[] {
  return [...body.matchAll(VARIABLE_PATTERN)].map((m) => m[1]!).filter((name) => !(CANNED_VARIABLES as readonly string[]).includes(name));
}

const textField = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => value.length > 0, "must not be blank");

/** letters, digits, Chinese characters, _ and -: what can follow "/" without a space */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .min(1)
  .max(CANNED_SHORTCUT_MAX)
  .regex(/^[\p{L}\p{N}_-]+$/u, "letters, digits, _ or - only, no spaces");

const cannedFields = {
  title: textField(CANNED_TITLE_MAX),
  shortcut: cannedShortcutSchema,
  category: z.string().trim().max(CANNED_CATEGORY_MAX).default(""),
  body: textField(CANNED_BODY_MAX).refine((body) => unknownCannedVariables(body).length === 0, {
    message: `unknown variable; allowed: ${CANNED_VARIABLES.map((v) => `{{${v}}}`).join(", ")}`,
  }),
};

export const cannedReplyCreateInput = z.object({ scope: cannedScopeSchema, ...cannedFields });
export const cannedReplyUpdateInput = z.object({
  id: idSchema,
  title: cannedFields.title.optional(),
  shortcut: cannedFields.shortcut.optional(),
  category: z.string().trim().max(CANNED_CATEGORY_MAX).optional(),
  body: cannedFields.body.optional(),
});
export const cannedReplyIdInput = z.object({ id: idSchema });
export const cannedReplyMoveInput = z.object({ id: idSchema, direction: z.enum(["up", "down"]) });
export const cannedReplyListInput = z.object({ scope: cannedScopeSchema });
export const cannedQuerySchema = z.string().max(CANNED_QUERY_MAX);

export type CannedReplyCreateInput = z.input<typeof cannedReplyCreateInput>;
export type CannedReplyUpdateInput = z.input<typeof cannedReplyUpdateInput>;

export interface CannedReplyText {
  shortcut: string;
  title: string;
  body: string;
  category: string;
}

/**
 * The replies matching what follows "/": all of them for an empty query; otherwise those whose shortcut, title,
 * category or body contains the query (case-insensitive, so 退 finds 退款时效 and 退货流程). Shortcut matches come
 * first (those starting with the query before the others), then title, then category and body; the given order
 * (the replies' own order) decides within each.
 */
export function matchCannedReplies<R extends CannedReplyText>(replies: readonly R[], query: string): R[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...replies];
  const rank = (r: R): number => {
    const shortcut = r.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    if (r.title.toLowerCase().includes(q)) return 2;
    if (r.category.toLowerCase().includes(q) || r.body.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return replies
    .map((reply, index) => ({ reply, index, rank: rank(reply) }))
    .filter((m) => m.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.reply);
}

/** Fills `{{customer.name}}` and the other variables; a value that is not known is left empty rather than shown as braces. */
export function renderCannedReply(body: string, values: Partial<Record<CannedVariable, string | null | undefined>>): string {
  return body.replace(VARIABLE_PATTERN, (_whole, name: string) => values[name as CannedVariable] ?? "");
}
