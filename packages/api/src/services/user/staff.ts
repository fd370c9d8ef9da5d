/**
 * Staff management: the directory, accounts, roles, teams, capacity, passwords and sessions.
 * Any change that should end a user's sessions bumps `sessionVersion`.
 */
import type { Db, Prisma, Role } from "@kefu/db/client";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { protectPhone } from "@kefu/db/crypto";
import { hashPassword, verifyPassword } from "@kefu/db/password";
import { AppError } from "../../errors.ts";
import { PASSWORD_MIN } from "../../contracts/limits.ts";
import type { StaffCreateInput, StaffListInput, StaffUpdateInput } from "../../contracts/user.ts";
import { assertAcceptablePassword } from "../auth/index.ts";
import { recordPresenceChange } from "./presence.ts";
import { keysetPage } from "../pagination.ts";

export interface Actor {
  id: number;
  role: Role;
}

const staffSummarySelect = {
  id: true,
  employeeNo: true,
  name: true,
  email: true,
  phoneLast4: true,
  role: true,
  presence: true,
  maxConcurrent: true,
  disabledAt: true,
  lockedUntil: true,
  lastSeenAt: true,
  lastLoginAt: true,
  createdAt: true,
  teams: { select: { isLead: true, team: { select: { id: true, name: true } } } },
} satisfies Prisma.UserSelect;

export async function listStaff(db: Db, input: StaffListInput) {
  const now = new Date();
  const where: Prisma.UserWhereInput = {
    ...(input.cursor ? { id: { gt: input.cursor } } : {}),
    ...(input.role ? { role: input.role } : {}),
    ...(input.teamId ? { teams: { some: { teamId: input.teamId } } } : {}),
    ...(input.status === "active" ? { disabledAt: null } : {}),
    ...(input.status === "disabled" ? { disabledAt: { not: null } } : {}),
    ...(input.status === "locked" ? { lockedUntil: { gt: now } } : {}),
    ...(input.search
      ? { OR: [{ name: { contains: input.search } }, { employeeNo: { startsWith: input.search } }, { email: { startsWith: input.search.toLowerCase() } }] }
      : {}),
  };
  const rows = await db.user.findMany({ where, orderBy: { id: "asc" }, take: input.limit + 1, select: staffSummarySelect });
  return keysetPage(rows, input.limit);
}

export async function getStaff(db: Db, id: number) {
  const user = await db.user.findUnique({ where: { id }, select: staffSummarySelect });
  if (!user) throw new AppError("NOT_FOUND", { field: "id" });
  return user;
}

async function assertTeamsExist(db: Db, teamIds: number[]) {
  if (teamIds.length === 0) return;
  const unique = [...new Set(teamIds)];
  const found = await db.team.count({ where: { id: { in: unique } } });
  if (found !== unique.length) throw new AppError("NOT_FOUND", { field: "teamIds" });
}

async function assertUniqueIdentity(db: Db, fields: { employeeNo?: string; email?: string; phoneHash?: string | null }, exceptId?: number) {
  const not = exceptId ? { id: { not: exceptId } } : {};
  if (fields.employeeNo && (await db.user.count({ where: { employeeNo: fields.employeeNo, ...not } })))
    throw new AppError("EMPLOYEE_NO_TAKEN", { field: "employeeNo" });
  if (fields.email && (await db.user.count({ where: { email: fields.email, ...not } }))) throw new AppError("EMAIL_TAKEN", { field: "email" });
  if (fields.phoneHash && (await db.user.count({ where: { phoneHash: fields.phoneHash, ...not } }))) throw new AppError("PHONE_TAKEN", { field: "phone" });
}

export async function createStaff(db: Db, input: StaffCreateInput) {
  assertAcceptablePassword(input.password);
  const phone = input.phone ? protectPhone(fieldKeysFromEnv(), input.phone) : null;
  await assertUniqueIdentity(db, { employeeNo: input.employeeNo, email: input.email, phoneHash: phone?.phoneHash });
  await assertTeamsExist(db, input.teamIds);
  const passwordHash = await hashPassword(input.password);
  return db.user.create({
    data: {
      employeeNo: input.employeeNo,
      name: input.name,
      email: input.email,
      ...(phone ?? {}),
      role: input.role,
      maxConcurrent: input.maxConcurrent,
      passwordHash,
      passwordChangedAt: new Date(),
      mustChangePassword: true,
      teams: { create: [...new Set(input.teamIds)].map((teamId) => ({ teamId })) },
    },
    select: staffSummarySelect,
  });
}

async function activeAdminCount(db: Db | Prisma.TransactionClient, exceptId: number) {
  return db.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: exceptId } } });
}

