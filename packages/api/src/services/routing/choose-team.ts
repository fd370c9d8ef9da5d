/**
 * Which team a hand-off goes to (docs/architecture.md, "Routing by intent and overflow"), in this order:
 * 1. the conversation's own team (the embed's entry team, 指定客服组);
 * 2. the intent the customer picked in the widget menu;
 * 3. the first rule, in the admins' order, with a keyword in the customer's messages or holding the knowledge
 *    category (or a parent of it) of the bot's best answer;
 * 4. the default team; else none (any team's free agent).
 * Read through the caller's transaction: it runs inside the unit of work that hands the conversation off.
 */
import type { RoutingDecisionBy } from "../../contracts/routing.ts";
import type { JsonObject, Tx } from "../../domain-events/index.ts";
import { getSetting } from "../settings/index.ts";
import { keywordsOf } from "./keywords.ts";

/** the customer's latest messages read for keywords */
const CUSTOMER_TEXT_MESSAGES = 20;

export interface HandoffTeamInput {
  conversationId: number;
  /** the conversation's team now (its entry team) */
  teamId: number | null;
  /** the article the bot found best for the message being handled, even below its answer threshold */
  bestArticleId?: number | null;
}

export interface HandoffTeam {
  teamId: number | null;
  /** why, for the event's `detail.routing` */
  routing: JsonObject & { by: RoutingDecisionBy };
}

interface Rule {
  id: number;
  name: string;
  teamId: number;
  keywords: string[];
  categoryIds: Set<number>;
}

async function loadRules(tx: Tx): Promise<Rule[]> {
  const rows = await tx.routingRule.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, teamId: true, keywords: true, categories: { select: { categoryId: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    teamId: r.teamId,
    keywords: keywordsOf(r.keywords).map((k) => k.toLowerCase()),
    categoryIds: new Set(r.categories.map((c) => c.categoryId)),
  }));
}

/** The knowledge category of the bot's best answer with its parents (nearest first), by name. */
async function answerCategories(tx: Tx, conversationId: number, bestArticleId: number | null | undefined): Promise<{ id: number; name: string }[]> {
  let articleId = bestArticleId ?? null;
  if (articleId === null) {
    const answer = await tx.message.findFirst({
      where: { conversationId, senderType: "BOT", kbArticleId: { not: null } },
      orderBy: { id: "desc" },
      select: { kbArticleId: true },
    });
    articleId = answer?.kbArticleId ?? null;
  }
  if (articleId === null) return [];
  const article = await tx.kbArticle.findUnique({ where: { id: articleId }, select: { categoryId: true } });
  if (!article?.categoryId) return [];
  const all = await tx.kbCategory.findMany({ select: { id: true, name: true, parentId: true } });
  const byId = new Map(all.map((c) => [c.id, c]));
  const chain: { id: number; name: string }[] = [];
  for (
    let category = byId.get(article.categoryId);
    category && chain.length < all.length;
    category = category.parentId ? byId.get(category.parentId) : undefined
  )
    chain.push({ id: category.id, name: category.name });
  return chain;
}

export async function chooseHandoffTeam(tx: Tx, input: HandoffTeamInput): Promise<HandoffTeam> {
  if (input.teamId !== null) return { teamId: input.teamId, routing: { by: "entry" } };

  const choice = await tx.conversationIntent.findUnique({
    where: { conversationId: input.conversationId },
    select: { rule: { select: { id: true, name: true, teamId: true } } },
  });
  if (choice) return { teamId: choice.rule.teamId, routing: { by: "menu", ruleId: choice.rule.id, ruleName: choice.rule.name } };

  const rules = await loadRules(tx);
  if (rules.length > 0) {
    const messages = await tx.message.findMany({
      where: { conversationId: input.conversationId, senderType: "CUSTOMER", kind: "TEXT" },
      orderBy: { id: "desc" },
      take: CUSTOMER_TEXT_MESSAGES,
      select: { body: true },
    });
    const text = messages.map((m) => m.body.toLowerCase()).join("\n");
    const categories = await answerCategories(tx, input.conversationId, input.bestArticleId);
    for (const rule of rules) {
      const keyword = rule.keywords.find((k) => text.includes(k));
      if (keyword) return { teamId: rule.teamId, routing: { by: "keyword", ruleId: rule.id, ruleName: rule.name, keyword } };
      const category = categories.find((c) => rule.categoryIds.has(c.id));
      if (category) return { teamId: rule.teamId, routing: { by: "category", ruleId: rule.id, ruleName: rule.name, categoryName: category.name } };
    }
  }

  const { defaultTeamId } = await getSetting(tx, "routing");
  if (defaultTeamId !== null && (await tx.team.count({ where: { id: defaultTeamId } }))) return { teamId: defaultTeamId, routing: { by: "default" } };
  return { teamId: null, routing: { by: "none" } };
}
