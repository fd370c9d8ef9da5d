/**
 * The reviewers' list (质检评分): reviews with filters, the caller's drafts first; and the conversations waiting for a
 * review (ended, handled by an agent, not reviewed yet), newest first, with the conditions of conditional sampling.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { qaCandidateListInput, qaFeedbackListInput, qaReviewListInput } from "../../contracts/qa.ts";
import { parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { keysetPage } from "../pagination.ts";
import { feedbackWhere } from "./access.ts";
import { ENDED_STATUSES } from "./start-review.ts";

const ROW_SELECT = {
  id: true,
  status: true,
  total: true,
  isCalibration: true,
  createdAt: true,
  submittedAt: true,
  acknowledgedAt: true,
  conversationId: true,
  agent: { select: { id: true, name: true } },
  reviewer: { select: { id: true, name: true } },
  conversation: { select: { customer: { select: { name: true } }, resolvedAt: true } },
  disputes: { where: { status: "OPEN" }, select: { id: true } },
} as const;

export async function listReviews(db: Db, actor: Actor, raw: unknown) {
  const input = parseInput(qaReviewListInput, raw);
  const filters: Prisma.QaReviewWhereInput = {
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.reviewerId ? { reviewerId: input.reviewerId } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
  };
  const wantsDrafts = !input.status || input.status === "DRAFT";
  const [drafts, rows] = await Promise.all([
    // the caller's own drafts come first, on the first page only
    wantsDrafts && !input.cursor
      ? db.qaReview.findMany({ where: { ...filters, reviewerId: actor.id, status: "DRAFT" }, orderBy: { id: "desc" }, take: 100, select: ROW_SELECT })
      : [],
    input.status === "DRAFT"
      ? []
      : db.qaReview.findMany({
          where: { ...filters, status: input.status ?? { not: "DRAFT" }, ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
          orderBy: { id: "desc" },
          take: input.limit + 1,
          select: ROW_SELECT,
        }),
  ]);
  return { drafts: drafts.map(rowOf), ...mapPage(keysetPage(rows, input.limit)) };
}

function rowOf(row: Prisma.QaReviewGetPayload<{ select: typeof ROW_SELECT }>) {
  const { disputes, conversation, ...rest } = row;
  return { ...rest, customerName: conversation.customer.name, endedAt: conversation.resolvedAt, openDispute: disputes.length > 0 };
}

function mapPage<T extends Prisma.QaReviewGetPayload<{ select: typeof ROW_SELECT }>>(page: { items: T[]; nextCursor: number | undefined }) {
  return { items: page.items.map(rowOf), nextCursor: page.nextCursor };
}

/** The agent's side (我的质检): their own submitted reviews; a supervisor's teams' agents' too; an admin's all. */
export async function listFeedback(db: Db, actor: Actor, raw: unknown) {
  const input = parseInput(qaFeedbackListInput, raw);
  const rows = await db.qaReview.findMany({
    where: {
      AND: [
        await feedbackWhere(db, actor),
        {
          ...(input.agentId ? { agentId: input.agentId } : {}),
          ...(input.status ? { status: input.status } : {}),
          ...(input.cursor ? { id: { lt: input.cursor } } : {}),
        },
      ],
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: ROW_SELECT,
  });
  return mapPage(keysetPage(rows, input.limit));
}

/** Ended conversations an agent handled that have no (non-calibration) review yet, newest first. */
export async function listReviewCandidates(db: Db, _actor: Actor, raw: unknown) {
  const input = parseInput(qaCandidateListInput, raw);
  const rows = await db.conversation.findMany({
    where: {
      status: { in: [...ENDED_STATUSES] },
      assigneeId: input.agentId ?? { not: null },
      qaReviews: { none: { isCalibration: false } },
      ...(input.teamId ? { teamId: input.teamId } : {}),
      ...(input.lowCsat ? { csatScore: { lte: 2 } } : {}),
      ...(input.flagged ? { autoQaFlags: { some: {} } } : {}),
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      channel: true,
      status: true,
      category: true,
      resolvedAt: true,
      csatScore: true,
      customer: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
      team: { select: { id: true, name: true } },
      autoQaCheck: { select: { flagCount: true } },
    },
  });
  const page = keysetPage(rows, input.limit);
  return {
    items: page.items.map(({ autoQaCheck, customer, ...row }) => ({ ...row, customerName: customer.name, flagCount: autoQaCheck?.flagCount ?? null })),
    nextCursor: page.nextCursor,
  };
}

/** People for the list's filters: agents with reviews, and reviewers. */
export async function reviewFilterOptions(db: Db) {
  const [agents, reviewers] = await Promise.all([
    db.user.findMany({ where: { role: { in: ["AGENT", "SUPERVISOR"] }, disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ where: { role: { in: ["QA", "ADMIN", "SUPERVISOR"] }, disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const teams = await db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return { agents, reviewers, teams };
}
