import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import type { TeamCreateInput, TeamUpdateInput } from "../../contracts/team.ts";

const teamSettingsSelect = {
  id: true,
  name: true,
  description: true,
  autoAssign: true,
  maxQueueLength: true,
  replyTimeoutSeconds: true,
} satisfies Prisma.TeamSelect;

export async function listTeams(db: Db) {
  const teams = await db.team.findMany({
    orderBy: { id: "asc" },
    select: {
      ...teamSettingsSelect,
      createdAt: true,
      _count: { select: { members: true } },
      members: { where: { isLead: true }, select: { user: { select: { id: true, name: true } } } },
    },
  });
  return teams.map(({ _count, members, ...team }) => ({ ...team, memberCount: _count.members, leads: members.map((m) => m.user) }));
}

export async function getTeam(db: Db, id: number) {
  const team = await db.team.findUnique({
    where: { id },
    select: {
      ...teamSettingsSelect,
      members: {
        orderBy: { userId: "asc" },
        select: { isLead: true, user: { select: { id: true, name: true, employeeNo: true, role: true, presence: true, disabledAt: true } } },
      },
    },
  });
  if (!team) throw new AppError("NOT_FOUND", { field: "id" });
  return team;
}

async function assertNameFree(db: Db, name: string, exceptId?: number) {
  if (await db.team.count({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) } })) throw new AppError("TEAM_NAME_TAKEN", { field: "name" });
}

export async function createTeam(db: Db, input: TeamCreateInput) {
  await assertNameFree(db, input.name);
  return db.team.create({ data: input, select: { id: true, name: true } });
}

export async function updateTeam(db: Db, input: TeamUpdateInput) {
  const { id, ...data } = input;
  if (!(await db.team.count({ where: { id } }))) throw new AppError("NOT_FOUND", { field: "id" });
  if (data.name) await assertNameFree(db, data.name, id);
  return db.team.update({ where: { id }, data, select: { id: true, name: true } });
}

export async function setTeamMembers(db: Db, input: { id: number; members: { userId: number; isLead: boolean }[] }) {
  if (!(await db.team.count({ where: { id: input.id } }))) throw new AppError("NOT_FOUND", { field: "id" });
  const byUser = new Map(input.members.map((m) => [m.userId, m.isLead]));
  const found = await db.user.count({ where: { id: { in: [...byUser.keys()] } } });
  if (found !== byUser.size) throw new AppError("NOT_FOUND", { field: "members" });
  await db.$transaction(async (tx) => {
    await tx.teamMember.deleteMany({ where: { teamId: input.id } });
    await tx.teamMember.createMany({ data: [...byUser].map(([userId, isLead]) => ({ teamId: input.id, userId, isLead })) });
  });
  return { id: input.id, memberCount: byUser.size };
}

/** A team with members cannot be deleted: move or remove them first. */
export async function deleteTeam(db: Db, id: number) {
  const team = await db.team.findUnique({ where: { id }, select: { id: true, _count: { select: { members: true } } } });
  if (!team) throw new AppError("NOT_FOUND", { field: "id" });
  if (team._count.members > 0) throw new AppError("TEAM_NOT_EMPTY", { field: "id", params: { members: team._count.members } });
  await db.team.delete({ where: { id } });
  return { id };
}
