/** The widget's intent menu: what a customer may pick before writing, and recording the pick. */
import type { Db } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import { getSetting } from "../settings/index.ts";

export interface IntentMenuItem {
  id: number;
  name: string;
}

/** The intents offered in the widget, in rule order; empty when the menu is off. */
export async function intentMenu(db: Db): Promise<IntentMenuItem[]> {
  const { intentMenu: enabled } = await getSetting(db, "routing");
  if (!enabled) return [];
  return db.routingRule.findMany({ where: { showInMenu: true }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

/** A menu choice names a rule that is offered in the menu (the menu may have changed since the page loaded). */
export async function assertIntentOffered(db: Db, ruleId: number): Promise<void> {
  const { intentMenu: enabled } = await getSetting(db, "routing");
  if (!enabled || !(await db.routingRule.count({ where: { id: ruleId, showInMenu: true } }))) throw new AppError("NOT_FOUND", { field: "intentId" });
}

/** Records the customer's pick; a later pick replaces it. */
export async function recordIntentChoice(tx: Tx, conversationId: number, ruleId: number, at: Date): Promise<void> {
  await tx.conversationIntent.upsert({
    where: { conversationId },
    create: { conversationId, ruleId, chosenAt: at },
    update: { ruleId, chosenAt: at },
  });
}
