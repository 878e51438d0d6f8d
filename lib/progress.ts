/**
 * Progress and its roll-up (DESIGN.md: "Progress is 0–100 and optional; a parent's progress is the
 * mean of its milestones'").
 *
 * Rules, in order, for one commitment (README, "Roll-up rule"):
 * 1. its own progress when it has one;
 * 2. else, when some of its milestones have a progress (each found by these same rules), the mean of
 *    those milestones, rounded to a whole percent; milestones with nothing recorded are left out
 *    (issue 8, defect 11: an unmeasured milestone is unknown, not 0);
 * 3. else 100 when fulfilled, otherwise `null` ("not recorded") — also for a parent none of whose
 *    milestones has a progress, which then stays out of its agreement's mean (`meanProgress`).
 */
import type { Status } from "./status";

export interface ProgressNode {
  progress: number | null;
  status: Status;
  milestones?: readonly ProgressNode[];
}

/** The effective progress (0–100) of a commitment, or `null` when nothing is known. */
export function effectiveProgress(node: ProgressNode): number | null {
  if (node.progress !== null && Number.isFinite(node.progress)) return clamp(node.progress);
  const recorded = (node.milestones ?? []).map(effectiveProgress).filter((v): v is number => v !== null);
  if (recorded.length > 0) return Math.round(recorded.reduce((a, b) => a + b, 0) / recorded.length);
  return node.status === "fulfilled" ? 100 : null;
}

export interface ProgressRow {
  id: number;
  parentId: number | null;
  progress: number | null;
  status: Status;
}

/**
 * Effective progress of every row, rolled up through every level of milestones by the rules above
 * (children are found by `parentId` among `rows`). A cycle cannot be made through the app; if one
 * is in the data, the walk stops there with the row's own progress.
 */
export function rollUpProgress(rows: readonly ProgressRow[]): Map<number, number | null> {
  const children = new Map<number, ProgressRow[]>();
  for (const r of rows) if (r.parentId !== null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const memo = new Map<number, number | null>();
  const visit = (r: ProgressRow, path: Set<number>): number | null => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    if (path.has(r.id)) return r.progress;
    path.add(r.id);
    const kids = (children.get(r.id) ?? []).map((k) => ({ progress: visit(k, path), status: k.status }));
    path.delete(r.id);
    const value = effectiveProgress({ progress: r.progress, status: r.status, milestones: kids });
    memo.set(r.id, value);
    return value;
  };
  for (const r of rows) visit(r, new Set());
  return memo;
}

/**
 * Mean progress over commitments that have one (`null` when none has); used for an agreement's
 * progress summary.
 */
export function meanProgress(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  return Math.round(known.reduce((a, b) => a + b, 0) / known.length);
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}
