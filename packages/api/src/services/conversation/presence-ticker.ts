/** The worker's clock for customers who leave and for idle conversations (every CUSTOMER_PRESENCE_SWEEP_SECONDS). */
import type { Db } from "@kefu/db/client";
import { CUSTOMER_PRESENCE_SWEEP_SECONDS } from "../../contracts/customer-presence.ts";
import { logger } from "../../logger.ts";
import { sweepCustomerPresence } from "./customer-presence.ts";
import { sweepIdleConversations } from "./idle-close.ts";

export function startCustomerPresenceTicker(db: Db, intervalMs = CUSTOMER_PRESENCE_SWEEP_SECONDS * 1000): { stop: () => void } {
  let running = false;
  const timer = setInterval(() => {
    // a slow sweep is not overlapped by the next one
    if (running) return;
    running = true;
    void (async () => {
      try {
        const presence = await sweepCustomerPresence(db);
        const idle = await sweepIdleConversations(db);
        const counts = {
          abandoned: presence.abandoned.length,
          gone: presence.gone.length,
          returned: presence.returned.length,
          reminded: idle.reminded.length,
          ended: idle.ended.length,
        };
        if (Object.values(counts).some((n) => n > 0)) logger.info(counts, "customer presence sweep");
      } catch (error) {
        logger.warn({ err: error }, "customer presence sweep failed");
      } finally {
        running = false;
      }
    })();
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
