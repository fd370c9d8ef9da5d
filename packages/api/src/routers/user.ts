import { permissionProcedure, router } from "../trpc.ts";
import {
  createStaff,
  forceLogout,
  getStaff,
  listStaff,
  resetStaffPassword,
  setStaffDisabled,
  staffOverview,
  unlockStaff,
  updateStaff,
} from "../services/user/staff.ts";
import { staffCreateInput, staffIdInput, staffListInput, staffResetPasswordInput, staffSetDisabledInput, staffUpdateInput } from "../contracts/user.ts";

const manage = permissionProcedure("staff.manage").meta({ auditTarget: "User" });

export const userRouter = router({
  list: permissionProcedure("staff.read")
    .input(staffListInput)
    .query(({ ctx, input }) => listStaff(ctx.db, input)),
  overview: permissionProcedure("staff.read").query(({ ctx }) => staffOverview(ctx.db)),
  get: permissionProcedure("staff.read")
    .input(staffIdInput)
    .query(({ ctx, input }) => getStaff(ctx.db, input.id)),
  create: manage.input(staffCreateInput).mutation(({ ctx, input }) => createStaff(ctx.db, input)),
  update: manage.input(staffUpdateInput).mutation(({ ctx, input }) => updateStaff(ctx.db, ctx.session, input)),
  setDisabled: manage.input(staffSetDisabledInput).mutation(({ ctx, input }) => setStaffDisabled(ctx.db, ctx.session, input)),
  resetPassword: manage.input(staffResetPasswordInput).mutation(({ ctx, input }) => resetStaffPassword(ctx.db, input)),
  forceLogout: manage.input(staffIdInput).mutation(({ ctx, input }) => forceLogout(ctx.db, input)),
  unlock: manage.input(staffIdInput).mutation(({ ctx, input }) => unlockStaff(ctx.db, input)),
});
