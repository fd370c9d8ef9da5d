import { reportFilterInput, reportTrendInput } from "../contracts/report.ts";
import { reportAgents, reportOverview, reportTrend } from "../services/report/index.ts";
import { permissionProcedure, router } from "../trpc.ts";

const view = permissionProcedure("report.view");

/** 数据报表, served from the rollups (docs/architecture.md, "Reports"). */
export const reportRouter = router({
  /** the period's figures against the previous period of the same length */
  overview: view.input(reportFilterInput).query(({ ctx, input }) => reportOverview(ctx.db, input)),
  /** one figure per hour / day / week / month, with the previous period bucket by bucket */
  trend: view.input(reportTrendInput).query(({ ctx, input }) => reportTrend(ctx.db, input)),
  /** figures per agent and per team */
  agents: view.input(reportFilterInput).query(({ ctx, input }) => reportAgents(ctx.db, input)),
});
