import { describe, expect, it } from "vitest";

import { deadlineState, endOfPeriod, formatTargetDate, isOverdue } from "@/lib/target-date";

const TODAY = "2025-12-31";

describe("deadline state against a fixed today", () => {
  it("is due today on the target date itself, not overdue", () => {
    expect(deadlineState({ status: "in_progress", targetDate: TODAY }, TODAY)).toEqual({ kind: "due_today" });
    expect(isOverdue({ status: "in_progress", targetDate: TODAY }, TODAY)).toBe(false);
  });

  it("becomes overdue the day after the target date when not final", () => {
    expect(deadlineState({ status: "not_assessed", targetDate: "2025-12-30" }, TODAY)).toEqual({
      kind: "overdue",
      daysOverdue: 1,
    });
    expect(isOverdue({ status: "stalled", targetDate: "2025-01-01" }, TODAY)).toBe(true);
  });

  it("is upcoming before the target date, with the days left", () => {
    expect(deadlineState({ status: "in_progress", targetDate: "2026-01-10" }, TODAY)).toEqual({
      kind: "upcoming",
      daysLeft: 10,
    });
  });

  it("is never overdue once final", () => {
    for (const status of ["fulfilled", "partially_fulfilled", "not_fulfilled"] as const) {
      expect(isOverdue({ status, targetDate: "2020-01-01" }, TODAY)).toBe(false);
    }
    expect(deadlineState({ status: "not_fulfilled", targetDate: "2020-01-01" }, TODAY)).toEqual({ kind: "closed" });
  });

  it("flags fulfilled late with both dates when fulfilled after the target", () => {
    expect(
      deadlineState({ status: "fulfilled", targetDate: "2025-12-31", fulfilledOn: "2026-02-01" }, "2026-11-29"),
    ).toEqual({ kind: "fulfilled_late", fulfilledOn: "2026-02-01", daysLate: 32 });
    expect(
      deadlineState({ status: "partially_fulfilled", targetDate: "2025-06-30", fulfilledOn: "2025-07-01" }, TODAY).kind,
    ).toBe("fulfilled_late");
  });

  it("is met when fulfilled on or before the target (the FTA: 18 Aug 2025 against 2025)", () => {
    expect(
      deadlineState({ status: "fulfilled", targetDate: "2025-12-31", fulfilledOn: "2025-08-18" }, "2026-11-29"),
    ).toEqual({ kind: "met", fulfilledOn: "2025-08-18" });
    expect(
      deadlineState({ status: "fulfilled", targetDate: "2025-12-31", fulfilledOn: "2025-12-31" }, "2026-11-29").kind,
    ).toBe("met");
  });

  it("has no deadline state without a target date", () => {
    expect(deadlineState({ status: "in_progress", targetDate: null }, TODAY)).toEqual({ kind: "none" });
  });
});

describe("target date display and periods", () => {
  it("formats a target at its precision", () => {
    expect(formatTargetDate("2025-12-31", "year")).toBe("2025");
    expect(formatTargetDate("2025-12-31", "quarter")).toBe("Q4 2025");
    expect(formatTargetDate("2025-03-31", "quarter")).toBe("Q1 2025");
    expect(formatTargetDate("2025-06-30", "month")).toBe("June 2025");
    expect(formatTargetDate("2025-06-30", "day")).toBe("30 Jun 2025");
    expect(formatTargetDate("2025-06-30", null)).toBe("30 Jun 2025");
  });

  it("finds the last day of a period", () => {
    expect(endOfPeriod("2025-03-14", "year")).toBe("2025-12-31");
    expect(endOfPeriod("2025-11-02", "quarter")).toBe("2025-12-31");
    expect(endOfPeriod("2025-04-02", "quarter")).toBe("2025-06-30");
    expect(endOfPeriod("2024-02-10", "month")).toBe("2024-02-29");
    expect(endOfPeriod("2025-02-10", "month")).toBe("2025-02-28");
    expect(endOfPeriod("2025-12-10", "month")).toBe("2025-12-31");
    expect(endOfPeriod("2025-02-10", "day")).toBe("2025-02-10");
  });
});
