/**
 * Seeding: the demo data set, scale data for benchmarks, and wiping data.
 * The CLI is src/cli/seed.ts (`pnpm db:seed`).
 */
export { DEFAULT_ALERT_RULES } from "./alert-rules.ts";
export { isSeeded, resetData } from "./database.ts";
export { DEMO_DEFAULTS, seedDemo, type DemoOptions } from "./demo.ts";
export { MAX_SCALE, seedScale, type ScaleOptions } from "./scale.ts";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./staff.ts";
export { formatSummary, type SeedSummary } from "./summary.ts";
export { CANNED_REPLIES, type CannedReplyDefinition } from "./canned-replies.ts";
