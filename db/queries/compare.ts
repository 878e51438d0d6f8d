/**
 * The compare view in SQL (issue 9): which live commitments changed between two dates, by the rule
 * of lib/compare.ts `compareDates` (the reference; tests/unit/compare-sql.test.ts checks the two
 * agree on a grown database).
 *
 * Only a row with a status update in (from, to], an ancestor of one (its roll-up can move), or a
 * row of an agreement signed in (from, to] (it did not exist yet on `from`) can have changed: the
 * candidates come from `status_updates_happened_idx` and the agreements, never a scan of every
 * row. For each candidate the status and own progress as of both dates are correlated sub-selects
 * on `status_updates_history_idx (commitment_id, happened_on, id, …; covering, migration 0018)`. The effective progress
 * (lib/progress.ts) of a row equals its own (clamped; 100 when fulfilled without one) unless it has
 * live milestones and no own progress on a date: those few rows are rolled up with
 * `rolledProgress`, the reference rule, and their verdict is passed back as one JSON array.
 */
import { type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { asOfRow, type Count } from "../../lib/commitment-list";
import type { Change } from "../../lib/compare";
import type { Status } from "../../lib/status";
import type { Db } from "../client";
import { catalogRows, rolledProgress } from "./list";

export interface CompareQuery {
  from: CalendarDate;
  to: CalendarDate;
  /** an agreement's slug, or undefined for every agreement */
  agreement?: string;
}

export interface CompareResult {
  /** every changed row, by level */
  total: Count;
  /** the changed rows of this page, in the list's agreement order */
  changes: Change[];
  /** the page shown (clamped to 1…pages) and how many there are */
  page: number;
  pages: number;
}

/** The effective progress of a row with no milestones, in SQL (lib/progress.ts rules 1 and 3). */
function leafProgress(progress: string, status: string): SQL {
  return sql.raw(
    `CASE WHEN ${progress} IS NOT NULL THEN max(0, min(100, round(${progress}))) WHEN ${status} = 'fulfilled' THEN 100 END`,
  );
}

/**
 * The candidates with their status and own progress on both dates: columns id, top (1 for a
 * commitment, 0 for a milestone), fresh (1 when its agreement was signed after `from`), kids (1
 * when it has live milestones), s1/p1 on `from` and s2/p2 on `to`, and the ordering keys.
 */
function candidates(q: CompareQuery, touchedBy: "updates" | "rows"): SQL {
  const statusOn = (day: CalendarDate) =>
    sql`coalesce((SELECT s.status_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= ${day}
      ORDER BY s.happened_on DESC, s.id DESC LIMIT 1), 'not_assessed')`;
  const progressOn = (day: CalendarDate) =>
    sql`(SELECT s.progress_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= ${day}
      AND s.progress_to IS NOT NULL ORDER BY s.happened_on DESC, s.id DESC LIMIT 1)`;
  return sql`
    touched(id) AS (${
      touchedBy === "updates"
        ? sql`SELECT DISTINCT s.commitment_id FROM status_updates s
          WHERE s.happened_on > ${q.from} AND s.happened_on <= ${q.to}`
        : sql`SELECT c.id FROM commitments c
          ${q.agreement === undefined ? sql`` : sql`JOIN agreements a ON a.id = c.agreement_id AND a.slug = ${q.agreement}`}
          WHERE c.live = 1 AND EXISTS (SELECT 1 FROM status_updates s WHERE s.commitment_id = c.id
            AND s.happened_on > ${q.from} AND s.happened_on <= ${q.to})`
    }),
    up(id) AS (SELECT id FROM touched
      UNION SELECT c.parent_id FROM up JOIN commitments c ON c.id = up.id WHERE c.parent_id IS NOT NULL),
    cand(id) AS (SELECT id FROM up
      UNION SELECT c.id FROM agreements a JOIN commitments c ON c.agreement_id = a.id AND c.live = 1
        WHERE a.signed_on > ${q.from} AND a.signed_on <= ${q.to}
        ${q.agreement === undefined ? sql`` : sql`AND a.slug = ${q.agreement}`}),
    v AS MATERIALIZED (
      SELECT c.id, c.parent_id IS NULL AS top, coalesce(a.signed_on > ${q.from}, 0) AS fresh,
        EXISTS (SELECT 1 FROM commitments k WHERE k.parent_id = c.id AND +k.live = 1) AS kids,
        ${statusOn(q.from)} AS s1, ${progressOn(q.from)} AS p1, ${statusOn(q.to)} AS s2, ${progressOn(q.to)} AS p2,
        a.signed_on AS signedOn, a.id AS agreementId, c.position
      FROM cand JOIN commitments c ON c.id = cand.id AND c.live = 1 JOIN agreements a ON a.id = c.agreement_id
      WHERE (a.signed_on IS NULL OR a.signed_on <= ${q.to})
        ${q.agreement === undefined ? sql`` : sql`AND a.slug = ${q.agreement}`})`;
}

/** Below this many status updates in the range, the candidates start from those updates. */
const FEW_UPDATES = 5000;

/** Rows whose verdict needs the roll-up: not fresh, same status, milestones, no own progress on a date. */
const NEEDS_ROLL_UP = sql`(fresh = 0 AND s1 = s2 AND kids = 1 AND (p1 IS NULL OR p2 IS NULL))`;

/** The verdict in SQL for the rows that need no roll-up, or the rolled-up rows found changed. */
function changed(rolledChanged: readonly number[]): SQL {
  return sql`(fresh = 1 OR s1 <> s2
    OR (NOT ${NEEDS_ROLL_UP} AND ${leafProgress("p1", "s1")} IS NOT ${leafProgress("p2", "s2")})
    OR id IN (SELECT value FROM json_each(${JSON.stringify(rolledChanged)})))`;
}

/**
 * What changed between `from` and `to` (from ≤ to, both calendar dates), optionally in one
 * agreement: the total by level and page `page` (1-based, clamped) of `pageSize` rows as
 * `compareDates` gives them (row as of `to` with its rolled-up progress, status and progress on
 * `from`, null when the agreement was not signed yet). Order: the list's agreement order (latest
 * signed agreement first, then position, then id).
 */
export function compareChanges(db: Db, q: CompareQuery, page: number, pageSize: number): CompareResult {
  // Few updates in the range (or none): start from them. Many, or one agreement: start from the
  // live rows (of that agreement), one EXISTS seek each on status_updates_history_idx.
  const few =
    q.agreement === undefined &&
    (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM status_updates
      WHERE happened_on > ${q.from} AND happened_on <= ${q.to} LIMIT ${FEW_UPDATES})`)?.n ?? 0) < FEW_UPDATES;
  const base = candidates(q, few ? "updates" : "rows");
  /** One statement, one evaluation of the candidates: the rows needing a roll-up, the total, a page. */
  const run = (rolledChanged: readonly number[], offset: number) => {
    const r = db.get<{ maybe: string; commitments: number; milestones: number; page: string }>(sql`
      WITH RECURSIVE ${base}, ch AS (SELECT * FROM v WHERE ${changed(rolledChanged)})
      SELECT (SELECT json_group_array(json_array(id, top)) FROM v WHERE ${NEEDS_ROLL_UP}) AS maybe,
        (SELECT coalesce(sum(top), 0) FROM ch) AS commitments, (SELECT coalesce(sum(1 - top), 0) FROM ch) AS milestones,
        (SELECT json_group_array(json_array(id, fresh, s1)) FROM (SELECT id, fresh, s1 FROM ch
          ORDER BY signedOn IS NULL, signedOn DESC, agreementId, position, id LIMIT ${pageSize} OFFSET ${offset})) AS page`);
    return {
      maybe: JSON.parse(r?.maybe ?? "[]") as [number, number][],
      total: { commitments: r?.commitments ?? 0, milestones: r?.milestones ?? 0 },
      listed: (JSON.parse(r?.page ?? "[]") as [number, number, Status][]).map(([id, fresh, s1]) => ({ id, fresh, s1 })),
    };
  };
  const asked = Math.max(1, page);
  const first = run([], (asked - 1) * pageSize);
  const rolledChanged: number[] = [];
  const total = { ...first.total };
  if (first.maybe.length > 0) {
    const ids = first.maybe.map(([id]) => id);
    const before = rolledProgress(db, ids, q.from);
    const after = rolledProgress(db, ids, q.to);
    for (const [id, top] of first.maybe) {
      if ((before.get(id) ?? null) === (after.get(id) ?? null)) continue;
      rolledChanged.push(id);
      if (top) total.commitments += 1;
      else total.milestones += 1;
    }
  }
  const pages = Math.max(1, Math.ceil((total.commitments + total.milestones) / pageSize));
  const shown = Math.min(asked, pages);
  // Again only when a rolled-up row joins the list or the page asked for is past the last.
  const listed =
    rolledChanged.length > 0 || shown !== asked ? run(rolledChanged, (shown - 1) * pageSize).listed : first.listed;
  const ids = listed.map((r) => r.id);
  const rows = new Map(catalogRows(db, ids).map((r) => [r.id, r]));
  const fromProgress = rolledProgress(db, ids, q.from);
  const toProgress = rolledProgress(db, ids, q.to);
  const changes = listed.flatMap((l): Change[] => {
    const today = rows.get(l.id);
    const after = today ? asOfRow(today, q.to) : null;
    if (!after) return [];
    const progress = toProgress.get(l.id) ?? null;
    return [
      {
        row: { ...after, progress },
        fromStatus: l.fresh ? null : l.s1,
        toStatus: after.status,
        fromProgress: l.fresh ? null : (fromProgress.get(l.id) ?? null),
        toProgress: progress,
      },
    ];
  });
  return { total, changes, page: shown, pages };
}
