/** Each team's overflow rule: the backup team and the thresholds (the conversation side is services/conversation/overflow.ts). */
import type { Db } from "@kefu/db/client";
import { teamOverflowDeleteInput, teamOverflowInput } from "../../contracts/routing.ts";
import { AppError, parseInput } from "../../errors.ts";

export async function setTeamOverflow(db: Db, rawInput: unknown) {
  const input = parseInput(teamOverflowInput, rawInput);
  if (!(await db.team.count({ where: { id: input.teamId } }))) throw new AppError("NOT_FOUND", { field: "teamId" });
  if (!(await db.team.count({ where: { id: input.backupTeamId } }))) throw new AppError("NOT_FOUND", { field: "backupTeamId" });
  const { teamId, ...rule } = input;
  return db.teamOverflow.upsert({
    where: { teamId },
    create: input,
    update: rule,
    select: { teamId: true, backupTeamId: true, waitSeconds: true, queueLength: true },
  });
}

export async function deleteTeamOverflow(db: Db, rawInput: unknown) {
  const { teamId } = parseInput(teamOverflowDeleteInput, rawInput);
  const { count } = await db.teamOverflow.deleteMany({ where: { teamId } });
  if (count === 0) throw new AppError("NOT_FOUND", { field: "teamId" });
  return { teamId };
}
