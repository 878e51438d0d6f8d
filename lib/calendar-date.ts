/**
 * Calendar dates as `YYYY-MM-DD` strings (DESIGN.md: "dates as ISO strings, never local time").
 *
 * A calendar date names a day, not an instant, so it is never turned into a `Date` at local
 * midnight: everything here works on the string or on UTC, and no time zone can shift it.
 * "Today" is the calendar date in the app's reference time zone (`APP_TIME_ZONE`, an IANA name,
 * default UTC), read with `Intl.DateTimeFormat` (ECMA-402).
 */
import { z } from "zod";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A branded string known to be a real calendar date in `YYYY-MM-DD` form. */
export type CalendarDate = string & { readonly __brand?: "CalendarDate" };

/** True when `value` is `YYYY-MM-DD` and names a day that exists (2025-02-29 does not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Zod schema for a calendar date, with an error message that names the expected form. */
export const ZCalendarDate = z.string().trim().refine(isCalendarDate, { message: "Enter a real date as YYYY-MM-DD" });

/**
 * The calendar date of `instant` in `timeZone` (an IANA name such as "Asia/Seoul").
 * @throws RangeError when `timeZone` is not a time zone the runtime knows.
 */
export function calendarDateIn(timeZone: string, instant: Date = new Date()): CalendarDate {
  // en-CA formats as YYYY-MM-DD; formatToParts keeps us independent of that detail.
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

// Building an Intl.DateTimeFormat costs far more than using one, and "today" is asked on every request.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function toUtcDay(date: CalendarDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return t.getTime() / 86_400_000;
}

/**
 * Whole days from `from` to `to` (positive when `to` is later).
 * @throws RangeError when either is not a calendar date.
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toUtcDay(to) - toUtcDay(from);
}

/** `date` moved by `days` (may be negative). @throws RangeError when `date` is not a calendar date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((toUtcDay(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

const LONG = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const MONTH = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "25 Nov 2024" for "2024-11-25"; read in UTC so the day never shifts. */
export function formatCalendarDate(date: CalendarDate): string {
  return LONG.format(new Date(toUtcDay(date) * 86_400_000));
}

/** "November 2024" for any day of that month. */
export function formatMonth(date: CalendarDate): string {
  return MONTH.format(new Date(toUtcDay(date) * 86_400_000));
}
