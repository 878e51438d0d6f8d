/**
 * The list in SQL (db/queries/list.ts) against the reference rules in JavaScript
 * (lib/commitment-list.ts, lib/progress.ts), on the default dataset grown by the generator
 * (db/grow.ts) to a few thousand rows: built once for the file.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { searchCommitmentIds } from "@/db/queries/catalog";
import { pagePlan } from "@/db/queries/list-counts";
import { iterateCommitmentList, queryCommitmentList, rolledProgress, statusBreakdown } from "@/db/queries/list";
import { asOfCatalog, FACETS, listCommitments, listQuerySchema } from "@/lib/commitment-list";
import { effectiveProgress, type ProgressNode } from "@/lib/progress";

import { loadCatalog } from "../support/catalog";
import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
let catalog: ReturnType<typeof loadCatalog>;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 2500, seed: 9 });
  // A deleted milestone and a deleted parent, so "live" is exercised by the SQL too.
  t.db.run(sql`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z'
    WHERE id IN (SELECT id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 7)`);
  t.db.run(sql`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z'
    WHERE id IN (SELECT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 40)`);
  catalog = loadCatalog(t.db);
}, 120_000);
afterAll(() => t.cleanup());

function both(params: Record<string, string>, pageSize = 100) {
  // "@grown" stands for the first generated agreement (its slug depends on the generator's draws).
  const grown = () =>
    t.db.get<{ slug: string }>(sql`SELECT slug FROM agreements WHERE slug LIKE 'grown-%' ORDER BY id LIMIT 1`)!.slug;
  const query = listQuerySchema(TODAY).parse(
    params.agreement === "@grown" ? { ...params, agreement: grown() } : params,
  );
  const ids = query.q ? searchCommitmentIds(t.db, query.q) : null;
  const js = listCommitments(catalog, query, TODAY, ids, pageSize);
  // Today's list rows carry no history (db/queries/list.ts `hydrate` reads it only for an as-of view).
  return {
    sql: queryCommitmentList(t.db, query, TODAY, pageSize),
    js: query.asOf ? js : { ...js, rows: js.rows.map((r) => ({ ...r, history: [] })) },
  };
}

const QUERIES: Record<string, string>[] = [
  {},
  { page: "3" },
  { status: "in_progress" },
  { theme: "trade" },
  { party: "kr" },
  { owner: "Both governments" },
  { strength: "binding" },
  { overdue: "1" },
  { overdue: "0", level: "milestone" },
  { status: "stalled", theme: "Energy and climate", sort: "target" },
  { sort: "updated", page: "2" },
  { sort: "status", level: "commitment" },
  { q: "semiconductor hydrogen" },
  { q: "co2" },
  { q: "partnership", status: "fulfilled", sort: "updated" },
  { asOf: "2025-06-01" },
  { asOf: "2025-06-01", status: "in_progress", sort: "updated" },
  { asOf: "2024-01-15", overdue: "1", sort: "target" },
  { asOf: "2026-03-01", level: "milestone", sort: "status", page: "2" },
  // The page read in the counts' statement (db/queries/list.ts facetCounts): a deep page, one past
  // the last (read again, clamped), by "last updated".
  { asOf: "2025-06-01", sort: "updated", page: "3" },
  { asOf: "2025-06-01", theme: "trade", page: "999" },
  { q: "partnership", page: "999" },
  // The paths of db/queries/list-counts.ts: answered from live_counts alone, one dimension filter,
  // two or three, overdue with others, and every sort over the indexed page.
  { status: "in_progress", level: "milestone" },
  { agreement: "kr-my-strategic-partnership-2024" },
  { agreement: "@grown", theme: "trade" },
  { party: "MY", strength: "intent" },
  { owner: "both governments", overdue: "1" },
  { theme: "tourism", party: "kr", level: "commitment", sort: "target" },
  { strength: "exploratory", status: "stalled", level: "commitment", sort: "status" },
  { overdue: "0", sort: "updated" },
  { status: "not_assessed", page: "4" },
];

describe("the list in SQL equals the list in JavaScript", () => {
  it.each(QUERIES)("%j", (params) => {
    const { sql: got, js: want } = both(params);
    expect(got.total).toEqual(want.total);
    expect([got.page, got.pages, got.day]).toEqual([want.page, want.pages, want.day]);
    expect(got.rows).toEqual(want.rows);
    for (const facet of FACETS)
      expect(Object.fromEntries(got.facets[facet]), facet).toEqual(Object.fromEntries(want.facets[facet]));
  });

  it.each(QUERIES.slice(QUERIES.findIndex((q) => q.level === "milestone" && q.status === "in_progress")))(
    "has rows to compare for %j",
    (params) => {
      const { sql: got } = both(params);
      expect(got.total.commitments + got.total.milestones).toBeGreaterThan(0);
    },
  );

  it("has rows to compare: the grown database lists thousands, over many agreements", () => {
    const { sql: got } = both({});
    expect(got.total.commitments + got.total.milestones).toBeGreaterThan(2500);
    expect(got.facets.agreement.size).toBeGreaterThan(100);
  });
});

describe("counts per facet", () => {
  it.each<Record<string, string>>([
    {},
    { status: "in_progress" },
    { q: "partnership" },
    { asOf: "2025-06-01", theme: "trade" },
  ])(
    "each value of %j counts the rows choosing it returns",
    (params) => {
      const base = both(params).sql;
      for (const facet of ["status", "theme", "party", "strength", "overdue", "level"] as const) {
        for (const [value, count] of base.facets[facet]) {
          const chosen = queryCommitmentList(t.db, listQuerySchema(TODAY).parse({ ...params, [facet]: value }), TODAY);
          expect(chosen.total, `${facet}=${value}`).toEqual(count);
        }
      }
    },
    60_000,
  );
});

describe("the home page's charts", () => {
  it.each(["theme", "owner"] as const)("count top-level commitments by %s and status as the rows do", (by) => {
    const want = new Map<string, number>();
    for (const r of catalog.filter((r) => r.level === "commitment")) {
      const key = `${r[by]}|${r.status}`;
      want.set(key, (want.get(key) ?? 0) + 1);
    }
    const { rows, keys } = statusBreakdown(t.db, by, 100_000);
    expect(new Map(rows.map((r) => [`${r.key}|${r.status}`, r.count]))).toEqual(want);
    expect(keys).toBe(new Set(catalog.filter((r) => r.level === "commitment").map((r) => r[by])).size);
    // The first keys are those with the most commitments.
    const top = statusBreakdown(t.db, by, 3).rows;
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
    const best = [...totals]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([k]) => k);
    expect([...new Set(top.map((r) => r.key))]).toEqual(best);
  });
});

describe("as of a date", () => {
  it("equals the history replayed in JavaScript, row by row", () => {
    const asOf = "2025-09-30";
    const replayed = new Map(asOfCatalog(catalog, asOf).map((r) => [r.id, r]));
    const rows = [...iterateCommitmentList(t.db, listQuerySchema(TODAY).parse({ asOf }), TODAY)];
    expect(rows.length).toBe(replayed.size);
    for (const r of rows) expect(r).toEqual(replayed.get(r.id));
  });

  it("reads each row's status, progress and target move on the day from the covering history index", () => {
    // The forms of db/queries/list.ts and compare.ts: with (commitment_id, happened_on, id, …) the
    // seek returns its row in order without a sort and without reading status_updates.
    const seeks = [
      `SELECT s.status_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= '2025-06-01'
        ORDER BY s.happened_on DESC, s.id DESC LIMIT 1`,
      `SELECT s.progress_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= '2025-06-01'
        AND s.progress_to IS NOT NULL ORDER BY s.happened_on DESC, s.id DESC LIMIT 1`,
      `SELECT coalesce(s.target_date_from, '~') FROM status_updates s WHERE s.commitment_id = c.id
        AND s.happened_on > '2025-06-01' AND s.target_date_from IS NOT s.target_date_to ORDER BY s.happened_on, s.id LIMIT 1`,
    ];
    for (const seek of seeks) {
      const plan = t.db.$client
        .prepare(`EXPLAIN QUERY PLAN SELECT c.id, (${seek}) FROM commitments c WHERE c.live = 1`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join("\n");
      expect(plan).toContain("SEARCH s USING COVERING INDEX status_updates_history_idx");
      expect(plan).not.toContain("TEMP B-TREE");
    }
  });
});

describe("roll-up", () => {
  it("equals effectiveProgress over each commitment's live milestones", () => {
    const byParent = new Map<number, typeof catalog>();
    for (const r of catalog)
      if (r.parentId !== null) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
    const own = new Map(
      t.db
        .all<{ id: number; progress: number | null; status: ProgressNode["status"] }>(
          sql`SELECT id, progress, status FROM commitments`,
        )
        .map((r) => [r.id, r]),
    );
    const node = (id: number): ProgressNode => ({
      progress: own.get(id)?.progress ?? null,
      status: own.get(id)?.status ?? "not_assessed",
      milestones: (byParent.get(id) ?? []).map((m) => node(m.id)),
    });
    const parents = catalog.filter((r) => byParent.has(r.id)).map((r) => r.id);
    expect(parents.length).toBeGreaterThan(50);
    const rolled = rolledProgress(t.db, parents);
    for (const id of parents) expect(rolled.get(id), String(id)).toBe(effectiveProgress(node(id)));
  });
});

describe("the export", () => {
  it("streams every row of the filter in the list's order", () => {
    const query = listQuerySchema(TODAY).parse({ theme: "trade", sort: "target" });
    const want = listCommitments(catalog, query, TODAY, null, Infinity).rows;
    // Today's export carries no history (db/queries/list.ts reads it only for an as-of view).
    expect([...iterateCommitmentList(t.db, query, TODAY, 97)]).toEqual(want.map((r) => ({ ...r, history: [] })));
  });
});

describe("pagePlan: walk the order indexes or sort the matching rows", () => {
  it("walks for a filter most rows pass, sorts for a rare one, a deep page or every row", () => {
    // 8,000 stalled of 50,000: the first page reads about 160 rows walking, 8,000 sorting.
    expect(pagePlan(8000, 50_000, 25, 0)).toBe("walk");
    // 550 matches: walking would read about 2,300 rows before filling a page.
    expect(pagePlan(550, 50_000, 25, 0)).toBe("sort");
    // The same common filter on page 300: walking reads 7,500 × 50,000 / 8,000 rows.
    expect(pagePlan(8000, 50_000, 25, 299 * 25)).toBe("sort");
    expect(pagePlan(50_000, 50_000, 25, 0)).toBe("walk");
    expect(pagePlan(8000, 50_000, -1, 0)).toBe("sort");
    expect(pagePlan(0, 50_000, 25, 0)).toBe("sort");
  });
});
