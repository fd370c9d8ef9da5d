import { describe, expect, it } from "vitest";
import { canSubscribe, channels } from "./channels.ts";

const subscriber = (role: "ADMIN" | "SUPERVISOR" | "AGENT" | "QA", userId = 7, teamIds: number[] = [3]) => ({ userId, role, teamIds });

describe("channel authorization", () => {
  it("opens the live monitor to admins and supervisors only", () => {
    expect(canSubscribe(subscriber("ADMIN"), channels.monitor)).toBe(true);
    expect(canSubscribe(subscriber("SUPERVISOR"), channels.monitor)).toBe(true);
    expect(canSubscribe(subscriber("AGENT"), channels.monitor)).toBe(false);
    expect(canSubscribe(subscriber("QA"), channels.monitor)).toBe(false);
    // no look-alike name slips through
    expect(canSubscribe(subscriber("AGENT"), "private-monitor ")).toBe(false);
    expect(canSubscribe(subscriber("AGENT"), "private-monitor-1")).toBe(false);
  });

  it("gives an agent their own channel and their teams' channels, not others'", () => {
    expect(canSubscribe(subscriber("AGENT", 7), channels.agent(7))).toBe(true);
    expect(canSubscribe(subscriber("AGENT", 7), channels.agent(8))).toBe(false);
    expect(canSubscribe(subscriber("AGENT", 7, [3]), channels.team(3))).toBe(true);
    expect(canSubscribe(subscriber("AGENT", 7, [3]), channels.team(4))).toBe(false);
    expect(canSubscribe(subscriber("SUPERVISOR", 9, []), channels.team(4))).toBe(true);
  });
});
