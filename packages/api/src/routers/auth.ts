import { authedProcedure, protectedProcedure, router } from "../trpc.ts";
import { permissionsOf } from "../permissions.ts";
import { changeOwnPassword, getMe, setLocale } from "../services/user/staff.ts";
import { setPresence } from "../services/user/presence.ts";
import { changeOwnPasswordInput, setLocaleInput, setOwnPresenceInput } from "../contracts/user.ts";

export const authRouter = router({
  me: protectedProcedure.query(async ({ ctx }) => ({ ...(await getMe(ctx.db, ctx.session.id)), permissions: permissionsOf(ctx.session.role) })),
  changePassword: authedProcedure
    .meta({ auditTarget: "User" })
    .input(changeOwnPasswordInput)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.session.id, input)),
  setPresence: authedProcedure
    .meta({ auditTarget: "User" })
    .input(setOwnPresenceInput)
    .mutation(({ ctx, input }) => setPresence(ctx.db, ctx.session.id, input.presence)),
  setLocale: authedProcedure
    .meta({ auditTarget: "User" })
    .input(setLocaleInput)
    .mutation(({ ctx, input }) => setLocale(ctx.db, ctx.session.id, input.locale)),
});
