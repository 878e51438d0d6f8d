/**
 * The public agreement page's reads (db/queries/agreement-page.ts) against the same rules applied
 * in JavaScript to the agreement's whole tree (lib/agreement-page.ts `agreementPageOf` over
 * `getAgreementBySlug`), on the default dataset grown by the generator, with a deleted milestone,
 * a deleted parent and one agreement made to hold 1,000 commitments (as an import brings them);
 * and the paging and chart rules themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { agreementPage } from "@/db/queries/agreement-page";
import { getAgreementBySlug } from "@/db/queries/agreements";
import {
  AGREEMENT_PAGE_SIZE,
  type AgreementPageData,
  agreementPageOf,
  chartKeys,
  tableOrder,
  tablePage,
  tablePageQuerySchema,
} from "@/lib/agreement-page";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
let bigSlug: string;
let slugs: string[];

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 2000, seed: 5 });
  const run = (q: string) => t.db.$client.exec(q);
  const at = "'2026-01-01T00:00:00.000Z'";
  run(`UPDATE commitments SET deleted_at = ${at}
    WHERE id = (SELECT id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 3)`);
  run(`UPDATE commitments SET deleted_at = ${at}
    WHERE id = (SELECT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 20)`);
  // One agreement takes the commitments of 40 others (their parties become its parties).
  run(`INSERT OR IGNORE INTO agreement_parties (agreement_id, party_code)
    SELECT DISTINCT 2, party_code FROM agreement_parties WHERE agreement_id BETWEEN 3 AND 42`);
  run(`UPDATE commitments SET agreement_id = 2, ref = ref || '-' || id, position = (id * 7919) % 1009
    WHERE agreement_id BETWEEN 3 AND 42`);
  // Case variants of one owner, which the charts take as one bar.
  run(`UPDATE commitments SET owner = upper(owner) WHERE agreement_id = 2 AND id % 3 = 0`);
  // The default agreement, the large one, two small ones (one with a deleted parent or milestone),
  // and one left with no commitments.
  const rows = t.db.$client.prepare("SELECT slug FROM agreements WHERE id IN (1, 2, 43, 60, 3) ORDER BY id").all() as {
    slug: string;
  }[];
  slugs = rows.map((r) => r.slug);
  bigSlug = slugs[1]!;
}, 120_000);
afterAll(() => t.cleanup());

interface Node {
  id: number;
  milestones: readonly Node[];
}
const ids = (list: readonly Node[]): unknown => list.map((c) => [c.id, ids(c.milestones)]);

/** The agreement page's reads for `slug` (page `page`, on TODAY); fails the test when it is null. */
function readPage(slug: string, page = 1): AgreementPageData {
  const got = agreementPage(t.db, slug, page, TODAY);
  expect(got, `${slug} page ${page}`).not.toBeNull();
  return got!;
}

