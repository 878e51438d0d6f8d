/**
 * How fresh a commitment's record is (issue 4): days since its last assessment (`isAssessment`) — or, before any,
 * since its agreement was signed or it was added — and the "stale" flag: more than STALE_AFTER_DAYS without an update
 * while the status is not final.
 */
import { type CalendarDate, daysBetween } from "./calendar-date";
import { isFinal, type Status } from "./status";

export const STALE_AFTER_DAYS = 180;

/**
 * True when a timeline entry is an assessment: a status update posted by staff (or loaded with a
 * dataset) that says where the commitment stands — its status and, when given, its progress.
 * An entry written because an admin moved the target date (it records `targetDateFrom` ≠
 * `targetDateTo`) is on the public timeline but assesses nothing, so it never makes a record look
 * fresh (issue 8, defect 9). The same rule in SQL: `assessmentOnly()` in db/queries/shared.ts.
 */
export function isAssessment(entry: {
  targetDateFrom: CalendarDate | null;
  targetDateTo: CalendarDate | null;
}): boolean {
  return entry.targetDateFrom === entry.targetDateTo;
}

export interface Freshness {
  /** the date counted from: the last update, else when it was added or its agreement's date */
  since: CalendarDate | null;
  /** whole days from `since` to today (negative when `since` is after today); null when there is no date at all */
  days: number | null;
  /** true when there is no status update yet (`since` is the agreement's date or the day it was added) */
  neverUpdated: boolean;
  /** true when `since` is the day the commitment was added to the tracker, after its agreement */
  sinceAdded: boolean;
  stale: boolean;
}

/**
 * Freshness on `today` of a commitment with the given last update. Without one, it counts from the
 * later of its agreement's date and the day it was added through the admin area (`addedOn`), so a
 * milestone added today is not "700 days without an update".
 */
export function freshness(
  input: {
    status: Status;
    lastUpdatedOn: CalendarDate | null;
    agreementSignedOn: CalendarDate | null;
    addedOn?: CalendarDate | null;
  },
  today: CalendarDate,
): Freshness {
  const addedOn = input.addedOn ?? null;
  const sinceAdded =
    input.lastUpdatedOn === null &&
    addedOn !== null &&
    (input.agreementSignedOn === null || addedOn > input.agreementSignedOn);
  const since = input.lastUpdatedOn ?? (sinceAdded ? addedOn : input.agreementSignedOn);
  const days = since ? daysBetween(since, today) : null;
  return {
    since,
    days,
    neverUpdated: input.lastUpdatedOn === null,
    sinceAdded,
    stale: days !== null && days > STALE_AFTER_DAYS && !isFinal(input.status),
  };
}

/**
 * "today", "yesterday", "12 days ago"; for a date after today (a negative count: an update or a
 * date typed ahead, or one seen from an as-of date) "tomorrow", "in 3 days" — never "today".
 */
export function daysAgo(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days === -1) return "tomorrow";
  if (days < 0) return `in ${-days} days`;
  return `${days} days ago`;
}
