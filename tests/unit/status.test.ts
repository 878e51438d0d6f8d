import { describe, expect, it } from "vitest";

import { STATUS_VALUES, STATUSES, emptyStatusCounts, isFinal, parseStatus, statusLabel } from "@/lib/status";

describe("status vocabulary", () => {
  it("has the seven values of DESIGN.md, in order", () => {
    expect(STATUS_VALUES).toEqual([
      "not_assessed",
      "not_started",
      "in_progress",
      "stalled",
      "partially_fulfilled",
      "fulfilled",
      "not_fulfilled",
    ]);
  });

  it("marks exactly partly fulfilled, fulfilled and not fulfilled as final", () => {
    expect(STATUS_VALUES.filter(isFinal)).toEqual(["partially_fulfilled", "fulfilled", "not_fulfilled"]);
  });

  it("labels each value as DESIGN.md does", () => {
    expect(statusLabel("not_assessed")).toBe("Not yet assessed");
    expect(statusLabel("partially_fulfilled")).toBe("Partly fulfilled");
    expect(statusLabel("in_progress")).toBe("In progress");
  });

  it("gives every status a distinct glyph, so it is never told by colour alone", () => {
    const icons = STATUS_VALUES.map((s) => STATUSES[s].icon);
    expect(new Set(icons).size).toBe(STATUS_VALUES.length);
    for (const icon of icons) expect(icon.trim()).not.toBe("");
  });

  it("parses only values of the vocabulary", () => {
    expect(parseStatus("stalled")).toBe("stalled");
    expect(parseStatus("done")).toBeNull();
    expect(parseStatus("Fulfilled")).toBeNull();
    expect(parseStatus(undefined)).toBeNull();
  });

  it("starts counts at zero for every status", () => {
    const counts = emptyStatusCounts();
    expect(Object.keys(counts)).toEqual([...STATUS_VALUES]);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
