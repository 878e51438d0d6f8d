/**
 * How many rows a summary chart shows (issue 9): the home page's charts by theme and by owner cover
 * every agreement, and at 2,000 agreements there are hundreds of owners. Drawing each as a bar with
 * a link per status made the page 3 MB and its render several hundred milliseconds, so a chart
 * keeps its largest rows and says how many it leaves out (the list's filters count them all).
 */

/** Rows a summary chart shows at most. */
export const CHART_ROWS_SHOWN = 15;

/**
 * The `limit` items with the largest `size`, in their original order (ties go to the earlier
 * item), and how many were left out. Every item is kept when there are at most `limit`.
 * @param limit a whole number ≥ 0
 */
export function keepLargest<T>(
  items: readonly T[],
  size: (item: T) => number,
  limit: number = CHART_ROWS_SHOWN,
): { shown: T[]; hidden: number } {
  if (items.length <= limit) return { shown: [...items], hidden: 0 };
  const kept = new Set(
    items
      .map((item, index) => ({ index, n: size(item) }))
      .sort((a, b) => b.n - a.n || a.index - b.index)
      .slice(0, limit)
      .map((x) => x.index),
  );
  return { shown: items.filter((_, i) => kept.has(i)), hidden: items.length - kept.size };
}