export async function updateStaff(db: Db, actor: Actor, input: StaffUpdateInput) {
  const existing = await db.user.findUnique({ where: { id: input.id }, select: { id: true, role: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  const roleChanges = input.role !== undefined && input.role !== existing.role;
  if (roleChanges && existing.id === actor.id) throw new AppError("CANNOT_CHANGE_SELF", { field: "role" });
  if (roleChanges && existing.role === "ADMIN" && (await activeAdminCount(db, existing.id)) === 0) throw new AppError("LAST_ADMIN", { field: "role" });
  const phone = input.phone
    ? protectPhone(fieldKeysFromEnv(), input.phone)
    : input.phone === null
      ? { phoneHash: null, phoneEnc: null, phoneLast4: null }
      : undefined;
  await assertUniqueIdentity(db, { email: input.email, phoneHash: phone?.phoneHash }, existing.id);
  if (input.teamIds) await assertTeamsExist(db, input.teamIds);
  return db.$transaction(async (tx) => {
    if (input.teamIds) {
      const teamIds = [...new Set(input.teamIds)];
      await tx.teamMember.deleteMany({ where: { userId: existing.id, teamId: { notIn: teamIds } } });
      await tx.teamMember.createMany({ data: teamIds.map((teamId) => ({ teamId, userId: existing.id })), skipDuplicates: true });
    }
    return tx.user.update({
      where: { id: existing.id },
      data: {
        name: input.name,
        email: input.email,
        ...(phone ?? {}),
        role: input.role,
        maxConcurrent: input.maxConcurrent,
        // a new role must take effect at once: end the sessions that carry the old one
        ...(roleChanges ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: staffSummarySelect,
    });
  });
}

export async function setStaffDisabled(db: Db, actor: Actor, input: { id: number; disabled: boolean }) {
  const existing = await db.user.findUnique({ where: { id: input.id }, select: { id: true, role: true, disabledAt: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  if (existing.id === actor.id) throw new AppError("CANNOT_CHANGE_SELF", { field: "id" });
  if (input.disabled && existing.role === "ADMIN" && (await activeAdminCount(db, existing.id)) === 0) throw new AppError("LAST_ADMIN", { field: "id" });
  const user = await db.user.update({
    where: { id: existing.id },
    data: input.disabled
      ? { disabledAt: existing.disabledAt ?? new Date(), sessionVersion: { increment: 1 }, presence: "OFFLINE" }
      : { disabledAt: null, failedLogins: 0, lockedUntil: null },
    select: staffSummarySelect,
  });
  if (input.disabled) await recordPresenceChange(db, existing.id, "OFFLINE");
  return user;
}

/** An admin sets a temporary password; the user must change it at next sign-in. Unlocks the account too. */
export async function resetStaffPassword(db: Db, input: { id: number; password: string }) {
  assertAcceptablePassword(input.password);
  const existing = await db.user.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  const passwordHash = await hashPassword(input.password);
  await db.user.update({
    where: { id: existing.id },
    data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true, failedLogins: 0, lockedUntil: null, sessionVersion: { increment: 1 } },
  });
  return { id: existing.id };
}

export async function forceLogout(db: Db, input: { id: number }) {
  const existing = await db.user.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  await db.user.update({ where: { id: existing.id }, data: { sessionVersion: { increment: 1 }, presence: "OFFLINE" } });
  await recordPresenceChange(db, existing.id, "OFFLINE");
  return { id: existing.id };
}

export async function unlockStaff(db: Db, input: { id: number }) {
  const existing = await db.user.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", { field: "id" });
  await db.user.update({ where: { id: existing.id }, data: { lockedUntil: null, failedLogins: 0 } });
  return { id: existing.id };
}

/** Changing one's own password keeps this session (the caller re-issues it) but ends all others. */
export async function changeOwnPassword(db: Db, userId: number, input: { currentPassword: string; newPassword: string }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError("WRONG_CURRENT_PASSWORD", { field: "currentPassword" });
  assertAcceptablePassword(input.newPassword, "newPassword");
  if (input.currentPassword === input.newPassword) throw new AppError("WEAK_PASSWORD", { field: "newPassword", params: { min: PASSWORD_MIN } });
  const updated = await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date(), mustChangePassword: false, sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return { sessionVersion: updated.sessionVersion };
}

export async function getMe(db: Db, userId: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { ...staffSummarySelect, mustChangePassword: true, passwordChangedAt: true, locale: true },
  });
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

export async function setLocale(db: Db, userId: number, locale: "zh-CN" | "en") {
  await db.user.update({ where: { id: userId }, data: { locale } });
  return { locale };
}

/** Head counts for the home page of managers. */
export async function staffOverview(db: Db) {
  const now = new Date();
  const [total, online, locked, byPresence] = await Promise.all([
    db.user.count({ where: { disabledAt: null } }),
    db.user.count({ where: { disabledAt: null, presence: { in: ["ONLINE", "BUSY"] } } }),
    db.user.count({ where: { lockedUntil: { gt: now } } }),
    db.user.groupBy({ by: ["presence"], where: { disabledAt: null, role: "AGENT" }, _count: { _all: true } }),
  ]);
  return {
    total,
    online,
    locked,
    agentsByPresence: Object.fromEntries(byPresence.map((g) => [g.presence, g._count._all])) as Partial<Record<"ONLINE" | "BUSY" | "AWAY" | "OFFLINE", number>>,
  };
}
