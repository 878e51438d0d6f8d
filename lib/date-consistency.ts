/**
 * Dates checked against each other (issue 8, defect 8; docs/decisions/009-date-consistency.md).
 * Pure rules: each returns the message to show, naming both dates, or null when the dates agree.
 *
 * Refused (a contradiction nobody means):
 * - a commitment's target date before its agreement was signed;
 * - an agreement's signing date after today (in APP_TIME_ZONE), after one of its status updates,
 *   or after one of its commitments' target dates;
 * - a status update dated before its agreement was signed.
 *
 * Accepted with a visible warning (a real case exists): a milestone whose target date is after its
 * parent commitment's — a follow-up step (ratification, entry into force) can fall after the
 * pledge's own deadline, or the parent's deadline is about to be missed.
 */
import type { CalendarDate } from "./calendar-date";

/** "Target date 2024-01-01 is before the agreement was signed (2024-11-25)", or null. */
export function targetBeforeSigning(targetDate: CalendarDate | null, signedOn: CalendarDate | null): string | null {
  if (!targetDate || !signedOn || targetDate >= signedOn) return null;
  return `Target date ${targetDate} is before the agreement was signed (${signedOn})`;
}

/** "The date it happened, 2024-01-01, is before the agreement was signed (2024-11-25)", or null. */
export function updateBeforeSigning(happenedOn: CalendarDate, signedOn: CalendarDate | null): string | null {
  if (!signedOn || happenedOn >= signedOn) return null;
  return `The date it happened, ${happenedOn}, is before the agreement was signed (${signedOn})`;
}

export interface SigningContext {
  today: CalendarDate;
  /** the earliest `happened_on` of the agreement's status updates, if it has any */
  earliestUpdate: CalendarDate | null;
  /** the earliest target date of the agreement's commitments, with that commitment's number */
  earliestTarget: { date: CalendarDate; ref: string } | null;
}

/** Why `signedOn` cannot be the agreement's signing date, naming both dates; null when it can. */
export function signingDateProblem(signedOn: CalendarDate | null, context: SigningContext): string | null {
  if (!signedOn) return null;
  if (signedOn > context.today) return `Signing date ${signedOn} is after today (${context.today})`;
  if (context.earliestUpdate && signedOn > context.earliestUpdate)
    return `Signing date ${signedOn} is after the agreement's earliest status update (${context.earliestUpdate})`;
  if (context.earliestTarget && signedOn > context.earliestTarget.date)
    return `Signing date ${signedOn} is after the target date of commitment ${context.earliestTarget.ref} (${context.earliestTarget.date})`;
  return null;
}

/** The warning for a milestone due after its parent commitment, naming both dates; null otherwise. */
export function milestoneAfterParent(
  milestoneTarget: CalendarDate | null,
  parent: { ref: string; targetDate: CalendarDate | null } | null,
): string | null {
  if (!milestoneTarget || !parent?.targetDate || milestoneTarget <= parent.targetDate) return null;
  return `This milestone's target date, ${milestoneTarget}, is after the target date of commitment ${parent.ref} (${parent.targetDate}). It is saved; check that this is meant.`;
}
