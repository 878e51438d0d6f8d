/**
 * The deadlines page in SQL (issue 9): the open (not final) live commitments and milestones in the
 * four groups of lib/deadline-groups.ts (`groupDeadlines` is the reference rule), counted by level
 * and read a page at a time in target-date order. Index `commitments_live_target_idx (live,
 * target_date, status, parent_id)` covers the counts and drives the ordered pages.
 */
import { type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { addDays } from "../../lib/calendar-date";
import type { Count } from "../../lib/commitment-list";
import { DEADLINE_GROUPS, type DeadlineGroup, FINAL_STATUSES, SOON_DAYS } from "../../lib/deadline-groups";
import type { Status } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";
import type { Db } from "../client";
import { rolledProgress } from "./list";

/** One row of a deadline group, as the page shows it. `progress` is the roll-up (lib/progress.ts). */
export interface DeadlineItem {
  id: number;
  title: string;
  level: "commitment" | "milestone";
  status: Status;
  theme: string;
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  progress: number | null;
  agreement: { id: number; slug: string; title: string };
}

/**
 * Open live rows: the WHERE of the partial index `commitments_deadline_idx`, written out with the
 * statuses as literals (constants of the code, never input) so that SQLite matches it to the index.
 */
const OPEN = sql.raw(`c.live = 1 AND c.status NOT IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(", ")})`);
const open = () => OPEN;

/** The SQL condition on `c.target_date` of `group` on `today` (the rule of `deadlineGroupOf`). */
function inGroup(group: DeadlineGroup, today: CalendarDate): SQL {
  const soonEnd = addDays(today, SOON_DAYS);
  switch (group) {
    case "overdue":
      return sql`c.target_date < ${today}`;
    case "soon":
      return sql`c.target_date >= ${today} AND c.target_date <= ${soonEnd}`;
    case "later":
      return sql`c.target_date > ${soonEnd}`;
    case "no-date":
      return sql`c.target_date IS NULL`;
  }
}

/**
 * How many open live rows each group holds on `today`, commitments and milestones apart (the
 * counting rule). One statement: a range count of `commitments_deadline_idx` per group
 * (`count(*)` and `count(parent_id)`, the milestones), about 3 ms at 50,000 commitments; one pass
 * with eight conditional sums over every open row took 15–20 ms.
 */
export function deadlineCounts(db: Db, today: CalendarDate): Record<DeadlineGroup, Count> {
  const part = (group: DeadlineGroup) =>
    sql`SELECT ${group} AS g, count(*) AS n, count(c.parent_id) AS milestones
      FROM commitments c INDEXED BY commitments_deadline_idx WHERE ${open()} AND ${inGroup(group, today)}`;
  const rows = db.all<{ g: DeadlineGroup; n: number; milestones: number }>(
    sql.join(
      DEADLINE_GROUPS.map((g) => part(g)),
      sql` UNION ALL `,
    ),
  );
  const counts = Object.fromEntries(DEADLINE_GROUPS.map((g) => [g, { commitments: 0, milestones: 0 }])) as Record<
    DeadlineGroup,
    Count
  >;
  for (const r of rows) counts[r.g] = { commitments: r.n - r.milestones, milestones: r.milestones };
  return counts;
}

/**
 * Open live rows whose target date is before `today` (overdue), commitments and milestones apart:
 * one range count of `commitments_deadline_idx` (2–3 ms at 50,000 commitments).
 */
export function overdueCount(db: Db, today: CalendarDate): Count {
  const [row] = db.values<[number, number]>(sql`SELECT count(*), count(c.parent_id)
    FROM commitments c INDEXED BY commitments_deadline_idx WHERE ${open()} AND ${inGroup("overdue", today)}`);
  return { commitments: (row?.[0] ?? 0) - (row?.[1] ?? 0), milestones: row?.[1] ?? 0 };
}

/**
 * `limit` rows of `group` on `today` from `offset` (0-based), in the page's order: overdue newest
 * target first, soon and later soonest first (ties by id, the same way), no-date by id. With each
 * row's agreement and rolled-up progress (read for these rows only).
 */
export function deadlineRows(
  db: Db,
  group: DeadlineGroup,
  today: CalendarDate,
  limit: number,
  offset = 0,
): DeadlineItem[] {
  const order =
    group === "overdue"
      ? sql`c.target_date DESC, c.id DESC`
      : group === "no-date"
        ? sql`c.id`
        : sql`c.target_date, c.id`;
  const rows = db.all<
    Omit<DeadlineItem, "level" | "progress" | "agreement"> & {
      parentId: number | null;
      agreementId: number;
      slug: string;
      agreementTitle: string;
    }
  >(sql`
    SELECT c.id, c.title, c.parent_id AS parentId, c.status, c.theme, c.target_date AS targetDate,
      c.target_precision AS targetPrecision, c.target_phrase AS targetPhrase,
      a.id AS agreementId, a.slug, a.title AS agreementTitle
    FROM (SELECT c.id FROM commitments c INDEXED BY commitments_deadline_idx WHERE ${open()} AND ${inGroup(group, today)}
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) p
      JOIN commitments c ON c.id = p.id JOIN agreements a ON a.id = c.agreement_id
    ORDER BY ${order}`);
  const progress = rolledProgress(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ parentId, agreementId, slug, agreementTitle, ...r }) => ({
    ...r,
    level: parentId === null ? "commitment" : "milestone",
    progress: progress.get(r.id) ?? null,
    agreement: { id: agreementId, slug, title: agreementTitle },
  }));
}

/** True when open live rows belong to more than one agreement (the page then names each row's). */
export function deadlinesSpanAgreements(db: Db): boolean {
  const row = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM (SELECT DISTINCT c.agreement_id FROM commitments c INDEXED BY commitments_deadline_idx WHERE ${open()} LIMIT 2)`);
  return (row?.n ?? 0) > 1;
}
