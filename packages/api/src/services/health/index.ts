// Reachability of the database and the realtime server (`/api/health`, the admin's home page).
export { checkHealth, type HealthReport } from "./check.ts";
