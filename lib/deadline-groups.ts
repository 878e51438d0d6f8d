/**
 * The deadlines page of issue 4: open (not final) commitments and milestones in four groups —
 * overdue, due in the next 90 days, later, and no date — each grouped by the month of its target.
 */
import { addDays, type CalendarDate } from "./calendar-date";
import { isFinal, type Status } from "./status";

export const SOON_DAYS = 90;

export interface DeadlineRow {
  status: Status;
  targetDate: CalendarDate | null;
}

export interface MonthGroup<T> {
  /** YYYY-MM */
  month: string;
  rows: T[];
}

export interface DeadlineGroups<T> {
  overdue: MonthGroup<T>[];
  soon: MonthGroup<T>[];
  later: MonthGroup<T>[];
  noDate: T[];
}

function byMonth<T extends DeadlineRow>(rows: T[], newestFirst = false): MonthGroup<T>[] {
  const sorted = [...rows].sort((a, b) => (a.targetDate ?? "").localeCompare(b.targetDate ?? ""));
  if (newestFirst) sorted.reverse();
  const groups = new Map<string, T[]>();
  for (const r of sorted) {
    const month = (r.targetDate ?? "").slice(0, 7);
    groups.set(month, [...(groups.get(month) ?? []), r]);
  }
  return [...groups].map(([month, list]) => ({ month, rows: list }));
}

/** Group the open rows of `rows` on `today`; overdue months newest first, the others soonest first. */
export function groupDeadlines<T extends DeadlineRow>(rows: readonly T[], today: CalendarDate): DeadlineGroups<T> {
  const open = rows.filter((r) => !isFinal(r.status));
  const soonEnd = addDays(today, SOON_DAYS);
  return {
    overdue: byMonth(
      open.filter((r) => r.targetDate !== null && r.targetDate < today),
      true,
    ),
    soon: byMonth(open.filter((r) => r.targetDate !== null && r.targetDate >= today && r.targetDate <= soonEnd)),
    later: byMonth(open.filter((r) => r.targetDate !== null && r.targetDate > soonEnd)),
    noDate: open.filter((r) => r.targetDate === null),
  };
}
