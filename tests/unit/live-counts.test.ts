/**
 * The summary table of live counts (drizzle/0012_read_summaries.sql) against a recount from the rows,
 * after each kind of write the app makes (and a few it does not, such as a hard delete): its
 * triggers must keep it equal to the GROUP BY it replaces.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";

import { createTempDb, type TempDb } from "../support/temp-db";

let t: TempDb;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 500, seed: 4 });
}, 60_000);
afterAll(() => t.cleanup());

interface CountRow {
  dimension: string;
  key: string;
  level: string;
  status: string;
  n: number;
}

const LEVEL = `CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END`;

/** What the table should hold: the counts recomputed from every live row (rows at 0 left out). */
function recount(): CountRow[] {
  return t.db.all<CountRow>(
    sql.raw(`SELECT dimension, key, level, status, count(*) AS n FROM (
      SELECT 'all' AS dimension, '' AS key, ${LEVEL} AS level, c.status FROM commitments c WHERE c.live = 1
      UNION ALL SELECT 'agreement', CAST(c.agreement_id AS TEXT), ${LEVEL}, c.status FROM commitments c WHERE c.live = 1
      UNION ALL SELECT 'theme', c.theme, ${LEVEL}, c.status FROM commitments c WHERE c.live = 1
      UNION ALL SELECT 'owner', c.owner, ${LEVEL}, c.status FROM commitments c WHERE c.live = 1
      UNION ALL SELECT 'strength', coalesce(c.strength, ''), ${LEVEL}, c.status FROM commitments c WHERE c.live = 1
      UNION ALL SELECT 'party', cp.party_code, ${LEVEL}, c.status
        FROM commitments c JOIN commitment_parties cp ON cp.commitment_id = c.id WHERE c.live = 1)
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
  );
}

function stored(): CountRow[] {
  return t.db.all<CountRow>(
    sql`SELECT dimension, key, level, status, n FROM live_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4`,
  );
}

function firstId(where: string): number {
  const row = t.db.get<{ id: number }>(sql.raw(`SELECT id FROM commitments c WHERE ${where} ORDER BY id LIMIT 1`));
  if (!row) throw new Error(`no commitment where ${where}`);
  return row.id;
}

describe("live_counts", () => {
  it("equals the recount on a grown database", () => {
    const counts = stored();
    expect(counts.length).toBeGreaterThan(100);
    expect(counts).toEqual(recount());
    // The default order's 'all' total is every live row.
    const all = t.db.get<{ n: number }>(sql`SELECT sum(n) AS n FROM live_counts WHERE dimension = 'all'`)?.n;
    expect(all).toBe(t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments WHERE live = 1`)?.n);
  });

  it("never goes negative and has no row for a value nobody holds", () => {
    expect(t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM live_counts WHERE n < 0`)?.n).toBe(0);
  });

  const writes: [string, () => void][] = [
    [
      "a status change",
      () =>
        t.db.run(
          sql.raw(
            `UPDATE commitments SET status = 'stalled' WHERE id = ${firstId("c.status <> 'stalled' AND c.live = 1")}`,
          ),
        ),
    ],
    [
      "a theme, owner and strength change",
      () =>
        t.db.run(
          sql.raw(`UPDATE commitments SET theme = 'Brand new theme', owner = 'A new ministry', strength = NULL
        WHERE id = ${firstId("c.strength IS NOT NULL AND c.live = 1")}`),
        ),
    ],
    [
      "a title-only change (no counted column)",
      () => t.db.run(sql.raw(`UPDATE commitments SET title = 'Renamed' WHERE id = ${firstId("c.live = 1")}`)),
    ],
    [
      "a soft delete of a parent (its milestones leave too)",
      () =>
        t.db.run(
          sql.raw(`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z'
        WHERE id = ${firstId("c.live = 1 AND EXISTS (SELECT 1 FROM commitments m WHERE m.parent_id = c.id AND m.live = 1)")}`),
        ),
    ],
    [
      "a restore of that parent",
      () => t.db.run(sql`UPDATE commitments SET deleted_at = NULL WHERE deleted_at = '2026-01-01T00:00:00.000Z'`),
    ],
    [
      "a milestone made top-level (level changes)",
      () =>
        t.db.run(
          sql.raw(
            `UPDATE commitments SET parent_id = NULL WHERE id = ${firstId("c.parent_id IS NOT NULL AND c.live = 1")}`,
          ),
        ),
    ],
    [
      "a commitment moved to another agreement",
      () =>
        t.db.run(
          sql.raw(`UPDATE commitments SET agreement_id = (SELECT max(id) FROM agreements)
        WHERE id = ${firstId("c.parent_id IS NULL AND c.live = 1 AND c.source_document_id IS NULL AND c.agreement_id <> (SELECT max(id) FROM agreements)")}`),
        ),
    ],
    [
      "an agreement deleted",
      () =>
        t.db.run(
          sql`UPDATE agreements SET deleted_at = '2026-01-02T00:00:00.000Z' WHERE id = (SELECT min(id) FROM agreements)`,
        ),
    ],
    [
      "the agreement restored",
      () => t.db.run(sql`UPDATE agreements SET deleted_at = NULL WHERE deleted_at = '2026-01-02T00:00:00.000Z'`),
    ],
    [
      "the parties of a commitment replaced (delete, then insert)",
      () => {
        const id = firstId("c.live = 1 AND EXISTS (SELECT 1 FROM commitment_parties cp WHERE cp.commitment_id = c.id)");
        t.db.run(sql.raw(`DELETE FROM commitment_parties WHERE commitment_id = ${id}`));
        t.db.run(
          sql.raw(
            `INSERT INTO commitment_parties (commitment_id, party_code) SELECT ${id}, code FROM parties ORDER BY code LIMIT 1`,
          ),
        );
      },
    ],
    [
      "a party row changed in place",
      () =>
        t.db.run(sql`UPDATE commitment_parties SET party_code = (SELECT max(code) FROM parties)
        WHERE rowid = (SELECT min(rowid) FROM commitment_parties cp WHERE party_code <> (SELECT max(code) FROM parties)
          AND NOT EXISTS (SELECT 1 FROM commitment_parties o WHERE o.commitment_id = cp.commitment_id AND o.party_code = (SELECT max(code) FROM parties)))`),
    ],
    [
      "a new commitment with its parties",
      () => {
        const agreement = t.db.get<{ id: number }>(
          sql`SELECT min(id) AS id FROM agreements WHERE deleted_at IS NULL`,
        )!.id;
        t.db.run(sql`INSERT INTO commitments (agreement_id, ref, title, theme, owner, status)
        VALUES (${agreement}, 'x1', 'New', 'Trade', 'Ministry of Trade', 'in_progress')`);
        t.db.run(sql`INSERT INTO commitment_parties (commitment_id, party_code)
        SELECT (SELECT max(id) FROM commitments), code FROM parties ORDER BY code LIMIT 2`);
      },
    ],
    [
      "a hard delete of a commitment and its party rows",
      () => {
        const id = firstId(
          "c.live = 1 AND NOT EXISTS (SELECT 1 FROM commitments m WHERE m.parent_id = c.id) AND NOT EXISTS (SELECT 1 FROM status_updates s WHERE s.commitment_id = c.id) AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.commitment_id = c.id)",
        );
        t.db.run(sql.raw(`DELETE FROM commitment_parties WHERE commitment_id = ${id}`));
        t.db.run(sql.raw(`DELETE FROM commitments WHERE id = ${id}`));
      },
    ],
  ];

  for (const [label, write] of writes) {
    it(`stays equal to the recount after ${label}`, () => {
      const before = stored();
      write();
      const after = stored();
      expect(after).toEqual(recount());
      if (!label.includes("title-only")) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    });
  }
});

describe("commitments.last_assessed_on", () => {
  const mismatches = () =>
    t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments c WHERE c.last_assessed_on IS NOT
      (SELECT max(s.happened_on) FROM status_updates s WHERE s.commitment_id = c.id AND s.target_date_from IS s.target_date_to)`)
      ?.n;
  const someUpdate = () =>
    t.db.get<{ id: number; commitmentId: number }>(sql`SELECT id, commitment_id AS commitmentId FROM status_updates
      WHERE target_date_from IS target_date_to ORDER BY happened_on DESC, id LIMIT 1`)!;

  it("holds each commitment's latest assessment on a grown database", () => {
    expect(
      t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments WHERE last_assessed_on IS NOT NULL`)?.n,
    ).toBeGreaterThan(400);
    expect(mismatches()).toBe(0);
  });

  it("follows a new assessment, and ignores a target move", () => {
    const { commitmentId } = someUpdate();
    t.db
      .run(sql`INSERT INTO status_updates (commitment_id, happened_on, status_from, status_to, note, target_date_from, target_date_to)
      VALUES (${commitmentId}, '2026-11-30', 'in_progress', 'in_progress', 'Checked', NULL, NULL)`);
    expect(
      t.db.get<{ d: string }>(sql`SELECT last_assessed_on AS d FROM commitments WHERE id = ${commitmentId}`)?.d,
    ).toBe("2026-11-30");
    t.db
      .run(sql`INSERT INTO status_updates (commitment_id, happened_on, status_from, status_to, note, target_date_from, target_date_to)
      VALUES (${commitmentId}, '2026-12-01', 'in_progress', 'in_progress', 'Moved', '2026-01-01', '2027-01-01')`);
    expect(
      t.db.get<{ d: string }>(sql`SELECT last_assessed_on AS d FROM commitments WHERE id = ${commitmentId}`)?.d,
    ).toBe("2026-11-30");
    expect(mismatches()).toBe(0);
  });

  it("follows an update moved to another day or commitment, and a deleted one", () => {
    const u = someUpdate();
    t.db.run(sql`UPDATE status_updates SET happened_on = '2020-01-01' WHERE id = ${u.id}`);
    expect(mismatches()).toBe(0);
    const other = t.db.get<{ id: number }>(
      sql`SELECT id FROM commitments WHERE id <> ${u.commitmentId} ORDER BY id LIMIT 1`,
    )!.id;
    t.db.run(sql`UPDATE status_updates SET commitment_id = ${other}, happened_on = '2026-11-29' WHERE id = ${u.id}`);
    expect(mismatches()).toBe(0);
    t.db.run(sql`DELETE FROM evidence WHERE status_update_id = ${u.id}`);
    t.db.run(sql`DELETE FROM status_updates WHERE id = ${u.id}`);
    expect(mismatches()).toBe(0);
  });
});
