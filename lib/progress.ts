/**
 * Progress and its roll-up (DESIGN.md: "Progress is 0–100 and optional; a parent's progress is the
 * mean of its milestones'").
 *
 * Rules, in order, for one commitment:
 * 1. its own progress when it has one;
 * 2. else, when it has milestones, the mean of its milestones' progress (each found by these same
 *    rules), rounded to a whole percent; a milestone with nothing recorded counts as 0 — unless it is
 *    fulfilled (100) — so a parent with milestones always shows a number, never blank or NaN;
 * 3. else 100 when fulfilled, otherwise `null` (not measured).
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
  const milestones = node.milestones ?? [];
  if (milestones.length > 0) {
    const sum = milestones.reduce((acc, m) => acc + (effectiveProgress(m) ?? 0), 0);
    return Math.round(sum / milestones.length);
  }
  return node.status === "fulfilled" ? 100 : null;
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
