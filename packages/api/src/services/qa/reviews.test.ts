/**
 * Reviewing an ended conversation, the agent's side and disputes, against the real database through the `qa`
 * procedures (docs/architecture.md, "Quality reviews").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeTeam } from "../conversation/test-fixtures.ts";
import type { SessionUser } from "../auth/sign-in.ts";

let h: Harness;
let agent: SessionUser;
let otherAgent: SessionUser;
let supervisor: SessionUser;
let inspector: SessionUser;
let secondInspector: SessionUser;
let criteria: { attitude: number; accuracy: number; business: number; redLine: number };
let teamId: number;

beforeAll(async () => {
  h = await createHarness();
  const team = await makeTeam(h.db);
  teamId = team.id;
  agent = await makeAgent(h.db, { teamIds: [team.id] });
  otherAgent = await makeAgent(h.db);
  supervisor = await makeAgent(h.db, { teamIds: [team.id], role: "SUPERVISOR" });
  inspector = h.users.QA;
  secondInspector = await h.createUser("QA");
  // any scorecard left by other tests is not active; ours is the newest active one
  await h.db.scorecard.updateMany({ data: { active: false } });
  const scorecard = await h.db.scorecard.create({
    data: {
      name: "测试评分卡",
      criteria: {
        create: [
          { name: "服务态度", groupName: "服务态度", minScore: 1, maxScore: 5, weight: 2, sortOrder: 0 },
          { name: "问题解决", groupName: "准确性", minScore: 0, maxScore: 10, weight: 3, sortOrder: 1 },
          { name: "业务准确", groupName: "准确性", minScore: 0, maxScore: 5, weight: 5, naAllowed: true, sortOrder: 2 },
          { name: "服务红线", groupName: "流程规范", minScore: 0, maxScore: 1, weight: 1, critical: true, sortOrder: 3 },
        ],
      },
    },
    select: { criteria: { orderBy: { sortOrder: "asc" }, select: { id: true } } },
  });
  const [attitude, accuracy, business, redLine] = scorecard.criteria.map((c) => c.id) as [number, number, number, number];
  criteria = { attitude, accuracy, business, redLine };
});

afterAll(async () => {
  await h.database.drop();
});

async function endedConversation(assigneeId = agent.id) {
  const conversation = await makeConversation(h.db, { status: "RESOLVED", assigneeId, teamId });
  const lines = [
    { senderType: "CUSTOMER" as const, kind: "TEXT" as const, body: "我的快递三天没动了" },
    { senderType: "AGENT" as const, kind: "TEXT" as const, body: "你自己看物流页面吧", senderId: assigneeId },
    { senderType: "AGENT" as const, kind: "NOTE" as const, body: "客户情绪激动", senderId: assigneeId },
  ];
  const ids: number[] = [];
  for (const line of lines) ids.push((await h.db.message.create({ data: { conversationId: conversation.id, ...line }, select: { id: true } })).id);
  return { id: conversation.id, customerLine: ids[0]!, agentLine: ids[1]!, note: ids[2]! };
}

const fullScores = () => [
  { criterionId: criteria.attitude, score: 4, comment: "语气尚可" },
  { criterionId: criteria.accuracy, score: 6 },
  { criterionId: criteria.business, score: null },
  { criterionId: criteria.redLine, score: 1 },
];
// (75×2 + 60×3 + 100×1) ÷ 6 = 430 ÷ 6
const FULL_TOTAL = 430 / 6;

async function submittedReview() {
  const conversation = await endedConversation();
  const qa = h.callerFor(inspector);
  const { id } = await qa.qa.startReview({ conversationId: conversation.id });
  await qa.qa.submitReview({ id, scores: fullScores(), advice: "多用安抚话术" });
  return { id, conversation };
}

describe("starting a review", () => {
  it("starts a draft for the conversation's agent, and gives the same inspector their own draft back", async () => {
    const conversation = await endedConversation();
    const qa = h.callerFor(inspector);
    const started = await qa.qa.startReview({ conversationId: conversation.id });
    expect(started.created).toBe(true);
    const row = await h.db.qaReview.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ agentId: agent.id, reviewerId: inspector.id, status: "DRAFT", total: null, isCalibration: false });
    expect(await qa.qa.startReview({ conversationId: conversation.id })).toEqual({ id: started.id, created: false });
  });

  it("refuses a second inspector and says who reviews it; a calibration review may sit beside it", async () => {
    const conversation = await endedConversation();
    await h.callerFor(inspector).qa.startReview({ conversationId: conversation.id });
    const second = h.callerFor(secondInspector);
    const refused = await outcome(() => second.qa.startReview({ conversationId: conversation.id }));
    expect(refused).toMatchObject({ code: "CONFLICT", appCode: "QA_ALREADY_REVIEWED", field: "conversationId" });
    const error = await second.qa.startReview({ conversationId: conversation.id }).catch((e: { cause?: { params?: unknown } }) => e.cause?.params);
    expect(error).toEqual({ reviewer: inspector.name });
    const calibration = await second.qa.startReview({ conversationId: conversation.id, isCalibration: true });
    expect(calibration.created).toBe(true);
    expect(await h.db.qaReview.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("refuses conversations that have not ended or no agent handled, and unknown ones", async () => {
    const qa = h.callerFor(inspector);
    const open = await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id });
    const botOnly = await makeConversation(h.db, { status: "RESOLVED", assigneeId: null });
    expect(await outcome(() => qa.qa.startReview({ conversationId: open.id }))).toMatchObject({ appCode: "QA_NOT_REVIEWABLE", field: "conversationId" });
    expect(await outcome(() => qa.qa.startReview({ conversationId: botOnly.id }))).toMatchObject({ appCode: "QA_NOT_REVIEWABLE" });
    expect(await outcome(() => qa.qa.startReview({ conversationId: 999_999 }))).toMatchObject({ code: "NOT_FOUND", field: "conversationId" });
    expect(await outcome(() => qa.qa.startReview({ conversationId: "x" } as never))).toMatchObject({ code: "BAD_REQUEST", field: "conversationId" });
    expect(await h.db.qaReview.count({ where: { conversationId: { in: [open.id, botOnly.id] } } })).toBe(0);
  });
});

describe("scoring and submitting", () => {
  it("saves a partial draft, then submits with the score the metric defines", async () => {
    const conversation = await endedConversation();
    const qa = h.callerFor(inspector);
    const { id } = await qa.qa.startReview({ conversationId: conversation.id });
    const draft = await qa.qa.saveReviewDraft({ id, scores: [{ criterionId: criteria.attitude, score: 2 }], advice: "草稿" });
    expect(draft).toMatchObject({ status: "DRAFT", total: null });
    expect(await h.db.qaReviewScore.count({ where: { reviewId: id } })).toBe(1);

    const submitted = await qa.qa.submitReview({ id, scores: fullScores(), advice: "多用安抚话术" });
    expect(submitted.status).toBe("SUBMITTED");
    expect(submitted.total).toBeCloseTo(FULL_TOTAL, 12);
    const scores = await h.db.qaReviewScore.findMany({ where: { reviewId: id }, orderBy: { criterionId: "asc" } });
    expect(scores.map((s) => [s.criterionId, s.score, s.comment])).toEqual([
      [criteria.attitude, 4, "语气尚可"],
      [criteria.accuracy, 6, null],
      [criteria.business, null, null],
      [criteria.redLine, 1, null],
    ]);
    expect((await h.db.qaReview.findUniqueOrThrow({ where: { id } })).comment).toBe("多用安抚话术");
    // submitted: no more edits
    expect(await outcome(() => qa.qa.saveReviewDraft({ id, scores: [] }))).toMatchObject({ appCode: "QA_REVIEW_STATE", field: "id" });
  });

  it("zeroes the review when the critical criterion fails", async () => {
    const conversation = await endedConversation();
    const qa = h.callerFor(inspector);
    const { id } = await qa.qa.startReview({ conversationId: conversation.id });
    const scores = fullScores().map((s) => (s.criterionId === criteria.redLine ? { ...s, score: 0 } : s));
    expect((await qa.qa.submitReview({ id, scores })).total).toBe(0);
  });

  it("names the criterion a submission is missing or gets wrong, and writes nothing", async () => {
    const conversation = await endedConversation();
    const qa = h.callerFor(inspector);
    const { id } = await qa.qa.startReview({ conversationId: conversation.id });
    const without = fullScores().filter((s) => s.criterionId !== criteria.accuracy);
    expect(await outcome(() => qa.qa.submitReview({ id, scores: without }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "QA_SCORE_REQUIRED",
      field: `criterion.${criteria.accuracy}`,
    });
    const tooHigh = fullScores().map((s) => (s.criterionId === criteria.attitude ? { ...s, score: 6 } : s));
    expect(await outcome(() => qa.qa.submitReview({ id, scores: tooHigh }))).toMatchObject({
      appCode: "QA_SCORE_OUT_OF_RANGE",
      field: `criterion.${criteria.attitude}`,
    });
    const tooLow = fullScores().map((s) => (s.criterionId === criteria.attitude ? { ...s, score: 0 } : s));
    expect(await outcome(() => qa.qa.saveReviewDraft({ id, scores: tooLow }))).toMatchObject({ appCode: "QA_SCORE_OUT_OF_RANGE" });
    const naNotAllowed = fullScores().map((s) => (s.criterionId === criteria.accuracy ? { ...s, score: null } : s));
    expect(await outcome(() => qa.qa.submitReview({ id, scores: naNotAllowed }))).toMatchObject({
      appCode: "QA_NA_NOT_ALLOWED",
      field: `criterion.${criteria.accuracy}`,
    });
    expect(await outcome(() => qa.qa.submitReview({ id, scores: [...fullScores(), { criterionId: 999_999, score: 1 }] }))).toMatchObject({
      code: "NOT_FOUND",
      field: "criterion.999999",
    });
    expect(await outcome(() => qa.qa.submitReview({ id, scores: fullScores(), advice: "长".repeat(2_001) }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "advice",
    });
    expect(await outcome(() => qa.qa.submitReview({ id, scores: [{ criterionId: criteria.attitude, score: 1.5 }] }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "scores.0.score",
    });
    const row = await h.db.qaReview.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "DRAFT", total: null });
    expect(await h.db.qaReviewScore.count({ where: { reviewId: id } })).toBe(0);
  });

  it("lets only the reviewer edit their draft", async () => {
    const conversation = await endedConversation();
    const { id } = await h.callerFor(inspector).qa.startReview({ conversationId: conversation.id });
    expect(await outcome(() => h.callerFor(secondInspector).qa.saveReviewDraft({ id, scores: [] }))).toMatchObject({ code: "FORBIDDEN", field: "id" });
    expect(await outcome(() => h.callerFor(secondInspector).qa.getReview({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("highlights a message of the conversation with a comment, and removes it", async () => {
    const conversation = await endedConversation();
    const qa = h.callerFor(inspector);
    const { id } = await qa.qa.startReview({ conversationId: conversation.id });
    await qa.qa.highlightMessage({ reviewId: id, messageId: conversation.agentLine, comment: "推诿" });
    await qa.qa.highlightMessage({ reviewId: id, messageId: conversation.agentLine, comment: "推诿客户，应主动查询" });
    const other = await endedConversation();
    expect(await outcome(() => qa.qa.highlightMessage({ reviewId: id, messageId: other.agentLine, comment: "x" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "messageId",
    });
    expect(await outcome(() => qa.qa.highlightMessage({ reviewId: id, messageId: conversation.agentLine, comment: "  " }))).toMatchObject({ field: "comment" });
    const detail = await qa.qa.getReview({ id });
    expect(detail.highlights).toEqual([expect.objectContaining({ messageId: conversation.agentLine, comment: "推诿客户，应主动查询" })]);
    // the transcript has everything, internal notes included
    expect(detail.conversation.messages.map((m) => m.id)).toEqual([conversation.customerLine, conversation.agentLine, conversation.note]);
    expect(detail.criteria.map((c) => c.groupName)).toEqual(["服务态度", "准确性", "准确性", "流程规范"]);
    await qa.qa.removeHighlight({ reviewId: id, messageId: conversation.agentLine });
    expect(await h.db.qaReviewHighlight.count({ where: { reviewId: id } })).toBe(0);
  });
});

describe("lists", () => {
  it("puts the caller's drafts first and filters by status, agent and reviewer", async () => {
    const { id: submittedId } = await submittedReview();
    const conversation = await endedConversation(otherAgent.id);
    const { id: draftId } = await h.callerFor(inspector).qa.startReview({ conversationId: conversation.id });
    const mine = await h.callerFor(inspector).qa.listReviews({});
    expect(mine.drafts.map((r) => r.id)).toContain(draftId);
    expect(mine.items.map((r) => r.id)).toContain(submittedId);
    expect(mine.items.every((r) => r.status !== "DRAFT")).toBe(true);
    // someone else's draft is nowhere in another inspector's list
    const theirs = await h.callerFor(secondInspector).qa.listReviews({});
    expect([...theirs.drafts, ...theirs.items].map((r) => r.id)).not.toContain(draftId);
    const byAgent = await h.callerFor(inspector).qa.listReviews({ agentId: otherAgent.id });
    expect(byAgent.items.every((r) => r.agent.id === otherAgent.id)).toBe(true);
    expect(byAgent.drafts.map((r) => r.id)).toEqual([draftId]);
    const submittedOnly = await h.callerFor(inspector).qa.listReviews({ status: "SUBMITTED", reviewerId: inspector.id });
    expect(submittedOnly.drafts).toEqual([]);
    expect(submittedOnly.items.every((r) => r.status === "SUBMITTED" && r.reviewer.id === inspector.id)).toBe(true);
  });

  it("offers ended, unreviewed conversations newest first, by agent, low CSAT and AutoQA flags", async () => {
    const qa = h.callerFor(inspector);
    const low = await endedConversation(otherAgent.id);
    await h.db.conversation.update({ where: { id: low.id }, data: { csatScore: 1 } });
    const flagged = await endedConversation(otherAgent.id);
    await h.db.autoQaFlag.create({ data: { conversationId: flagged.id, rule: "impolite", severity: "MEDIUM", detail: {} } });
    const reviewed = await endedConversation(otherAgent.id);
    await qa.qa.startReview({ conversationId: reviewed.id });
    const open = await makeConversation(h.db, { status: "ACTIVE", assigneeId: otherAgent.id });

    const all = await qa.qa.listReviewCandidates({ agentId: otherAgent.id, limit: 100 });
    const ids = all.items.map((c) => c.id);
    expect(ids).toContain(low.id);
    expect(ids).toContain(flagged.id);
    expect(ids).not.toContain(reviewed.id);
    expect(ids).not.toContain(open.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect((await qa.qa.listReviewCandidates({ agentId: otherAgent.id, lowCsat: true })).items.map((c) => c.id)).toEqual([low.id]);
    expect((await qa.qa.listReviewCandidates({ agentId: otherAgent.id, flagged: true })).items.map((c) => c.id)).toEqual([flagged.id]);
  });
});

describe("the agent's side", () => {
  it("shows agents only their own submitted reviews; supervisors their teams'", async () => {
    const { id } = await submittedReview();
    const draftConversation = await endedConversation();
    const { id: draftId } = await h.callerFor(inspector).qa.startReview({ conversationId: draftConversation.id });

    const own = await h.callerFor(agent).qa.listFeedback({});
    expect(own.items.map((r) => r.id)).toContain(id);
    expect(own.items.map((r) => r.id)).not.toContain(draftId);
    expect(own.items.every((r) => r.agent.id === agent.id)).toBe(true);
    const detail = await h.callerFor(agent).qa.getFeedback({ id });
    expect(detail.total).toBeCloseTo(FULL_TOTAL, 12);
    expect(detail.comment).toBe("多用安抚话术");

    expect((await h.callerFor(otherAgent).qa.listFeedback({})).items.map((r) => r.id)).not.toContain(id);
    expect(await outcome(() => h.callerFor(otherAgent).qa.getFeedback({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => h.callerFor(agent).qa.getFeedback({ id: draftId }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await h.callerFor(supervisor).qa.listFeedback({})).items.map((r) => r.id)).toContain(id);
    const outsider = await makeAgent(h.db, { role: "SUPERVISOR" });
    expect((await h.callerFor(outsider).qa.listFeedback({})).items.map((r) => r.id)).not.toContain(id);
  });

  it("acknowledges a submitted review once", async () => {
    const { id } = await submittedReview();
    expect(await outcome(() => h.callerFor(otherAgent).qa.acknowledgeReview({ id }))).toMatchObject({ code: "NOT_FOUND" });
    const acknowledged = await h.callerFor(agent).qa.acknowledgeReview({ id });
    expect(acknowledged.status).toBe("FINAL");
    expect(acknowledged.acknowledgedAt).toBeInstanceOf(Date);
    expect(await outcome(() => h.callerFor(agent).qa.acknowledgeReview({ id }))).toMatchObject({ appCode: "QA_REVIEW_STATE" });
  });
});

describe("disputes", () => {
  it("the agent disputes with a proposal; the reviewer accepts it and the score follows", async () => {
    const { id } = await submittedReview();
    const agentCaller = h.callerFor(agent);
    expect(await outcome(() => agentCaller.qa.disputeReview({ id, reason: "", proposedScores: [{ criterionId: criteria.accuracy, score: 8 }] }))).toMatchObject(
      {
        field: "reason",
      },
    );
    expect(
      await outcome(() => agentCaller.qa.disputeReview({ id, reason: "已解决", proposedScores: [{ criterionId: criteria.accuracy, score: 11 }] })),
    ).toMatchObject({ appCode: "QA_SCORE_OUT_OF_RANGE", field: `criterion.${criteria.accuracy}` });
    expect(
      await outcome(() => h.callerFor(otherAgent).qa.disputeReview({ id, reason: "x", proposedScores: [{ criterionId: criteria.accuracy, score: 8 }] })),
    ).toMatchObject({ code: "NOT_FOUND" });

    const { disputeId } = await agentCaller.qa.disputeReview({ id, reason: "问题当场解决了", proposedScores: [{ criterionId: criteria.accuracy, score: 8 }] });
    expect((await h.db.qaReview.findUniqueOrThrow({ where: { id } })).status).toBe("DISPUTED");
    // one dispute per review
    expect(
      await outcome(() => agentCaller.qa.disputeReview({ id, reason: "再次", proposedScores: [{ criterionId: criteria.accuracy, score: 9 }] })),
    ).toMatchObject({
      appCode: "QA_REVIEW_STATE",
    });
    // neither another inspector nor the agent settles it
    expect(await outcome(() => h.callerFor(secondInspector).qa.resolveDispute({ disputeId, outcome: "ACCEPT" }))).toMatchObject({ code: "FORBIDDEN" });

    const resolved = await h.callerFor(inspector).qa.resolveDispute({ disputeId, outcome: "ACCEPT" });
    // (75×2 + 80×3 + 100×1) ÷ 6 = 490 ÷ 6
    expect(resolved.total).toBeCloseTo(490 / 6, 12);
    const review = await h.db.qaReview.findUniqueOrThrow({ where: { id }, include: { disputes: true, scores: true } });
    expect(review.status).toBe("SUBMITTED");
    expect(review.total).toBeCloseTo(490 / 6, 12);
    expect(review.scores.find((s) => s.criterionId === criteria.accuracy)?.score).toBe(8);
    expect(review.scores.find((s) => s.criterionId === criteria.attitude)?.comment).toBe("语气尚可");
    expect(review.disputes[0]).toMatchObject({ status: "ACCEPTED", resolvedById: inspector.id });
    expect(review.disputes[0]!.previousTotal).toBeCloseTo(FULL_TOTAL, 12);
    expect(review.disputes[0]!.previousScores).toContainEqual({ criterionId: criteria.accuracy, score: 6 });
    expect(review.disputes[0]!.resolvedScores).toContainEqual({ criterionId: criteria.accuracy, score: 8 });
    expect(await outcome(() => h.callerFor(inspector).qa.resolveDispute({ disputeId, outcome: "REJECT", resolution: "x" }))).toMatchObject({
      appCode: "QA_REVIEW_STATE",
      field: "disputeId",
    });
    // the agent acknowledges the outcome
    expect((await agentCaller.qa.acknowledgeReview({ id })).status).toBe("FINAL");
  });

  it("an admin adjusts to scores of their own; a rejection needs a reason and keeps the score", async () => {
    const first = await submittedReview();
    const { disputeId } = await h.callerFor(agent).qa.disputeReview({
      id: first.id,
      reason: "态度没问题",
      proposedScores: [{ criterionId: criteria.attitude, score: 5 }],
    });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).qa.resolveDispute({ disputeId, outcome: "ADJUST" }))).toMatchObject({ field: "scores" });
    const adjusted = await h.callerFor(h.users.ADMIN).qa.resolveDispute({
      disputeId,
      outcome: "ADJUST",
      resolution: "酌情加一分",
      scores: [{ criterionId: criteria.accuracy, score: 7 }],
    });
    // (75×2 + 70×3 + 100×1) ÷ 6 = 460 ÷ 6
    expect(adjusted).toMatchObject({ status: "ADJUSTED" });
    expect(adjusted.total).toBeCloseTo(460 / 6, 12);

    const second = await submittedReview();
    const { disputeId: rejectId } = await h.callerFor(agent).qa.disputeReview({
      id: second.id,
      reason: "不认同",
      proposedScores: [{ criterionId: criteria.redLine, score: 1 }],
    });
    expect(await outcome(() => h.callerFor(inspector).qa.resolveDispute({ disputeId: rejectId, outcome: "REJECT" }))).toMatchObject({ field: "resolution" });
    const rejected = await h.callerFor(inspector).qa.resolveDispute({ disputeId: rejectId, outcome: "REJECT", resolution: "录音显示推诿" });
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.total).toBeCloseTo(FULL_TOTAL, 12);
    expect(await outcome(() => h.callerFor(inspector).qa.resolveDispute({ disputeId: 999_999, outcome: "ACCEPT" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "disputeId",
    });
  });

  it("audits every change", async () => {
    const { id } = await submittedReview();
    const { disputeId } = await h.callerFor(agent).qa.disputeReview({ id, reason: "申诉", proposedScores: [{ criterionId: criteria.accuracy, score: 9 }] });
    await h.callerFor(inspector).qa.resolveDispute({ disputeId, outcome: "REJECT", resolution: "维持" });
    const rows = await h.db.auditLog.findMany({ where: { targetId: String(id), result: "SUCCESS" }, select: { action: true, actorId: true } });
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: "qa.submitReview", actorId: inspector.id },
        { action: "qa.disputeReview", actorId: agent.id },
      ]),
    );
    const settled = await h.db.auditLog.findFirst({ where: { action: "qa.resolveDispute", targetType: "QaDispute", actorId: inspector.id } });
    expect(settled?.result).toBe("SUCCESS");
  });
});
