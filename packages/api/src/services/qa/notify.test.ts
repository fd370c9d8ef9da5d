/** The agent is told live when a review is submitted to them and when their dispute is settled; the reviewer when disputed. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { channels } from "../../contracts/realtime.ts";
import { publish } from "../../realtime/pusher.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation } from "../conversation/test-fixtures.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});
beforeEach(() => {
  vi.mocked(publish).mockClear();
});

const notices = () => vi.mocked(publish).mock.calls.filter(([, event]) => event === "qa.review");

describe("review notices", () => {
  it("publishes on the agent's channel on submit and settle, on the reviewer's on dispute; not for calibration", async () => {
    const agent = await makeAgent(h.db);
    const inspector = h.users.QA;
    const scorecard = await h.db.scorecard.create({
      data: { name: "通知测试", criteria: { create: [{ name: "服务态度", minScore: 0, maxScore: 5, weight: 1 }] } },
      select: { id: true, criteria: { select: { id: true } } },
    });
    const criterionId = scorecard.criteria[0]!.id;
    const conversation = await makeConversation(h.db, { status: "RESOLVED", assigneeId: agent.id });
    const qa = h.callerFor(inspector);
    const { id } = await qa.qa.startReview({ conversationId: conversation.id, scorecardId: scorecard.id });
    await qa.qa.submitReview({ id, scores: [{ criterionId, score: 3 }] });
    expect(notices()).toEqual([[channels.agent(agent.id), "qa.review", { reviewId: id, change: "submitted", actorName: inspector.name }]]);

    vi.mocked(publish).mockClear();
    const { disputeId } = await h.callerFor(agent).qa.disputeReview({ id, reason: "申诉", proposedScores: [{ criterionId, score: 5 }] });
    expect(notices()).toEqual([[channels.agent(inspector.id), "qa.review", { reviewId: id, change: "disputed", actorName: agent.name }]]);

    vi.mocked(publish).mockClear();
    await qa.qa.resolveDispute({ disputeId, outcome: "ACCEPT" });
    expect(notices()).toEqual([[channels.agent(agent.id), "qa.review", { reviewId: id, change: "resolved", actorName: inspector.name }]]);

    vi.mocked(publish).mockClear();
    const calibrator = h.callerFor(await h.createUser("QA"));
    const calibration = await calibrator.qa.startReview({ conversationId: conversation.id, scorecardId: scorecard.id, isCalibration: true });
    await calibrator.qa.submitReview({ id: calibration.id, scores: [{ criterionId, score: 1 }] });
    expect(notices()).toEqual([]);
  });
});
