/**
 * Tells the agent live that a review was submitted to them or their dispute settled, and the reviewer that their
 * review was disputed, on each one's own channel (the console shows a toast with a link). Best effort: the review
 * and its list are there regardless.
 */
import { channels, realtimeEvents } from "../../contracts/realtime.ts";
import type { AfterCommitSubscriber } from "../../domain-events/index.ts";
import { publishAll, type Publication } from "../../realtime/publish.ts";

const CHANGES = { "qa.review_submitted": "submitted", "qa.review_disputed": "disputed", "qa.dispute_resolved": "resolved" } as const;

export const qaReviewNotifySubscriber: AfterCommitSubscriber = {
  name: "realtime.qaReviews",
  delivery: "after-commit",
  events: ["qa.review_submitted", "qa.review_disputed", "qa.dispute_resolved"],
  async handle(events, { db }) {
    const publications: Publication[] = [];
    for (const event of events) {
      if (event.type !== "qa.review_submitted" && event.type !== "qa.review_disputed" && event.type !== "qa.dispute_resolved") continue;
      const actor = await db.user.findUnique({ where: { id: event.actorId }, select: { name: true } });
      const to = event.type === "qa.review_disputed" ? event.reviewerId : event.agentId;
      if (to === event.actorId) continue;
      publications.push({
        channel: channels.agent(to),
        event: realtimeEvents.qaReviewChanged,
        data: { reviewId: event.reviewId, change: CHANGES[event.type], actorName: actor?.name ?? "" },
      });
    }
    await publishAll(publications);
  },
};
