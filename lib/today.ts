/**
 * "Today" for the app: the calendar date in the reference time zone `APP_TIME_ZONE` (default UTC),
 * as DESIGN.md requires for overdue / due today.
 */
import { type CalendarDate, calendarDateIn } from "./calendar-date";
import { readEnv } from "./env";

/** Today's calendar date in the app's reference time zone. */
export function appToday(now: Date = new Date()): CalendarDate {
  return calendarDateIn(readEnv().APP_TIME_ZONE, now);
}
