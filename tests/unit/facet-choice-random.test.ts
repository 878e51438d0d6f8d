/**
 * The counting rule under combined filters (lib/commitment-list.ts): for random combinations of
 * status, theme, party, owner, strength, overdue, level and a search, every value a facet shows
 * counts exactly the rows the list returns once that value is chosen (other filters kept), on a
 * grown database where themes and owners are also spelt in other cases ("trade" beside "Trade").
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { queryCommitmentList, statusBreakdown } from "@/db/queries/list";
import { searchCommitmentIds } from "@/db/queries/catalog";
import { caseBlind, FACETS, listCommitments, listQuerySchema, mergeCaseVariants } from "@/lib/commitment-list";

import { loadCatalog } from "../support/catalog";
import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
let catalog: ReturnType<typeof loadCatalog>;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 1500, seed: 5 });
  // Some rows spelt in other cases, as an admin may type them.
  t.db.run(sql`UPDATE commitments SET theme = lower(theme) WHERE id % 7 = 0`);
  t.db.run(sql`UPDATE commitments SET theme = upper(theme) WHERE id % 11 = 0`);
  t.db.run(sql`UPDATE commitments SET owner = lower(owner) WHERE id % 5 = 0`);
  // Outside ASCII, SQLite's NOCASE and lower() keep the case: two values, in the rule as in SQL.
  t.db.run(sql`UPDATE commitments SET theme = 'Énergie' WHERE id % 13 = 0`);
  t.db.run(sql`UPDATE commitments SET theme = 'énergie' WHERE id % 17 = 0`);
  catalog = loadCatalog(t.db);
}, 120_000);
afterAll(() => t.cleanup());

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomParams(random: () => number): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, list] of Object.entries(CHOICES)) {
    if (random() < 0.3) params[key] = list[Math.floor(random() * list.length)] ?? "";
  }
  return params;
}

const CHOICES: Record<string, string[]> = {
  status: ["in_progress", "stalled", "not_assessed", "fulfilled"],
  theme: ["Trade", "trade", "ENERGY", "Health", "Énergie", "énergie"],
  party: ["KR", "MY"],
  owner: ["Both governments", "ministry of trade (kr)"],
  strength: ["binding", "intent"],
  overdue: ["1", "0"],
  level: ["commitment", "milestone"],
  q: ["partnership", "trade", "cooperation"],
};

describe("each facet value counts the rows choosing it returns", () => {
  it("under random combinations of filters", () => {
    const random = rng(7);
    let checked = 0;
    for (let n = 0; n < 25; n++) {
      const params = randomParams(random);
      const base = queryCommitmentList(t.db, listQuerySchema(TODAY).parse(params), TODAY);
      for (const facet of FACETS) {
        if (facet === "agreement") continue;
        for (const [value, count] of base.facets[facet]) {
          const chosen = queryCommitmentList(t.db, listQuerySchema(TODAY).parse({ ...params, [facet]: value }), TODAY);
          expect(chosen.total, `${JSON.stringify(params)} then ${facet}=${value}`).toEqual(count);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});

describe("the list in SQL equals the rule in JavaScript with themes and owners in several cases", () => {
  it("for random combinations of filters, as they are and as of a date", () => {
    const random = rng(11);
    const fixed: Record<string, string>[] = [
      { theme: "Énergie" },
      { theme: "énergie", level: "commitment" },
      { theme: "Énergie", asOf: "2025-09-01" },
    ];
    for (let n = 0; n < 23; n++) {
      const params = fixed[n] ?? { ...randomParams(random), ...(n % 4 === 3 ? { asOf: "2025-09-01" } : {}) };
      const query = listQuerySchema(TODAY).parse(params);
      const got = queryCommitmentList(t.db, query, TODAY, 50);
      const want = listCommitments(catalog, query, TODAY, query.q ? searchCommitmentIds(t.db, query.q) : null, 50);
      expect(got.total, JSON.stringify(params)).toEqual(want.total);
      expect(
        got.rows.map((r) => r.id),
        JSON.stringify(params),
      ).toEqual(want.rows.map((r) => r.id));
      for (const facet of FACETS)
        expect(Object.fromEntries(got.facets[facet]), `${JSON.stringify(params)} ${facet}`).toEqual(
          Object.fromEntries(want.facets[facet]),
        );
    }
  }, 120_000);

  it("merges spellings that differ in ASCII case only, under the most common one", () => {
    const c = (commitments: number, milestones = 0) => ({ commitments, milestones });
    const merged = mergeCaseVariants(
      new Map([
        ["trade", c(1)],
        ["Trade", c(5, 1)],
        ["TRADE", c(2)],
        ["Énergie", c(1)],
        ["énergie", c(1)],
      ]),
    );
    expect(Object.fromEntries(merged)).toEqual({ Trade: c(8, 1), Énergie: c(1), énergie: c(1) });
  });
});

describe("the home page's charts with themes and owners in several cases", () => {
  it.each(["theme", "owner"] as const)(
    "a bar of a %s counts what its link to the list returns",
    (by) => {
      const { rows, keys } = statusBreakdown(t.db, by, 1000);
      const labels = new Set(rows.map((r) => r.key));
      expect(labels.size).toBe(keys);
      // One bar per value the list's filter tells apart (ASCII case aside).
      expect(new Set([...labels].map(caseBlind)).size).toBe(labels.size);
      for (const r of rows.filter((row) => row.key !== "")) {
        const listed = queryCommitmentList(
          t.db,
          listQuerySchema(TODAY).parse({ [by]: r.key, status: r.status, level: "commitment" }),
          TODAY,
        );
        expect(listed.total.commitments, `${by}=${r.key} status=${r.status}`).toBe(r.count);
      }
      // A list query per bar (hundreds of owners): seconds on a loaded machine.
    },
    120_000,
  );
});
