import { describe, expect, it } from "vitest";

import { groupByTheme, summariseAgreement } from "@/lib/agreement-summary";
import { effectiveProgress, meanProgress } from "@/lib/progress";

describe("progress roll-up", () => {
  it("gives a parent without progress the mean of its milestones: 100 and 0 → 50", () => {
    expect(
      effectiveProgress({
        progress: null,
        status: "in_progress",
        milestones: [
          { progress: 100, status: "fulfilled" },
          { progress: 0, status: "not_started" },
        ],
      }),
    ).toBe(50);
  });

  it("keeps a parent's own progress over its milestones'", () => {
    expect(
      effectiveProgress({ progress: 30, status: "in_progress", milestones: [{ progress: 100, status: "fulfilled" }] }),
    ).toBe(30);
  });

  it("leaves milestones without progress out of the mean; a fulfilled one counts 100", () => {
    const value = effectiveProgress({
      progress: null,
      status: "in_progress",
      milestones: [
        { progress: null, status: "not_assessed" },
        { progress: 40, status: "in_progress" },
        { progress: null, status: "fulfilled" },
        { progress: null, status: "in_progress" },
      ],
    });
    expect(value).toBe(70);
  });

  it("reads 'not recorded' (null) for a parent none of whose milestones has progress", () => {
    expect(
      effectiveProgress({
        progress: null,
        status: "in_progress",
        milestones: [
          { progress: null, status: "stalled" },
          { progress: null, status: "not_assessed" },
        ],
      }),
    ).toBeNull();
    expect(
      effectiveProgress({ progress: null, status: "fulfilled", milestones: [{ progress: null, status: "stalled" }] }),
    ).toBe(100);
  });

  it("rolls up through nested milestones", () => {
    expect(
      effectiveProgress({
        progress: null,
        status: "in_progress",
        milestones: [
          {
            progress: null,
            status: "in_progress",
            milestones: [
              { progress: 100, status: "fulfilled" },
              { progress: 50, status: "in_progress" },
            ],
          },
          { progress: 25, status: "in_progress" },
        ],
      }),
    ).toBe(50);
  });

  it("is unknown for a commitment with nothing measured, 100 when fulfilled", () => {
    expect(effectiveProgress({ progress: null, status: "in_progress" })).toBeNull();
    expect(effectiveProgress({ progress: null, status: "fulfilled" })).toBe(100);
    expect(effectiveProgress({ progress: 140, status: "in_progress" })).toBe(100);
  });

  it("averages only known values for an agreement", () => {
    expect(meanProgress([100, null, 0, 50])).toBe(50);
    expect(meanProgress([null, null])).toBeNull();
    expect(meanProgress([])).toBeNull();
  });
});

describe("agreement figures", () => {
  it("counts final, overdue and measured commitments", () => {
    expect(
      summariseAgreement(
        [
          { status: "fulfilled", targetDate: "2025-12-31", progress: 100 },
          { status: "not_assessed", targetDate: "2025-12-31", progress: null },
          { status: "in_progress", targetDate: null, progress: 40 },
          { status: "not_fulfilled", targetDate: "2025-01-01", progress: null },
        ],
        "2026-11-29",
      ),
    ).toEqual({ final: 2, overdue: 1, withProgress: 2 });
  });

  it("groups by theme in order of first appearance", () => {
    const groups = groupByTheme([
      { theme: "Trade", id: 1 },
      { theme: "Defence", id: 2 },
      { theme: "Trade", id: 3 },
    ]);
    expect(groups.map((g) => [g.theme, g.commitments.map((c) => c.id)])).toEqual([
      ["Trade", [1, 3]],
      ["Defence", [2]],
    ]);
  });
});
