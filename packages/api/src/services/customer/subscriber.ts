/**
 * Tells colleagues they were @mentioned in a customer note, on their own realtime channel (the console shows a
 * toast with a link to the customer). Best effort: the mention stays on the note and in the timeline regardless.
 */
import { channels, realtimeEvents } from "../../contracts/realtime.ts";
import type { AfterCommitSubscriber } from "../../domain-events/index.ts";
import { publishAll, type Publication } from "../../realtime/publish.ts";

export const customerMentionSubscriber: AfterCommitSubscriber = {
  name: "realtime.customerMentions",
  delivery: "after-commit",
  events: ["customer.note_mentioned"],
  async handle(events, { db }) {
    const publications: Publication[] = [];
    for (const event of events) {
      if (event.type !== "customer.note_mentioned") continue;
      const author = await db.user.findUnique({ where: { id: event.authorId }, select: { name: true } });
      for (const userId of event.mentionedUserIds) {
        if (userId === event.authorId) continue;
        publications.push({
          channel: channels.agent(userId),
          event: realtimeEvents.customerMentioned,
          data: { noteId: event.noteId, customerId: event.customerId, authorName: author?.name ?? "" },
        });
      }
    }
    await publishAll(publications);
  },
};
