/**
 * The conversation state machine.
 *
 *   BOT ──handoff──▶ QUEUED ──assign──▶ ACTIVE ⇄ PAUSED ──resolve──▶ RESOLVED
 *    └──bot resolves──▶ RESOLVED        │  ▲      │                    │
 *   QUEUED ──customer leaves──▶ ABANDONED  └──┴──────┴─▶ QUEUED (transfer to a team, reply timeout)
 *
 * Same-status moves are reassignments: ACTIVE → ACTIVE and PAUSED → PAUSED hand the conversation to
 * another agent, QUEUED → QUEUED moves a waiting conversation to another team's queue.
 *
 * Reopening: a customer who writes again within `routing.reopenWindowHours` (72 h) of a resolution, on the
 * same channel, reopens that conversation instead of starting a new one — the same 72 h the resolution rate
 * uses (§3a). A conversation a person resolved goes back to the same agent (RESOLVED → ACTIVE) when they are
 * ONLINE with a free slot, otherwise to its team's queue (RESOLVED → QUEUED); one the bot resolved goes back to
 * the bot (RESOLVED → BOT). ABANDONED is final: the customer's next message starts a new conversation.
 */
import type { ConversationStatus } from "@kefu/db";
import { AppError } from "../../errors.ts";

export const CONVERSATION_STATUSES = ["BOT", "QUEUED", "ACTIVE", "PAUSED", "RESOLVED", "ABANDONED"] as const satisfies readonly ConversationStatus[];

/** Statuses of a conversation that is still going on. */
export const OPEN_STATUSES = ["BOT", "QUEUED", "ACTIVE", "PAUSED"] as const satisfies readonly ConversationStatus[];
/** Statuses that take one of the assignee's maxConcurrent slots. */
export const HELD_STATUSES = ["ACTIVE", "PAUSED"] as const satisfies readonly ConversationStatus[];

export const TRANSITIONS: Readonly<Record<ConversationStatus, readonly ConversationStatus[]>> = {
  BOT: ["QUEUED", "RESOLVED"],
  QUEUED: ["ACTIVE", "QUEUED", "ABANDONED"],
  ACTIVE: ["PAUSED", "RESOLVED", "QUEUED", "ACTIVE"],
  PAUSED: ["ACTIVE", "RESOLVED", "QUEUED", "PAUSED"],
  RESOLVED: ["ACTIVE", "QUEUED", "BOT"],
  ABANDONED: [],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function illegalTransition(from: ConversationStatus, to: ConversationStatus): AppError {
  return new AppError("ILLEGAL_TRANSITION", { message: `Illegal transition from ${from} to ${to}`, params: { from, to } });
}

/** Throws ILLEGAL_TRANSITION (BAD_REQUEST, params { from, to }) unless the table allows the move. */
export function assertTransition(from: ConversationStatus, to: ConversationStatus): void {
  if (!canTransition(from, to)) throw illegalTransition(from, to);
}

/**
 * What each operation does from each status it accepts. `target` is the status named in the error when the
 * operation is refused. Every move listed here is in TRANSITIONS (the state-machine test checks both ways).
 */
export const OPERATIONS = {
  handoff: { target: "QUEUED", from: { BOT: "QUEUED" } },
  botResolve: { target: "RESOLVED", from: { BOT: "RESOLVED" } },
  assign: { target: "ACTIVE", from: { QUEUED: "ACTIVE" } },
  abandon: { target: "ABANDONED", from: { QUEUED: "ABANDONED" } },
  pause: { target: "PAUSED", from: { ACTIVE: "PAUSED" } },
  resume: { target: "ACTIVE", from: { PAUSED: "ACTIVE" } },
  resolve: { target: "RESOLVED", from: { ACTIVE: "RESOLVED", PAUSED: "RESOLVED" } },
  transferToAgent: { target: "ACTIVE", from: { QUEUED: "ACTIVE", ACTIVE: "ACTIVE", PAUSED: "PAUSED" } },
  transferToTeam: { target: "QUEUED", from: { QUEUED: "QUEUED", ACTIVE: "QUEUED", PAUSED: "QUEUED" } },
  requeue: { target: "QUEUED", from: { ACTIVE: "QUEUED" } },
  reopenToAgent: { target: "ACTIVE", from: { RESOLVED: "ACTIVE" } },
  reopenToQueue: { target: "QUEUED", from: { RESOLVED: "QUEUED" } },
  reopenToBot: { target: "BOT", from: { RESOLVED: "BOT" } },
} as const satisfies Record<string, { target: ConversationStatus; from: Partial<Record<ConversationStatus, ConversationStatus>> }>;

export type Operation = keyof typeof OPERATIONS;

/** The status `operation` leads to from `from`; ILLEGAL_TRANSITION when the operation does not apply there. */
export function nextStatus(operation: Operation, from: ConversationStatus): ConversationStatus {
  const spec = OPERATIONS[operation];
  const to = (spec.from as Partial<Record<ConversationStatus, ConversationStatus>>)[from];
  if (!to) throw illegalTransition(from, spec.target);
  assertTransition(from, to);
  return to;
}
