import { describe, expect, it } from "vitest";
import { beijingToday, customPeriod, periodOf } from "./period";

describe("report periods", () => {
  it("are Beijing days, compared with the period before", () => {
    expect(beijingToday(new Date("2026-12-01T16:30:00Z"))).toBe("2026-12-02");
    expect(periodOf("today", "2026-12-02")).toEqual({ from: "2026-12-02", to: "2026-12-02", compareFrom: "2026-12-01", compareTo: "2026-12-01" });
    expect(periodOf("last7", "2026-12-02")).toEqual({ from: "2026-11-26", to: "2026-12-02", compareFrom: "2026-11-19", compareTo: "2026-11-25" });
    expect(periodOf("last30", "2026-12-02")).toMatchObject({ from: "2026-11-03", to: "2026-12-02", compareTo: "2026-11-02" });
  });

  it("compare months with the calendar month before", () => {
    expect(periodOf("lastMonth", "2026-12-02")).toEqual({ from: "2026-11-01", to: "2026-11-30", compareFrom: "2026-10-01", compareTo: "2026-10-31" });
    expect(periodOf("lastMonth", "2026-03-15")).toEqual({ from: "2026-02-01", to: "2026-02-28", compareFrom: "2026-01-01", compareTo: "2026-01-31" });
    expect(periodOf("thisMonth", "2026-03-31")).toEqual({ from: "2026-03-01", to: "2026-03-31", compareFrom: "2026-02-01", compareTo: "2026-02-28" });
    expect(periodOf("thisMonth", "2026-12-02")).toEqual({ from: "2026-12-01", to: "2026-12-02", compareFrom: "2026-11-01", compareTo: "2026-11-02" });
    expect(periodOf("lastMonth", "2026-01-10")).toMatchObject({ from: "2025-12-01", to: "2025-12-31", compareFrom: "2025-11-01" });
  });

  it("compare a custom range with as many days just before", () => {
    expect(customPeriod("2026-11-10", "2026-11-12")).toEqual({ from: "2026-11-10", to: "2026-11-12", compareFrom: "2026-11-07", compareTo: "2026-11-09" });
  });
});
