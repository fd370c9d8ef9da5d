import { permissionProcedure, router } from "../trpc.ts";
import { homeSummary } from "../services/home/index.ts";

export const homeRouter = router({
  /** the figures of the caller's role for the home page */
  summary: permissionProcedure("home.view").query(({ ctx }) => homeSummary(ctx.db, ctx.session)),
});
