import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { assertTransition, canTransition, CONVERSATION_STATUSES, nextStatus, OPERATIONS, TRANSITIONS, type Operation } from "./state-machine.ts";

const LEGAL: [string, string][] = [
  ["BOT", "QUEUED"],
  ["BOT", "RESOLVED"],
  ["QUEUED", "ACTIVE"],
  ["QUEUED", "QUEUED"],
  ["QUEUED", "ABANDONED"],
  ["ACTIVE", "PAUSED"],
  ["ACTIVE", "RESOLVED"],
  ["ACTIVE", "QUEUED"],
  ["ACTIVE", "ACTIVE"],
  ["PAUSED", "ACTIVE"],
  ["PAUSED", "RESOLVED"],
  ["PAUSED", "QUEUED"],
  ["PAUSED", "PAUSED"],
  ["RESOLVED", "ACTIVE"],
  ["RESOLVED", "QUEUED"],
  ["RESOLVED", "BOT"],
];

const pairs = CONVERSATION_STATUSES.flatMap((from) => CONVERSATION_STATUSES.map((to) => [from, to] as const));

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("conversation state machine", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = pairs.filter(([from, to]) => canTransition(from, to)).map(([from, to]) => `${from}→${to}`);
    expect(allowed.sort()).toEqual(LEGAL.map(([from, to]) => `${from}→${to}`).sort());
  });

  it.each(pairs.filter(([from, to]) => !LEGAL.some(([f, t]) => f === from && t === to)))("refuses %s → %s as a BAD_REQUEST naming both states", (from, to) => {
    const error = thrown(() => assertTransition(from, to));
    expect(error.code).toBe("ILLEGAL_TRANSITION");
    expect(error.status).toBe("BAD_REQUEST");
    expect(error.params).toEqual({ from, to });
    expect(error.message).toContain(from);
    expect(error.message).toContain(to);
  });

  it("keeps ABANDONED final", () => {
    expect(TRANSITIONS.ABANDONED).toEqual([]);
  });

  it("lists only legal moves for every operation, and every legal move belongs to an operation", () => {
    const used = new Set<string>();
    for (const [operation, spec] of Object.entries(OPERATIONS)) {
      for (const [from, to] of Object.entries(spec.from)) {
        expect(canTransition(from as never, to), `${operation} ${from}→${to}`).toBe(true);
        expect(nextStatus(operation as Operation, from as never)).toBe(to);
        used.add(`${from}→${to}`);
      }
    }
    expect([...used].sort()).toEqual(LEGAL.map(([from, to]) => `${from}→${to}`).sort());
  });

  it("refuses an operation from a status it does not apply to, naming the status and the operation's target", () => {
    for (const [operation, spec] of Object.entries(OPERATIONS)) {
      for (const from of CONVERSATION_STATUSES.filter((s) => !(s in spec.from))) {
        const error = thrown(() => nextStatus(operation as Operation, from));
        expect(error.params, `${operation} from ${from}`).toEqual({ from, to: spec.target });
      }
    }
  });
});
