/**
 * Roll-up figures for an agreement page: how many top-level commitments are final, overdue, or
 * have a progress figure, and the commitments grouped by theme in agreement order.
 */
import type { CalendarDate } from "./calendar-date";
import { isFinal, type Status } from "./status";
import { isOverdue } from "./target-date";

interface SummaryInput {
  status: Status;
  targetDate: CalendarDate | null;
  progress: number | null;
}

export interface AgreementFigures {
  /** top-level commitments with a final status */
  final: number;
  /** top-level commitments overdue on `today` */
  overdue: number;
  /** top-level commitments with a progress figure (own or rolled up) */
  withProgress: number;
}

/** Count final, overdue and measured commitments among `commitments` (top-level only). */
export function summariseAgreement(commitments: readonly SummaryInput[], today: CalendarDate): AgreementFigures {
  return {
    final: commitments.filter((c) => isFinal(c.status)).length,
    overdue: commitments.filter((c) => isOverdue(c, today)).length,
    withProgress: commitments.filter((c) => c.progress !== null).length,
  };
}

/** Group items by `theme`, themes in order of first appearance, items in their given order. */
export function groupByTheme<T extends { theme: string }>(items: readonly T[]): { theme: string; commitments: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.theme, [...(groups.get(item.theme) ?? []), item]);
  return [...groups].map(([theme, commitments]) => ({ theme, commitments }));
}
