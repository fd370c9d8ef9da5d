/** Alert rules are evaluated right after the changes that move their metrics (queue length, waits, CSAT, staffing). */
import { isConversationChange, type AfterCommitSubscriber } from "../../domain-events/index.ts";
import { CONVERSATION_CHANGES, touchesQueue } from "../../realtime/subscribers.ts";
import { requestAlertEvaluation } from "./evaluate.ts";

export const alertEvaluationSubscriber: AfterCommitSubscriber = {
  name: "alerts.evaluate",
  delivery: "after-commit",
  events: [...CONVERSATION_CHANGES, "presence.changed"],
  handle: (events, { db }) => {
    if (events.some((event) => event.type === "presence.changed" || (isConversationChange(event) && (touchesQueue(event) || event.kind === "CSAT"))))
      requestAlertEvaluation(db);
    return Promise.resolve();
  },
};
