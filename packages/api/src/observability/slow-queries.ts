import { onSlowQuery } from "@kefu/db/client";
import { logger } from "../logger.ts";
import { metrics } from "./metrics.ts";

/** Slow statements (SLOW_QUERY_MS) become a warning log line (with the request id in hand) and a counter. */
export function watchSlowQueries() {
  onSlowQuery(({ query, durationMs }) => {
    metrics().slowQueries.inc();
    logger.warn({ durationMs, query }, "slow query");
  });
}
