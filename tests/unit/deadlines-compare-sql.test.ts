/**
 * The deadlines page and the compare view in SQL (db/queries/deadlines.ts, db/queries/compare.ts)
 * against their reference rules in JavaScript (lib/deadline-groups.ts `groupDeadlines`,
 * lib/compare.ts `compareDates`) over every row (tests/support/catalog.ts), on the default dataset
 * grown by the generator (db/grow.ts) to a few thousand rows: built once for the file.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { compareChanges } from "@/db/queries/compare";
import { deadlineCounts, deadlineRows, deadlinesSpanAgreements } from "@/db/queries/deadlines";
import { type CatalogRow, countByLevel } from "@/lib/commitment-list";
import { compareDates } from "@/lib/compare";
import { DEADLINE_GROUPS, type DeadlineGroup, groupDeadlines, monthGroups } from "@/lib/deadline-groups";

import { loadCatalog } from "../support/catalog";
import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
let catalog: CatalogRow[];

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 2500, seed: 10 });
  // A deleted milestone and a deleted parent, so "live" is exercised by the SQL too.
  t.db.run(sql`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z'
    WHERE id IN (SELECT id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 7)`);
  t.db.run(sql`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z'
    WHERE id IN (SELECT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 40)`);
  // Parents that never recorded a progress of their own, so their progress is their milestones'
  // (the roll-up path of the compare view), and one with no target date.
  t.db.run(sql`UPDATE status_updates SET progress_to = NULL WHERE commitment_id IN
    (SELECT DISTINCT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY parent_id LIMIT 60)`);
  t.db.run(sql`UPDATE commitments SET progress = NULL WHERE id IN
    (SELECT DISTINCT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY parent_id LIMIT 60)`);
  t.db.run(sql`UPDATE commitments SET target_date = NULL, target_precision = NULL
    WHERE id IN (SELECT id FROM commitments ORDER BY id DESC LIMIT 30)`);
  catalog = loadCatalog(t.db).sort((a, b) => a.id - b.id);
}, 120_000);
afterAll(() => t.cleanup());

/** Every row of `group` on `day`, read page by page as the page reads them. */
function allRows(group: DeadlineGroup, day: string, pageSize: number) {
  const out = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = deadlineRows(t.db, group, day, pageSize, offset);
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}

describe("deadlines in SQL equal groupDeadlines over every row", () => {
  it.each([TODAY, "2025-03-01", "2028-06-30"])("on %s", (day) => {
    const want = groupDeadlines(catalog, day);
    const wantRows: Record<DeadlineGroup, CatalogRow[]> = {
      overdue: want.overdue.flatMap((m) => m.rows),
      soon: want.soon.flatMap((m) => m.rows),
      later: want.later.flatMap((m) => m.rows),
      "no-date": want.noDate,
    };
    const counts = deadlineCounts(t.db, day);
    for (const group of DEADLINE_GROUPS) {
      expect(counts[group], group).toEqual(countByLevel(wantRows[group]));
      const got = allRows(group, day, 97);
      // Same rows in the same order (ties by id), with what the page shows of each.
      expect(
        got.map((r) => r.id),
        group,
      ).toEqual(wantRows[group].map((r) => r.id));
      const byId = new Map(catalog.map((r) => [r.id, r]));
      for (const r of got) {
        const c = byId.get(r.id)!;
        expect(r).toEqual({
          id: c.id,
          title: c.title,
          level: c.level,
          status: c.status,
          theme: c.theme,
          targetDate: c.targetDate,
          targetPrecision: c.targetPrecision,
          targetPhrase: c.targetPhrase,
          progress: c.progress,
          agreement: { id: c.agreement.id, slug: c.agreement.slug, title: c.agreement.title },
        });
      }
      if (group !== "no-date") {
        const months = monthGroups(got).map((m) => [m.month, m.rows.map((r) => r.id)]);
        const wantMonths = (group === "overdue" ? want.overdue : group === "soon" ? want.soon : want.later).map((m) => [
          m.month,
          m.rows.map((r) => r.id),
        ]);
        expect(months, group).toEqual(wantMonths);
      }
    }
    expect(Object.values(counts).every((c) => c.commitments > 0)).toBe(true);
  });

  it("has milestones and several agreements to count", () => {
    const counts = deadlineCounts(t.db, TODAY);
    expect(counts.overdue.milestones).toBeGreaterThan(0);
    expect(counts.overdue.commitments + counts.overdue.milestones).toBeGreaterThan(200);
    expect(deadlinesSpanAgreements(t.db)).toBe(true);
  });
});

/** The list's agreement order, which the compare view pages in. */
function agreementOrder(a: CatalogRow, b: CatalogRow): number {
  return (
    (b.agreement.signedOn ?? "").localeCompare(a.agreement.signedOn ?? "") ||
    a.agreement.id - b.agreement.id ||
    a.position - b.position ||
    a.id - b.id
  );
}

describe("the compare view in SQL equals compareDates over every row", () => {
  const PAIRS: [string, string, string?][] = [
    ["2025-06-01", "2025-11-25"],
    ["2024-11-25", TODAY],
    ["2026-11-01", TODAY],
    ["2019-01-01", "2021-06-30"],
    ["2025-03-03", "2025-03-03"],
  ];
  it.each(PAIRS)("from %s to %s", (from, to) => {
    const want = compareDates(catalog, from, to).sort((a, b) => agreementOrder(a.row, b.row));
    const got = compareChanges(t.db, { from, to }, 1, 100_000);
    expect(got.total).toEqual(countByLevel(want.map((c) => c.row)));
    expect(got.changes.map((c) => c.row.id)).toEqual(want.map((c) => c.row.id));
    expect(got.changes).toEqual(want);
  });

  it("has changes of every kind to compare", () => {
    const changes = compareChanges(t.db, { from: "2019-01-01", to: "2021-06-30" }, 1, 100_000).changes;
    expect(changes.length).toBeGreaterThan(200);
    expect(changes.some((c) => c.fromStatus === null)).toBe(true);
    expect(changes.some((c) => c.fromStatus !== null && c.fromStatus === c.toStatus)).toBe(true);
    expect(changes.some((c) => c.row.level === "milestone")).toBe(true);
  });

  it("filters by agreement and pages in SQL", () => {
    const from = "2024-11-25";
    const all = compareDates(catalog, from, TODAY).sort((a, b) => agreementOrder(a.row, b.row));
    const slug = all.find((c) => c.fromStatus !== null)!.row.agreement.slug;
    const want = compareDates(
      catalog.filter((r) => r.agreement.slug === slug),
      from,
      TODAY,
    ).sort((a, b) => agreementOrder(a.row, b.row));
    expect(want.length).toBeGreaterThan(0);
    expect(compareChanges(t.db, { from, to: TODAY, agreement: slug }, 1, 100).changes).toEqual(want);
    const page3 = compareChanges(t.db, { from, to: TODAY }, 3, 40);
    expect(page3.page).toBe(3);
    expect(page3.pages).toBe(Math.ceil(all.length / 40));
    expect(page3.changes).toEqual(all.slice(80, 120));
    // Past the last page: the last page.
    const past = compareChanges(t.db, { from, to: TODAY }, 10_000, 40);
    expect(past.page).toBe(past.pages);
    expect(past.changes).toEqual(all.slice((past.pages - 1) * 40));
    expect(compareChanges(t.db, { from, to: TODAY, agreement: "no-such-agreement" }, 1, 40).total).toEqual({
      commitments: 0,
      milestones: 0,
    });
  });
});
