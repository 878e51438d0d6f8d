/**
 * The one definition of "live" that every read uses (issue 8, defect 7). A commitment or milestone
 * is live when it is not deleted, its agreement is not deleted, and every commitment above it is
 * live. Triggers keep the answer in `commitments.live` (drizzle/0010_live_flag.sql, issue 9: the
 * recursive rule of drizzle/0008 applied top-down to the subtree each write can change) and the SQL
 * view `live_commitments` lists the rows whose flag is 1, so a milestone of a deleted commitment
 * leaves every page, feed, count and export with its parent and comes back when the parent is
 * restored, and a read tests one indexed column instead of walking the tree. Agreements have no parent: a live
 * agreement is one whose `deleted_at` is null (`liveAgreement`).
 *
 * Use these in `where` clauses instead of testing `deleted_at` by hand: `isLiveCommitment` for
 * reads over many rows (one sub-select of the view, no variable per row), `commitmentIsLive` for
 * one commitment.
 */
import { isNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

import { agreements, commitments } from "./schema";

/** `column IN (live commitment ids)`: true for a live commitment's id (`commitments.id`, `status_updates.commitment_id`, …). */
export function isLiveCommitment(column: SQLiteColumn): SQL {
  return sql`${column} IN (SELECT id FROM live_commitments)`;
}

/**
 * `commitments.live = 1`: the `commitments` row in scope is live. A test of one column of the row
 * being read, so a query over a few rows (one agreement, a page, the newest status updates) costs
 * those rows; prefer it to `isLiveCommitment(commitments.id)`, whose sub-select lists every live id
 * (50,000 at issue 9's size) each time it runs.
 */
export function liveCommitment(): SQL {
  return sql`${commitments.live} = 1`;
}

/** `<alias>.live = 1`: the commitment row under that alias (e.g. `c`) is live; for hand-written SQL. */
export function liveRow(alias: string): SQL {
  return sql.raw(`${alias}.live = 1`);
}

/** The agreement row is not deleted. */
export function liveAgreement(): SQL {
  return isNull(agreements.deletedAt);
}

type Reader = { all: <T>(query: SQL) => T[] };

/**
 * True when the commitment with this id is live, by the same rule as the view, walked from the row
 * up to its top-level commitment instead of from every top-level row down: a handful of index
 * lookups rather than the whole table, for reads and writes about one commitment. Its answer
 * equals membership of the view for every row (tests/unit/data-rules.test.ts checks it).
 */
export function commitmentIsLive(db: Reader, id: number): boolean {
  const rows = db.all<{ live: number }>(sql`
    WITH RECURSIVE chain(id, parent_id, deleted_at, agreement_id, depth) AS (
      SELECT id, parent_id, deleted_at, agreement_id, 0 FROM commitments WHERE id = ${id}
      UNION ALL
      SELECT c.id, c.parent_id, c.deleted_at, c.agreement_id, chain.depth + 1
      FROM commitments c JOIN chain ON c.id = chain.parent_id WHERE chain.depth < 100
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE parent_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM chain WHERE deleted_at IS NOT NULL)
      AND NOT EXISTS (
        SELECT 1 FROM chain JOIN agreements a ON a.id = chain.agreement_id WHERE a.deleted_at IS NOT NULL
      ) AS live`);
  return rows[0]?.live === 1;
}
