/**
 * The one definition of "live" that every read uses (issue 8, defect 7). A commitment or milestone
 * is live when it is not deleted, its agreement is not deleted, and every commitment above it is
 * live; the SQL view `live_commitments` (drizzle/0007_live_commitments_view.sql) computes it in one
 * recursive query, so a milestone of a deleted commitment leaves every page, feed, count and export
 * with its parent and comes back when the parent is restored. Agreements have no parent: a live
 * agreement is one whose `deleted_at` is null (`liveAgreement`).
 *
 * Use these conditions in `where` clauses instead of testing `deleted_at` by hand. Each binds no
 * variable per row (the view is one sub-select), so they scale with the table.
 */
import { isNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

import { agreements } from "./schema";

/** `column IN (live commitment ids)`: true for a live commitment's id (`commitments.id`, `status_updates.commitment_id`, …). */
export function isLiveCommitment(column: SQLiteColumn): SQL {
  return sql`${column} IN (SELECT id FROM live_commitments)`;
}

/** The agreement row is not deleted. */
export function liveAgreement(): SQL {
  return isNull(agreements.deletedAt);
}

type Reader = { all: <T>(query: SQL) => T[] };

/** True when the commitment with this id is live (see the module comment). */
export function commitmentIsLive(db: Reader, id: number): boolean {
  return db.all<{ n: number }>(sql`SELECT count(*) AS n FROM live_commitments WHERE id = ${id}`)[0]?.n === 1;
}
