/** The routing rules admins keep (the 分配规则 page): intents mapped to teams, in the order they are tried. */
import type { Db, Prisma } from "@kefu/db/client";
import {
  ROUTING_ISSUES,
  ROUTING_RULES_MAX,
  routingRuleCreateInput,
  routingRuleReorderInput,
  routingRuleUpdateInput,
  routingSettingsInput,
  type RoutingRuleCreateInput,
  type RoutingSettingsInput,
} from "../../contracts/routing.ts";
import { AppError, parseInput } from "../../errors.ts";
import { getSetting, updateSetting } from "../settings/index.ts";
import { keywordsOf } from "./keywords.ts";

const ruleSelect = {
  id: true,
  name: true,
  position: true,
  keywords: true,
  showInMenu: true,
  team: { select: { id: true, name: true } },
  categories: { orderBy: { categoryId: "asc" }, select: { category: { select: { id: true, name: true } } } },
} satisfies Prisma.RoutingRuleSelect;

/** Everything the routing page shows: the rules in order, the default team and menu switch, the overflow rules, and what can be picked. */
export async function routingOverview(db: Db) {
  const [rules, settings, overflows, teams, categories] = await Promise.all([
    db.routingRule.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: ruleSelect }),
    getSetting(db, "routing"),
    db.teamOverflow.findMany({
      orderBy: { teamId: "asc" },
      select: {
        teamId: true,
        backupTeamId: true,
        waitSeconds: true,
        queueLength: true,
        team: { select: { name: true } },
        backupTeam: { select: { name: true } },
      },
    }),
    db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, autoAssign: true } }),
    db.kbCategory.findMany({ orderBy: [{ parentId: "asc" }, { sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, parentId: true } }),
  ]);
  return {
    rules: rules.map(({ categories: links, keywords, ...rule }) => ({
      ...rule,
      keywords: keywordsOf(keywords),
      categories: links.map((link) => link.category),
    })),
    settings: { defaultTeamId: settings.defaultTeamId, intentMenu: settings.intentMenu },
    overflows: overflows.map(({ team, backupTeam, ...rule }) => ({ ...rule, teamName: team.name, backupTeamName: backupTeam.name })),
    teams,
    categories,
  };
}

async function assertTeam(db: Db | Prisma.TransactionClient, teamId: number, field: string) {
  if (!(await db.team.count({ where: { id: teamId } }))) throw new AppError("NOT_FOUND", { field });
}

async function assertCategories(db: Db | Prisma.TransactionClient, categoryIds: readonly number[]) {
  if (categoryIds.length === 0) return;
  const found = await db.kbCategory.findMany({ where: { id: { in: [...categoryIds] } }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const missing = categoryIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw new AppError("NOT_FOUND", { field: `categoryIds.${missing}` });
}

function ruleData(input: RoutingRuleCreateInput) {
  return {
    name: input.name,
    teamId: input.teamId,
    keywords: input.keywords,
    showInMenu: input.showInMenu,
  };
}

/** A new rule goes last: the rules above it keep their precedence. */
export async function createRoutingRule(db: Db, rawInput: unknown) {
  const input = parseInput(routingRuleCreateInput, rawInput);
  await assertTeam(db, input.teamId, "teamId");
  await assertCategories(db, input.categoryIds);
  return db.$transaction(async (tx) => {
    // serialises concurrent creations so positions stay distinct
    const existing = await tx.$queryRaw<{ position: number }[]>`SELECT position FROM \`RoutingRule\` ORDER BY position DESC FOR UPDATE`;
    if (existing.length >= ROUTING_RULES_MAX)
      throw new AppError("INVALID_INPUT", { field: "name", params: { rule: "too_many_rules", max: ROUTING_RULES_MAX } });
    const position = existing.length ? Number(existing[0]!.position) + 1 : 1;
    return tx.routingRule.create({
      data: { ...ruleData(input), position, categories: { create: input.categoryIds.map((categoryId) => ({ categoryId })) } },
      select: { id: true, name: true, position: true },
    });
  });
}

export async function updateRoutingRule(db: Db, rawInput: unknown) {
  const { id, ...input } = parseInput(routingRuleUpdateInput, rawInput);
  if (!(await db.routingRule.count({ where: { id } }))) throw new AppError("NOT_FOUND", { field: "id" });
  await assertTeam(db, input.teamId, "teamId");
  await assertCategories(db, input.categoryIds);
  return db.$transaction(async (tx) => {
    await tx.routingRuleCategory.deleteMany({ where: { ruleId: id } });
    return tx.routingRule.update({
      where: { id },
      data: { ...ruleData(input), categories: { create: input.categoryIds.map((categoryId) => ({ categoryId })) } },
      select: { id: true, name: true, position: true },
    });
  });
}

/** Deleting a rule also forgets the menu choices made with it: those conversations fall back to the other rules. */
export async function deleteRoutingRule(db: Db, id: number) {
  const { count } = await db.routingRule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", { field: "id" });
  return { id };
}

/** Puts the rules in the given order; the list must name every rule once. */
export async function reorderRoutingRules(db: Db, rawInput: unknown) {
  const { ids } = parseInput(routingRuleReorderInput, rawInput);
  return db.$transaction(async (tx) => {
    const rules = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM \`RoutingRule\` FOR UPDATE`;
    const known = new Set(rules.map((r) => Number(r.id)));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id)))
      throw new AppError("INVALID_INPUT", { field: "ids", params: { rule: ROUTING_ISSUES.notEveryRule } });
    for (const [index, id] of ids.entries()) await tx.routingRule.update({ where: { id }, data: { position: index + 1 } });
    return { ids };
  });
}

export async function updateRoutingSettings(db: Db, actorId: number, rawInput: unknown) {
  const input: RoutingSettingsInput = parseInput(routingSettingsInput, rawInput);
  if (input.defaultTeamId !== null) await assertTeam(db, input.defaultTeamId, "defaultTeamId");
  const current = await getSetting(db, "routing");
  const saved = await updateSetting(db, "routing", { ...current, defaultTeamId: input.defaultTeamId, intentMenu: input.intentMenu }, actorId);
  return { defaultTeamId: saved.defaultTeamId, intentMenu: saved.intentMenu };
}
