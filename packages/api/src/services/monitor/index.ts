// The live monitor (managers): KPIs, boards, queue, heatmap, presence timeline and supervisor actions.
export { monitorAgents, type MonitorAgent } from "./agents.ts";
export { monitorHeatmap } from "./heatmap.ts";
export { assertTeamExists, monitorOverview, type MonitorOverview } from "./overview.ts";
export { setAgentPresence } from "./presence.ts";
export { maskCustomerName, monitorQueue } from "./queue.ts";
export { monitorTeams, type MonitorTeam } from "./teams.ts";
export { presenceTimeline, type AgentPresenceDay } from "./timeline.ts";
