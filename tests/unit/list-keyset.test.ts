/**
 * The export's keyset chunks (db/queries/list-keyset.ts) against the offset read of the same list
 * (list-counts.ts `indexedPage` with no limit, what the export read before): the same ids in the
 * same order for every sort, with and without filters, with small chunks so that every plan runs
 * (a walk of the order indexes, sorted groups, the filtered sort), on the default dataset grown to
 * a few thousand rows with ties made in every sort key. And the plans: the unfiltered export's
 * statements read ranges of indexes, with no full scan and no sort.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { indexedPage } from "@/db/queries/list-counts";
import { iterateCommitmentList, queryCommitmentList } from "@/db/queries/list";
import { keysetChunks } from "@/db/queries/list-keyset";
import { listQuerySchema } from "@/lib/commitment-list";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 3000, seed: 4 });
  // Ties in every key: agreements signed the same day and unsigned ones, commitments at the same
  // position, many rows on one target date and one assessment day.
  t.db.run(sql`UPDATE agreements SET signed_on = '2024-05-01' WHERE id % 7 = 0`);
  t.db.run(sql`UPDATE agreements SET signed_on = NULL WHERE id % 11 = 0`);
  t.db.run(sql`UPDATE commitments SET position = 3 WHERE id % 5 = 0`);
  t.db.run(sql`UPDATE commitments SET target_date = '2027-12-31' WHERE id % 4 = 0`);
  t.db.run(sql`UPDATE commitments SET target_date = NULL WHERE id % 13 = 0`);
  t.db.run(sql`UPDATE commitments SET last_assessed_on = '2026-01-15' WHERE id % 6 = 0`);
  t.db.run(sql`UPDATE commitments SET last_assessed_on = NULL WHERE id % 17 = 0`);
  t.db.run(sql`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id % 29 = 0`);
}, 120_000);
afterAll(() => t.cleanup());

function keysetIds(params: Record<string, string>, chunk: number): number[] {
  const query = listQuerySchema(TODAY).parse(params);
  const chunks = [...keysetChunks(t.db, query, TODAY, chunk)];
  for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(chunk);
  return chunks.flat().map((r) => r.id);
}

function offsetIds(params: Record<string, string>): number[] {
  return indexedPage(t.db, listQuerySchema(TODAY).parse(params), TODAY, -1, 0).map((r) => r.id);
}

describe("keyset chunks equal the offset read", () => {
  const filters: Record<string, string>[] = [
    {},
    { status: "in_progress" },
    { level: "milestone" },
    { theme: "trade" },
    { overdue: "1" },
    { q: "trade" },
    { status: "stalled", level: "commitment" },
  ];
  for (const sort of ["agreement", "target", "updated", "status"]) {
    for (const f of filters) {
      it(`sort=${sort} ${JSON.stringify(f)}`, () => {
        const want = offsetIds({ ...f, sort });
        if (Object.keys(f).length === 0) expect(want.length).toBeGreaterThan(2500);
        for (const chunk of [37, 500]) expect(keysetIds({ ...f, sort }, chunk), `chunk ${chunk}`).toEqual(want);
      });
    }
  }

  it("an agreement filter and a filter nothing passes", () => {
    const slug = t.db.get<{ slug: string }>(sql`SELECT slug FROM agreements WHERE id % 7 = 0 LIMIT 1`)!.slug;
    expect(keysetIds({ agreement: slug }, 7)).toEqual(offsetIds({ agreement: slug }));
    expect(keysetIds({ agreement: slug }, 7).length).toBeGreaterThan(7);
    expect(keysetIds({ status: "stalled", q: "zzzznothing" }, 10)).toEqual([]);
  });

  it("the exported rows are the list's pages, in order", () => {
    const query = listQuerySchema(TODAY).parse({ sort: "target" });
    const rows = [...iterateCommitmentList(t.db, query, TODAY, 61)];
    const pages = [1, 2, 3].flatMap(
      (page) => queryCommitmentList(t.db, { ...query, page }, TODAY, 25, { facets: false }).rows,
    );
    expect(rows.slice(0, 75)).toEqual(pages);
  });
});

/** The statements (SQL and parameters) that `run` prepares and runs on the test database. */
function statementsOf(run: () => void): { source: string; params: unknown[] }[] {
  const client = t.db.$client;
  const seen: { source: string; params: unknown[] }[] = [];
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ["all", "get"] as const) {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ source, params });
        return original(...params);
      };
    }
    return statement;
  }) as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = prepare;
  }
  return seen;
}

function planOf({ source, params }: { source: string; params: unknown[] }): string {
  return (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join("\n");
}

describe("the unfiltered export's plans", () => {
  it("walks index ranges in the default order: no full scan and no sort, in every chunk", () => {
    let n = 0;
    const seen = statementsOf(() => {
      for (const c of keysetChunks(t.db, listQuerySchema(TODAY).parse({}), TODAY, 200)) n += c.length;
    });
    expect(n).toBeGreaterThan(2500);
    const chunks = seen.filter((s) => s.source.includes("commitments_live_idx"));
    expect(chunks.length).toBeGreaterThan(12);
    for (const s of chunks) {
      const plan = planOf(s);
      expect(plan).not.toContain("TEMP B-TREE");
      expect(plan).not.toMatch(/SCAN (c|commitments)\b/);
      // Past the first chunk, a range of the agreements' order index from the cursor's agreement.
      if (s.source.includes("a.id >="))
        expect(plan).toContain("SEARCH a USING COVERING INDEX agreements_signed_order_idx (<expr><?)");
      else expect(plan).toContain("SCAN a USING COVERING INDEX agreements_signed_order_idx");
    }
  });

  it("reads a range of the date's index in a date order, sorting only one day's rows", () => {
    for (const [sort, index] of [
      ["target", "commitments_live_target_idx (live=? AND target_date>?)"],
      ["updated", "commitments_live_assessed_idx (live=? AND last_assessed_on<?)"],
    ] as const) {
      const seen = statementsOf(() => {
        for (const c of keysetChunks(t.db, listQuerySchema(TODAY).parse({ sort }), TODAY, 200)) void c;
      });
      const ranges = seen.filter((s) => s.source.includes(index.split(" ")[0]!) && s.source.includes("<>"));
      expect(ranges.length).toBeGreaterThan(10);
      for (const s of ranges) {
        const plan = planOf(s);
        expect(plan).toContain(`SEARCH c USING INDEX ${index}`);
        expect(plan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      }
    }
  });
});
