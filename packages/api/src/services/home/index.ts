// Each role's home page: the figures that role needs at a glance.
export { homeSummary, type AgentHome, type HomeSummary, type OperationHome, type QualityHome, type SystemHome } from "./summary.ts";
