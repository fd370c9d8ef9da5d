/** 数据报表 (docs/architecture.md, "Reports"): rollups of the conversation metrics and the report views over them. */
export { reportAgents, type LeaderboardRow, type ReportLeaderboard } from "./leaderboard.ts";
export { figuresOf, type ReportFigures } from "./figures.ts";
export { reportOverview, type ReportChange, type ReportOverview } from "./overview.ts";
export { rebuildRollups, REPORTS_REBUILD_JOB, runRebuildJob, type RebuildOptions, type RebuildResult } from "./rebuild.ts";
export { deriveFactRows, hourBucket, refreshConversationRollup } from "./rollup.ts";
export { reportRollupSubscriber } from "./subscriber.ts";
export { reportTrend, type ReportTrend, type TrendPoint } from "./trend.ts";
