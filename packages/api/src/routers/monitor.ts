import { permissionProcedure, router } from "../trpc.ts";
import { monitorAgents, monitorHeatmap, monitorOverview, monitorQueue, monitorTeams, presenceTimeline, setAgentPresence } from "../services/monitor/index.ts";
import { monitorQueueInput, monitorTeamScopeInput, presenceTimelineInput, setAgentPresenceInput } from "../contracts/monitor.ts";

const view = permissionProcedure("monitor.view");

export const monitorRouter = router({
  /** today's KPIs and the same hours yesterday */
  overview: view.input(monitorTeamScopeInput).query(({ ctx, input }) => monitorOverview(ctx.db, input ?? {})),
  agents: view.input(monitorTeamScopeInput).query(({ ctx, input }) => monitorAgents(ctx.db, input ?? {})),
  teams: view.query(({ ctx }) => monitorTeams(ctx.db)),
  queue: view.input(monitorQueueInput).query(({ ctx, input }) => monitorQueue(ctx.db, input ?? {})),
  /** conversations created per Beijing hour over the last 7 days */
  heatmap: view.input(monitorTeamScopeInput).query(({ ctx, input }) => monitorHeatmap(ctx.db, input ?? {})),
  presenceTimeline: view.input(presenceTimelineInput).query(({ ctx, input }) => presenceTimeline(ctx.db, input)),
  /** a supervisor sets an agent's presence (routing runs when the agent goes ONLINE) */
  setAgentPresence: permissionProcedure("conversation.supervise")
    .meta({ auditTarget: "User" })
    .input(setAgentPresenceInput)
    .mutation(({ ctx, input }) => setAgentPresence(ctx.db, input)),
});
