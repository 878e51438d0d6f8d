/**
 * Target dates (DESIGN.md: "target date" and the derived states "overdue", "due today",
 * "fulfilled late").
 *
 * A target is stored as the last day it allows (`2025-12-31` for "by 2025") together with its
 * precision, so "overdue" is one rule for every precision: it starts the day after the target date
 * while the status is not final.
 */
import { addDays, type CalendarDate, daysBetween, formatCalendarDate, formatMonth } from "./calendar-date";
import { isFinal, type Status } from "./status";

export const TARGET_PRECISIONS = ["day", "month", "quarter", "year"] as const;

export type TargetPrecision = (typeof TARGET_PRECISIONS)[number];

/**
 * The target as people say it: "31 Dec 2025" (day), "December 2025" (month), "Q4 2025" (quarter),
 * "2025" (year). A missing precision is read as "day".
 */
export function formatTargetDate(date: CalendarDate, precision: TargetPrecision | null): string {
  switch (precision) {
    case "year":
      return date.slice(0, 4);
    case "quarter":
      return `Q${Math.ceil(Number(date.slice(5, 7)) / 3)} ${date.slice(0, 4)}`;
    case "month":
      return formatMonth(date);
    default:
      return formatCalendarDate(date);
  }
}

export interface DeadlineInput {
  status: Status;
  targetDate: CalendarDate | null;
  /** the date the commitment reached a fulfilled or partly fulfilled status, if it did */
  fulfilledOn?: CalendarDate | null;
}

export type DeadlineState =
  | { kind: "none" }
  | { kind: "upcoming"; daysLeft: number }
  | { kind: "due_today" }
  | { kind: "overdue"; daysOverdue: number }
  | { kind: "met"; fulfilledOn: CalendarDate | null }
  | { kind: "fulfilled_late"; fulfilledOn: CalendarDate; daysLate: number }
  | { kind: "closed" };

/**
 * Where a commitment stands against its target date on `today`.
 *
 * - no target date → `none`;
 * - final status: fulfilled/partly fulfilled after the target → `fulfilled_late` (with both dates),
 *   fulfilled on or before it → `met`, not fulfilled → `closed`;
 * - not final: before the target → `upcoming`, on it → `due_today`, from the day after → `overdue`.
 */
export function deadlineState(input: DeadlineInput, today: CalendarDate): DeadlineState {
  const { status, targetDate } = input;
  if (!targetDate) return { kind: "none" };
  if (isFinal(status)) {
    if (status === "not_fulfilled") return { kind: "closed" };
    const fulfilledOn = input.fulfilledOn ?? null;
    if (fulfilledOn && fulfilledOn > targetDate) {
      return { kind: "fulfilled_late", fulfilledOn, daysLate: daysBetween(targetDate, fulfilledOn) };
    }
    return { kind: "met", fulfilledOn };
  }
  const left = daysBetween(today, targetDate);
  if (left > 0) return { kind: "upcoming", daysLeft: left };
  if (left === 0) return { kind: "due_today" };
  return { kind: "overdue", daysOverdue: -left };
}

/** True when the target date has passed and the status is not final (DESIGN.md "overdue"). */
export function isOverdue(input: DeadlineInput, today: CalendarDate): boolean {
  return deadlineState(input, today).kind === "overdue";
}

/** The last day of the period `date` falls in at `precision` (e.g. year → 31 Dec). */
export function endOfPeriod(date: CalendarDate, precision: TargetPrecision): CalendarDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (precision) {
    case "day":
      return date;
    case "year":
      return `${y}-12-31`;
    case "quarter": {
      const lastMonth = Math.ceil(m / 3) * 3;
      const next = lastMonth === 12 ? `${y + 1}-01-01` : `${y}-${String(lastMonth + 1).padStart(2, "0")}-01`;
      return addDays(next, -1);
    }
    case "month": {
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
      return addDays(next, -1);
    }
  }
}
