/**
 * The reads at more than 33,000 commitments, past SQLite's limit of 32,766 bound variables that
 * `partiesByCommitment` and the list used to hit (one variable per row): the database is grown once
 * for the file (db/grow.ts) and every read below answers over all of it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import {
  BREAKDOWN_KEYS_SHOWN,
  catalogRows,
  iterateCommitmentList,
  queryCommitmentList,
  statusBreakdown,
} from "@/db/queries/list";
import { lastUpdatedByCommitment, partiesByCommitment } from "@/db/queries/shared";
import { listQuerySchema } from "@/lib/commitment-list";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
let live: { commitments: number; milestones: number };
let ids: number[];

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 33_500, seed: 5 });
  const rows = t.db.all<{ top: number; n: number }>(
    sql`SELECT parent_id IS NULL AS top, count(*) AS n FROM commitments WHERE live = 1 GROUP BY 1`,
  );
  live = {
    commitments: rows.find((r) => r.top === 1)?.n ?? 0,
    milestones: rows.find((r) => r.top === 0)?.n ?? 0,
  };
  ids = t.db.all<{ id: number }>(sql`SELECT id FROM commitments WHERE live = 1 ORDER BY id`).map((r) => r.id);
}, 600_000);
afterAll(() => t.cleanup());

describe("more than 33,000 commitments", () => {
  it("has more live rows than SQLite has variables", () => {
    expect(ids.length).toBeGreaterThan(33_000);
  });

  it("lists and counts them all, facets adding up to the total by the counting rule", () => {
    const result = queryCommitmentList(t.db, listQuerySchema(TODAY).parse({}), TODAY);
    expect(result.total).toEqual(live);
    expect(result.rows).toHaveLength(25);
    expect(result.pages).toBe(Math.ceil((live.commitments + live.milestones) / 25));
    for (const facet of ["status", "level", "overdue"] as const) {
      const sum = [...result.facets[facet].values()].reduce(
        (a, c) => ({ commitments: a.commitments + c.commitments, milestones: a.milestones + c.milestones }),
        { commitments: 0, milestones: 0 },
      );
      expect(sum, facet).toEqual(live);
    }
  }, 120_000);

  it("reads parties and last updates for every id with one bound variable", () => {
    expect(partiesByCommitment(t.db, ids).size).toBe(ids.length);
    expect(lastUpdatedByCommitment(t.db, ids).size).toBeGreaterThan(33_000);
  }, 120_000);

  it("streams a filter of thousands of rows, each once, in the list's order", () => {
    const query = listQuerySchema(TODAY).parse({ level: "milestone" });
    const rows = [...iterateCommitmentList(t.db, query, TODAY)];
    expect(rows).toHaveLength(live.milestones);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.every((r) => r.level === "milestone")).toBe(true);
    const firstPage = queryCommitmentList(t.db, query, TODAY).rows.map((r) => r.id);
    expect(rows.slice(0, 25).map((r) => r.id)).toEqual(firstPage);
  }, 120_000);

  it("counts top-level commitments by theme for the home page's chart", () => {
    const all = statusBreakdown(t.db, "theme", 1000);
    expect(all.rows.reduce((n, r) => n + r.count, 0)).toBe(live.commitments);
    const shown = statusBreakdown(t.db, "owner");
    expect(new Set(shown.rows.map((r) => r.key)).size).toBe(Math.min(BREAKDOWN_KEYS_SHOWN, shown.keys));
    expect(shown.keys).toBeGreaterThan(BREAKDOWN_KEYS_SHOWN);
  }, 120_000);

  it("reads one row by id like the list does", () => {
    const id = ids.at(-1) ?? 0;
    const [row] = catalogRows(t.db, [id]);
    expect(row?.id).toBe(id);
    expect(row?.parties.length).toBeGreaterThan(0);
  });
});
