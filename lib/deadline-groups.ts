/**
 * The deadlines page of issue 4: open (not final) commitments and milestones in four groups —
 * overdue, due in the next 90 days, later, and no date — each grouped by the month of its target.
 */
import { z } from "zod";

import { addDays, type CalendarDate } from "./calendar-date";
import { isFinal, type Status, STATUS_VALUES } from "./status";

export const SOON_DAYS = 90;

/** Rows a group shows on the deadlines page, and on each page of one group (`?group=…&page=…`). */
export const DEADLINE_PAGE_SIZE = 50;

/** The four groups, as the `group` parameter and the section ids name them. */
export const DEADLINE_GROUPS = ["overdue", "soon", "later", "no-date"] as const;
export type DeadlineGroup = (typeof DEADLINE_GROUPS)[number];

/** The statuses that end a commitment (`isFinal`): rows with one of them are on no deadline list. */
export const FINAL_STATUSES: readonly Status[] = STATUS_VALUES.filter(isFinal);

/**
 * The group of an open row on `today`: overdue (target before today), soon (today up to
 * SOON_DAYS days on, inclusive), later, or no-date. The same rule as `groupDeadlines`.
 */
export function deadlineGroupOf(targetDate: CalendarDate | null, today: CalendarDate): DeadlineGroup {
  if (targetDate === null) return "no-date";
  if (targetDate < today) return "overdue";
  return targetDate <= addDays(today, SOON_DAYS) ? "soon" : "later";
}

/**
 * The deadlines page's parameters: `group` (one of DEADLINE_GROUPS; absent for the overview of all
 * four) and `page` (a whole number from 1, only with `group`). Bad values are issues of the parse,
 * named by field, for the page to show; unknown keys are ignored.
 */
export const deadlineQuerySchema = z.object({
  group: z.enum(DEADLINE_GROUPS, { error: `Use one of: ${DEADLINE_GROUPS.join(", ")}` }).optional(),
  page: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^[1-9][0-9]{0,5}$/.test(v), {
      message: "Use a whole page number from 1 to 999999",
    })
    .transform((v) => (v === undefined ? 1 : Number(v))),
});
export type DeadlineQuery = z.infer<typeof deadlineQuerySchema>;

/**
 * Rows already in the order shown (by target date), cut into runs of one target month, keeping
 * that order: what the page renders under each month heading.
 */
export function monthGroups<T extends DeadlineRow>(rows: readonly T[]): MonthGroup<T>[] {
  const groups: MonthGroup<T>[] = [];
  for (const r of rows) {
    const month = (r.targetDate ?? "").slice(0, 7);
    const last = groups.at(-1);
    if (last && last.month === month) last.rows.push(r);
    else groups.push({ month, rows: [r] });
  }
  return groups;
}

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
