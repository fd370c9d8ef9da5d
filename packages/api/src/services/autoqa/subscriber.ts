/** A conversation that ends (resolved, or abandoned by the customer) is checked by AutoQA, once, in the worker. */
import type { OutboxSubscriber } from "../../domain-events/index.ts";
import { checkEndedConversation } from "./check-conversation.ts";
import { loadEnabledRules } from "./rules.ts";

export const autoQaSubscriber: OutboxSubscriber = {
  name: "autoqa.check",
  delivery: "outbox",
  events: ["conversation.resolved", "conversation.abandoned"],
  handle: async (event, { db }) => {
    if (event.type !== "conversation.resolved" && event.type !== "conversation.abandoned") return;
    await checkEndedConversation(db, event.conversation.id, await loadEnabledRules(db));
  },
};
