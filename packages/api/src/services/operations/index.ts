// Operations: the scrape-time gauges of /api/metrics (docs/architecture.md, "Observability").
export { readDatabaseSnapshot, registerOperationalGauges, type OperationalGaugeOptions } from "./gauges.ts";
