/**
 * Calendar periods for the deadline resolver (lib/import/deadlines.ts): a year, half, quarter,
 * month or day as its first and last day, and the arithmetic the rules need ("six months on",
 * "the next March still to come"). Pure string/UTC arithmetic on `YYYY-MM-DD` calendar dates
 * (lib/calendar-date.ts), so no time zone can shift a day.
 */
import { addDays, type CalendarDate } from "../calendar-date";
import { endOfPeriod, type TargetPrecision } from "../target-date";

/** A stretch of days: `start` and `end` inclusive, and the precision its end is known to. */
export interface Period {
  start: CalendarDate;
  end: CalendarDate;
  precision: TargetPrecision;
}

/** A target: the last day allowed and its precision. */
export interface Target {
  date: CalendarDate;
  precision: TargetPrecision;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY-MM-01` for a year and a 1-based month. */
function firstOfMonth(year: number, month: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-01`;
}

/** The document date's year, month and day as numbers. */
export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function yearPeriod(year: number): Period {
  return { start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31`, precision: "year" };
}

/** Month 1–12 of `year`. */
export function monthPeriod(year: number, month: number): Period {
  const start = firstOfMonth(year, month);
  return { start, end: endOfPeriod(start, "month"), precision: "month" };
}

/** Quarter 1–4 of `year`. */
export function quarterPeriod(year: number, quarter: number): Period {
  const start = firstOfMonth(year, quarter * 3 - 2);
  return { start, end: endOfPeriod(start, "quarter"), precision: "quarter" };
}

/** Half 1–2 of `year`; its end is known to the month (30 June, 31 December). */
export function halfPeriod(year: number, half: number): Period {
  const start = firstOfMonth(year, half === 1 ? 1 : 7);
  return { start, end: half === 1 ? `${pad(year, 4)}-06-30` : `${pad(year, 4)}-12-31`, precision: "month" };
}

/** One day. */
export function dayPeriod(date: CalendarDate): Period {
  return { start: date, end: date, precision: "day" };
}

/**
 * The period's last day, or with `before` ("before 2028": before the period begins) the day
 * before its first day, at the same precision (2027-12-31, year).
 */
export function periodTarget(period: Period, before: boolean): Target {
  return { date: before ? addDays(period.start, -1) : period.end, precision: period.precision };
}

/**
 * `date` moved by whole months, the day kept or clamped to the month's last day
 * (2024-02-29 + 24 months → 2026-02-28; 2024-08-31 + 6 → 2025-02-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = Number(endOfPeriod(firstOfMonth(y, m), "month").slice(8, 10));
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, last))}`;
}

/**
 * For a period named without its year ("in March", "Q3", "in the second half"): this year's when
 * its last day is on or after the document date (still to come, or under way), else next year's.
 */
export function yearToCome(documentDate: CalendarDate, periodOf: (year: number) => Period): Period {
  const { year } = dateParts(documentDate);
  const thisYear = periodOf(year);
  return thisYear.end >= documentDate ? thisYear : periodOf(year + 1);
}
