/** The AutoQA rules admins keep: listed, edited (type fixed), switched on and off. */
import type { Db } from "@kefu/db/client";
import { autoQaConfigSchemas, autoQaRuleUpdateInput } from "../../contracts/autoqa.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { logger } from "../../logger.ts";
import type { Actor } from "../conversation/index.ts";
import type { RunnableRule } from "./engine.ts";

export function listAutoQaRules(db: Db) {
  return db.autoQaRule.findMany({
    orderBy: { id: "asc" },
    select: { id: true, key: true, type: true, name: true, severity: true, points: true, config: true, enabled: true, updatedAt: true },
  });
}

export async function updateAutoQaRule(db: Db, _actor: Actor, raw: unknown) {
  const input = parseInput(autoQaRuleUpdateInput, raw);
  return runUnitOfWork(db, async (uow) => {
    const rule = await uow.tx.autoQaRule.findUnique({ where: { id: input.id }, select: { type: true } });
    if (!rule) throw new AppError("NOT_FOUND", { field: "id" });
    // a rule keeps its type: its flags so far mean what the type says
    if (rule.type !== input.type) throw new AppError("INVALID_INPUT", { field: "type", params: { rule: "unchanged" } });
    return uow.tx.autoQaRule.update({
      where: { id: input.id },
      data: { name: input.name, severity: input.severity, points: input.points, enabled: input.enabled, config: input.config },
      select: { id: true, key: true, type: true, name: true, severity: true, points: true, config: true, enabled: true, updatedAt: true },
    });
  });
}

/** The enabled rules with their settings checked; a row whose settings no longer parse is left out and logged. */
export async function loadEnabledRules(db: Db): Promise<RunnableRule[]> {
  const rows = await db.autoQaRule.findMany({
    where: { enabled: true },
    orderBy: { id: "asc" },
    select: { key: true, type: true, severity: true, config: true },
  });
  return rows.flatMap((row): RunnableRule[] => {
    const parsed = autoQaConfigSchemas[row.type].safeParse(row.config);
    if (!parsed.success) {
      logger.error({ rule: row.key, issues: parsed.error.issues }, "autoqa: a rule's settings do not parse; it is skipped");
      return [];
    }
    return [{ key: row.key, type: row.type, severity: row.severity, config: parsed.data }];
  });
}
