import { authedProcedure, protectedProcedure, router } from "../trpc.ts";
import { permissionsOf } from "../permissions.ts";
import { changeOwnPassword, getMe, setLocale } from "../services/user/staff.ts";
import { setPresence } from "../services/user/presence.ts";
import { changeOwnPasswordInput, setLocaleInput, setOwnPresenceInput } from "../contracts/user.ts";
import { passkeyIdInput, passkeyRegisterInput, passkeyRegistrationOptionsInput } from "../contracts/sign-in.ts";
import { listPasskeys, passkeyRegistrationOptions, registerPasskey, removePasskey } from "../services/auth/passkeys.ts";

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
  /** the signed-in user's passkeys (个人设置) */
  passkeys: authedProcedure.query(({ ctx }) => listPasskeys(ctx.db, ctx.session.id)),
  /** step one of adding a passkey: the password again, then a challenge for the browser */
  passkeyRegistrationOptions: authedProcedure
    .meta({ auditTarget: "User" })
    .input(passkeyRegistrationOptionsInput)
    .mutation(({ ctx, input }) => passkeyRegistrationOptions(ctx.db, ctx.session.id, input)),
  registerPasskey: authedProcedure
    .meta({ auditTarget: "Authenticator" })
    .input(passkeyRegisterInput)
    .mutation(({ ctx, input }) => registerPasskey(ctx.db, ctx.session.id, input)),
  removePasskey: authedProcedure
    .meta({ auditTarget: "Authenticator" })
    .input(passkeyIdInput)
    .mutation(({ ctx, input }) => removePasskey(ctx.db, ctx.session.id, input)),
});
