import { describe, expect, it } from "vitest";

import { CHART_ROWS_SHOWN, keepLargest } from "@/lib/chart-rows";

describe("keepLargest (summary charts)", () => {
  const rows = [
    { k: "a", n: 1 },
    { k: "b", n: 5 },
    { k: "c", n: 3 },
    { k: "d", n: 5 },
    { k: "e", n: 2 },
  ];

  it("keeps every row, in order, when there are at most the limit", () => {
    expect(keepLargest(rows, (r) => r.n, 5)).toEqual({ shown: rows, hidden: 0 });
    expect(keepLargest([], (r: { n: number }) => r.n)).toEqual({ shown: [], hidden: 0 });
  });

  it("keeps the largest rows in their original order, ties to the earlier row, and counts the rest", () => {
    expect(keepLargest(rows, (r) => r.n, 3)).toEqual({ shown: [rows[1], rows[2], rows[3]], hidden: 2 });
    expect(keepLargest(rows, (r) => r.n, 1)).toEqual({ shown: [rows[1]], hidden: 4 });
    expect(keepLargest(rows, (r) => r.n, 0)).toEqual({ shown: [], hidden: 5 });
  });

  it("shows at most CHART_ROWS_SHOWN rows by default", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ n: i % 7 }));
    const { shown, hidden } = keepLargest(many, (r) => r.n);
    expect(shown).toHaveLength(CHART_ROWS_SHOWN);
    expect(hidden).toBe(300 - CHART_ROWS_SHOWN);
    expect(shown.every((r) => r.n === 6)).toBe(true);
  });
});
