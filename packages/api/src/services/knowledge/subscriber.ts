/** The bot's answers count as uses of the article they quote (added up in the process, written in batches). */
import type { AfterCommitSubscriber } from "../../domain-events/index.ts";
import { countArticleUse } from "./usage.ts";

export const knowledgeUsageSubscriber: AfterCommitSubscriber = {
  name: "knowledge.usage",
  delivery: "after-commit",
  events: ["message.created"],
  handle: (events, { db }) => {
    for (const event of events)
      if (event.type === "message.created" && event.message.senderType === "BOT" && event.message.kbArticleId !== null)
        countArticleUse(db, event.message.kbArticleId, "botAnswer");
    return Promise.resolve();
  },
};