describe("agreementPage (SQL) equals the rules applied to the whole tree", () => {
  it("on every page of the large agreement and on the default and two small ones", () => {
    for (const slug of slugs) {
      const whole = getAgreementBySlug(t.db, slug)!;
      const pages = Math.max(1, Math.ceil(whole.total / AGREEMENT_PAGE_SIZE));
      const seen: number[] = [];
      for (let page = 1; page <= pages; page++) {
        const got = readPage(slug, page);
        const want = agreementPageOf(whole, page, TODAY);
        expect(ids(got.agreement.commitments), `${slug} page ${page}`).toEqual(ids(want.agreement.commitments));
        expect(got.agreement.commitments).toEqual(want.agreement.commitments);
        expect(got.table).toEqual(want.table);
        expect(got.themes).toEqual(want.themes);
        for (const chart of ["byTheme", "byOwner"] as const)
          expect({ ...got[chart], rows: sortRows(got[chart].rows) }).toEqual({
            ...want[chart],
            rows: sortRows(want[chart].rows),
          });
        expect([got.overdue, got.withProgress]).toEqual([want.overdue, want.withProgress]);
        expect(got.agreement.meanProgress).toBe(whole.meanProgress);
        expect(sortById(got.passages)).toEqual(sortById(want.passages));
        seen.push(...got.agreement.commitments.map((c) => c.id));
      }
      // Every live top-level commitment on exactly one page.
      expect([...seen].sort((a, b) => a - b)).toEqual(whole.commitments.map((c) => c.id).sort((a, b) => a - b));
    }
  });

  it("the large agreement's 819 live top-level commitments (one parent deleted) are on 17 pages, its charts at most 15 bars", () => {
    const page = readPage(bigSlug);
    const live = t.db.$client
      .prepare("SELECT count(*) AS n FROM commitments WHERE agreement_id = 2 AND live = 1 AND parent_id IS NULL")
      .get() as { n: number };
    expect(live.n).toBe(819);
    expect(page.table).toMatchObject({ total: 819, pages: 17, first: 1, last: 50 });
    expect(page.agreement.commitments).toHaveLength(50);
    expect(new Set(page.byOwner.rows.map((r) => r.key)).size).toBeLessThanOrEqual(15);
    expect(page.byOwner.keys).toBeGreaterThan(15);
    // Owners that differ in case only are one key.
    expect(page.byOwner.rows.some((r) => r.key !== r.key.toUpperCase() && /[a-z]/.test(r.key))).toBe(true);
    const keys = page.byOwner.rows.map((r) => r.key.toLowerCase());
    expect(new Set(keys).size).toBe(new Set(page.byOwner.rows.map((r) => r.key)).size);
    const past = readPage(bigSlug, 99);
    expect(past.table).toMatchObject({ page: 17, clamped: true, first: 801, last: 819 });
    expect(past.agreement.commitments).toHaveLength(19);
  });

  it("the default agreement's passages are its anchored commitments", () => {
    const page = readPage(slugs[0]!);
    expect(page.passages.length).toBeGreaterThanOrEqual(3);
    for (const p of page.passages) expect(p.anchor.start).not.toBeNull();
  });

  it("an unknown or deleted agreement is null", () => {
    expect(agreementPage(t.db, "no-such-agreement", 1, TODAY)).toBeNull();
  });

  it("with planner statistics, its statements read one agreement's rows by index", () => {
    t.db.$client.exec("ANALYZE");
    const client = t.db.$client;
    const seen: { sql: string; params: unknown[] }[] = [];
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => {
      const statement = prepare(source);
      for (const method of ["all", "get"] as const) {
        const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
          seen.push({ sql: source, params });
          return original(...params);
        };
      }
      return statement;
    }) as typeof client.prepare;
    try {
      readPage(slugs[3]!);
    } finally {
      client.prepare = prepare;
    }
    expect(seen.length).toBeGreaterThan(8);
    for (const { sql, params } of seen) {
      const plan = (client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join("\n");
      expect(plan, sql).not.toMatch(/SCAN (commitments|status_updates|c\b)/);
      // The rows of every top-level commitment of the database: the plan statistics chose for
      // `parent_id IS NULL` before it was written `+parent_id IS NULL`.
      if (/agreement_id/.test(sql)) expect(plan, sql).not.toContain("commitments_open_target_idx");
    }
  }, 30_000);
});

describe("paging and chart rules", () => {
  it("tablePage clamps to the pages there are", () => {
    expect(tablePage(1, 0)).toEqual({ page: 1, pages: 1, total: 0, first: 0, last: 0, clamped: false });
    expect(tablePage(2, 120, 50)).toEqual({ page: 2, pages: 3, total: 120, first: 51, last: 100, clamped: false });
    expect(tablePage(7, 120, 50)).toEqual({ page: 3, pages: 3, total: 120, first: 101, last: 120, clamped: true });
  });

  it("the page parameter is a page number from 1; anything else is refused with a message", () => {
    expect(tablePageQuerySchema.parse({ page: "3" }).page).toBe(3);
    expect(tablePageQuerySchema.parse({}).page).toBe(1);
    for (const page of ["0", "-2", "2.5", "x", "1e9"])
      expect(tablePageQuerySchema.safeParse({ page }).error?.issues[0]?.message, page).toBe("Use a page number from 1");
  });

  it("tableOrder groups by theme in order of first appearance and counts each", () => {
    const got = tableOrder([
      { theme: "Trade", id: 1 },
      { theme: "Defence", id: 2 },
      { theme: "Trade", id: 3 },
    ]);
    expect(got.ordered.map((r) => r.id)).toEqual([1, 3, 2]);
    expect(got.themes).toEqual([
      { theme: "Trade", count: 2 },
      { theme: "Defence", count: 1 },
    ]);
  });

  it("chartKeys merges case variants under the commonest spelling and keeps the largest keys", () => {
    const got = chartKeys(
      [
        { key: "MOTIE", status: "in_progress", count: 1 },
        { key: "Motie", status: "in_progress", count: 3 },
        { key: "Motie", status: "stalled", count: 1 },
        { key: "B", status: "stalled", count: 2 },
        { key: "A", status: "stalled", count: 2 },
        { key: "", status: "not_assessed", count: 1 },
      ],
      2,
    );
    expect(got).toEqual({
      rows: [
        { key: "Motie", status: "in_progress", count: 4 },
        { key: "Motie", status: "stalled", count: 1 },
        { key: "A", status: "stalled", count: 2 },
      ],
      keys: 4,
    });
  });
});

function sortRows<T extends { key: string; status: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.key + a.status < b.key + b.status ? -1 : 1));
}

function sortById<T extends { id: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.id - b.id);
}
