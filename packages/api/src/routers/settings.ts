import { permissionProcedure, router } from "../trpc.ts";
import { getSetting, updateSetting } from "../services/settings/index.ts";
import { getBotSettings, updateBotSettings } from "../services/settings/bot.ts";
import { botSettingsInput, securitySettingsInput } from "../contracts/settings.ts";
import { idleSettingsInput } from "../contracts/customer-presence.ts";
import { getIdleSettings, updateIdleSettings } from "../services/settings/idle.ts";

export const settingsRouter = router({
  security: permissionProcedure("settings.manage").query(async ({ ctx }) => ({
    session: await getSetting(ctx.db, "security.session"),
    lockout: await getSetting(ctx.db, "security.lockout"),
  })),
  updateSecurity: permissionProcedure("settings.manage")
    .meta({ auditTarget: "Setting" })
    .input(securitySettingsInput)
    .mutation(async ({ ctx, input }) => ({
      session: await updateSetting(ctx.db, "security.session", input.session, ctx.session.id),
      lockout: await updateSetting(ctx.db, "security.lockout", input.lockout, ctx.session.id),
    })),
  /** the auto-reply strategy and the bot's texts, with their defaults */
  bot: permissionProcedure("settings.manage").query(({ ctx }) => getBotSettings(ctx.db)),
  updateBot: permissionProcedure("settings.manage")
    .meta({ auditTarget: "Setting" })
    .input(botSettingsInput)
    .mutation(({ ctx, input }) => updateBotSettings(ctx.db, input, ctx.session.id)),
  /** 访客无响应提醒 / 自动结束, with their defaults */
  idle: permissionProcedure("settings.manage").query(({ ctx }) => getIdleSettings(ctx.db)),
  updateIdle: permissionProcedure("settings.manage")
    .meta({ auditTarget: "Setting" })
    .input(idleSettingsInput)
    .mutation(({ ctx, input }) => updateIdleSettings(ctx.db, input, ctx.session.id)),
});
