/**
 * How fresh a commitment's record is (issue 4): days since its last status update — or, before any,
 * since its agreement was signed — and the "stale" flag: more than STALE_AFTER_DAYS without an update
 * while the status is not final.
 */
import { type CalendarDate, daysBetween } from "./calendar-date";
import { isFinal, type Status } from "./status";

export const STALE_AFTER_DAYS = 180;

export interface Freshness {
  /** the date counted from: the last update, else the agreement's date, else null */
  since: CalendarDate | null;
  /** whole days from `since` to today; null when there is no date at all */
  days: number | null;
  /** true when the last update is the agreement's own date (no status update yet) */
  neverUpdated: boolean;
  stale: boolean;
}

/** Freshness on `today` of a commitment with the given last update and agreement date. */
export function freshness(
  input: { status: Status; lastUpdatedOn: CalendarDate | null; agreementSignedOn: CalendarDate | null },
  today: CalendarDate,
): Freshness {
  const since = input.lastUpdatedOn ?? input.agreementSignedOn;
  const days = since ? Math.max(0, daysBetween(since, today)) : null;
  return {
    since,
    days,
    neverUpdated: input.lastUpdatedOn === null,
    stale: days !== null && days > STALE_AFTER_DAYS && !isFinal(input.status),
  };
}

/** "today", "yesterday", "12 days ago". */
export function daysAgo(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}
